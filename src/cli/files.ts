import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource, SourceFile } from '../catalog/load.js';
import type { Validators } from '../schema/check.js';
import { DEFAULT_LIMITS } from '../yaml/limits.js';
import type { KnownValue } from '../yaml/source.js';
import { CliError } from './errors.js';

/** The package root, found from this file whether it runs from src/ (tests) or dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLED_CATALOG = join(PACKAGE_ROOT, 'obligations', 'opsc');
/** Written by scripts/precompile-catalog.mjs at build time. */
export const PRECOMPILED_CATALOG = join(PACKAGE_ROOT, 'dist', 'bundled-catalog.json');

let precompiled: Record<string, unknown> | undefined;

/** The build-time parse of a bundled file with exactly these bytes, if there is one. */
function knownValue(bytes: Uint8Array): KnownValue | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = JSON.parse(readFileSync(PRECOMPILED_CATALOG, 'utf8')) as Record<string, unknown>;
    } catch {
      precompiled = {};
    }
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return Object.hasOwn(precompiled, hash) ? { value: structuredClone(precompiled[hash]) } : undefined;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The assessment schema's path relative to `dir`, for the modeline of a file written there. */
export function assessmentSchemaPath(dir: string): string {
  return relative(dir, join(PACKAGE_ROOT, 'schemas', 'assessment.schema.json'))
    .split('\\')
    .join('/');
}

/** The schema validators, precompiled at build time by scripts/build-validators.mjs. */
export function loadValidators(): Validators {
  return createRequire(import.meta.url)(join(PACKAGE_ROOT, 'generated', 'validators.cjs')) as Validators;
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

export type PathKind = 'file' | 'directory';

export function pathKind(path: string, shown: string = path): PathKind {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    throw new CliError(`Cannot read ${shown}: ${reason(error)}.`);
  }
}

/**
 * Reads a file for the core. A file over the size limit is not read at all: the core is told
 * its size and reports it, so a 50 MB file costs nothing.
 */
export function readSource(absolute: string, shown: string): SourceFile {
  try {
    const { size } = statSync(absolute);
    if (size > DEFAULT_LIMITS.maxBytes) return { path: shown, bytes: new Uint8Array(0), size };
    const bytes = readFileSync(absolute);
    const known = knownValue(bytes);
    return known ? { path: shown, bytes, known } : { path: shown, bytes };
  } catch (error) {
    throw new CliError(`Cannot read ${shown}: ${reason(error)}.`);
  }
}

/** The YAML files of a catalog folder, in file-name order. */
export function readCatalogDir(dir: string, cwd: string): CatalogSource {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
  } catch (error) {
    throw new CliError(`Cannot read the catalog folder ${displayPath(dir, cwd)}: ${reason(error)}.`);
  }
  names.sort();
  return {
    dir: displayPath(dir, cwd),
    files: names.map((name) => readSource(join(dir, name), displayPath(join(dir, name), cwd))),
  };
}

export function resolveCatalogDir(option: string | undefined, cwd: string): string {
  if (option === undefined) return BUNDLED_CATALOG;
  const dir = resolve(cwd, option);
  if (pathKind(dir, option) !== 'directory') {
    throw new CliError(`--catalog must be a catalog folder (with instrument.yaml), not a file: ${option}`);
  }
  return dir;
}

/**
 * Where a command writes its output: never over one of the files it reads, and never over an
 * existing YAML file — no output of opsc is YAML, so a .yaml there is someone's catalog or answers.
 */
export function outputPath(option: string, cwd: string, inputs: readonly string[]): string {
  const target = resolve(cwd, option);
  if (inputs.some((input) => sameFile(target, input))) {
    throw new CliError(`--output ${option} is a file this command reads; choose another name. Nothing was written.`);
  }
  if (/\.ya?ml$/i.test(target) && existsSync(target)) {
    throw new CliError(
      `--output ${option} is an existing YAML file (a catalog or an assessment?); opsc does not write over it. Choose another name. Nothing was written.`,
    );
  }
  return target;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Writes by rename: the file on disk is always either the old or the new content, complete.
 * The temporary file sits beside the target so the rename stays on one file system.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, { flush: true });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing to clean up.
    }
    throw new CliError(`Cannot write ${path}: ${reason(error)}.`);
  }
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return error instanceof Error ? error.message : String(error);
}
