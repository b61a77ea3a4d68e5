import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics.js';
import { closest, didYouMean } from '../text/suggest.js';
import { locate, type ParsedYaml, type PathSegment } from '../yaml/source.js';

export type SchemaName = 'instrument' | 'obligation' | 'assessment' | 'observations';

/** A compiled validator, as ajv (or its precompiled standalone code) provides it. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export type Validators = Record<SchemaName, Validator>;

/** Checks parsed files against the JSON Schemas and positions each error at its node in the file. */
export interface SchemaChecker {
  check(name: SchemaName, parsed: ParsedYaml): Diagnostic[];
}

export function createSchemaChecker(validators: Validators): SchemaChecker {
  return {
    check(name, parsed) {
      const validate = validators[name];
      if (validate(parsed.value)) return [];
      return toDiagnostics(parsed, validate.errors ?? []);
    },
  };
}

export function toDiagnostics(parsed: ParsedYaml, errors: readonly ErrorObject[]): Diagnostic[] {
  // An anyOf failure already says what was expected; its branches' errors only repeat it.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  // A misspelt key also makes the key it was meant to be "missing": report the spelling only.
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
        return `${e.instancePath}\0${closest(key, allowed)}`;
      }),
  );
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    // propertyNames reports the key's pattern failure too; the propertyNames error says it better.
    if ((error as { propertyName?: string }).propertyName !== undefined) continue;
    if (
      error.keyword === 'required' &&
      misspelt.has(`${error.instancePath}\0${(error.params as { missingProperty: string }).missingProperty}`)
    ) {
      continue;
    }
    if (error.schemaPath.includes('/anyOf/') && anyOfPaths.has(error.instancePath)) continue;
    diagnostics.push(toDiagnostic(parsed, error));
  }
  return diagnostics;
}

function toDiagnostic(parsed: ParsedYaml, error: ErrorObject): Diagnostic {
  const path = decodePointer(error.instancePath);
  const name = describePath(path);
  const params = error.params as Record<string, unknown>;
  const make = (rule: string, message: string, target: readonly PathSegment[], at: 'value' | 'key' = 'value') => ({
    file: parsed.file,
    ...locate(parsed, target, at),
    severity: 'error' as const,
    rule,
    message,
  });
  switch (error.keyword) {
    case 'required':
      return make('schema/required', `${capital(name)} is missing the required key "${params.missingProperty}".`, path);
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const hint = didYouMean(key, allowed) || (allowed.length ? ` Allowed keys: ${allowed.join(', ')}.` : '');
      return make('schema/unknown-key', `Unknown key "${key}" in ${name}.${hint}`, [...path, key], 'key');
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).filter((v) => v !== null).map(String);
      const found = JSON.stringify(error.data);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return make(
        'schema/enum',
        `${capital(name)} must be one of: ${allowed.join(', ')}; found ${found}.${hint}`,
        path,
      );
    }
    case 'type':
      return make(
        'schema/type',
        `${capital(name)} must be ${article(String(params.type))}, found ${typeName(error.data)}.`,
        path,
      );
    case 'anyOf':
      return make('schema/format', `${capital(name)} must be a date (YYYY-MM-DD) or a timestamp.`, path);
    case 'format':
      return make('schema/format', `${capital(name)} must be a valid ${params.format} (e.g. 2026-01-31).`, path);
    case 'pattern':
      return make('schema/pattern', `${capital(name)} ${JSON.stringify(error.data)} ${patternHint(path)}`, path);
    case 'propertyNames': {
      const key = String(params.propertyName);
      return make(
        'schema/property-name',
        `${JSON.stringify(key)} in ${name} is not a valid id: use lower-case letters and digits separated by single dots or hyphens.`,
        [...path, key],
        'key',
      );
    }
    case 'minItems':
      return make('schema/min-items', `${capital(name)} must have at least ${params.limit} item(s).`, path);
    case 'minLength':
      return make('schema/min-length', `${capital(name)} must not be empty.`, path);
    default:
      return make(`schema/${kebab(error.keyword)}`, `${capital(name)} ${error.message ?? 'is invalid'}.`, path);
  }
}

function kebab(keyword: string): string {
  return keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function patternHint(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === 'code') return 'is not a three-letter upper-case code (ISO 3166-1 alpha-3, e.g. KEN).';
  if (last === 'version') return 'is not a version like 1.2.0.';
  if (last === 'digest') return 'is not a digest written by opsc (sha256-…).';
  return 'is not a valid id: use lower-case letters and digits separated by single dots or hyphens.';
}

/** JSON Pointer (RFC 6901) segments; numeric segments stay strings for map keys like "1". */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file';
  const parts: string[] = [];
  for (const segment of path) {
    if (/^\d+$/.test(String(segment))) parts.push(`[${Number(segment) + 1}]`);
    else parts.push(parts.length ? `.${segment}` : String(segment));
  }
  return `"${parts.join('')}"`;
}

function capital(text: string): string {
  return text.startsWith('the ') ? `The ${text.slice(4)}` : text;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value lines)',
    array: 'a list',
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    'string,null': 'text or empty',
  };
  return names[type] ?? type;
}

function typeName(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
