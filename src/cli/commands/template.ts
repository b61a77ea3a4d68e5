import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { countryName, findCountryByName, isCountryCode } from '../../assessment/countries.js';
import { renderTemplate } from '../../assessment/template.js';
import { loadCatalogOrFail } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { displayPath, PACKAGE_ROOT, writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';

export interface TemplateCommandOptions {
  catalog?: string;
  country?: string;
  output?: string;
  force?: boolean;
  color: boolean;
}

/** `opsc template`: the offline form, to standard output or (atomically) to a file. */
export function runTemplate(options: TemplateCommandOptions, io: Io): number {
  let country: { code: string; name?: string } | undefined;
  if (options.country !== undefined) {
    const code = options.country.trim().toUpperCase();
    if (!isCountryCode(code)) {
      const guess = findCountryByName(options.country);
      throw new CliError(
        `--country "${options.country}" is not an ISO 3166-1 alpha-3 code.${guess ? ` Did you mean ${guess.code} (${guess.name})?` : ''} For a fictional or training country use a user-assigned code (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ).`,
      );
    }
    const name = countryName(code);
    country = name ? { code, name } : { code };
  }
  const { catalog } = loadCatalogOrFail(io, options.catalog);
  const target = options.output !== undefined ? resolve(io.cwd, options.output) : undefined;
  if (target && existsSync(target) && !options.force) {
    // A filled-in form must never be replaced by an empty one by accident.
    throw new CliError(
      `${displayPath(target, io.cwd)} already exists and may hold answers; it was not changed. Choose another name, or add --force to replace it.`,
    );
  }
  const schema = join(PACKAGE_ROOT, 'schemas', 'assessment.schema.json');
  const schemaPath = relative(target ? dirname(target) : io.cwd, schema)
    .split('\\')
    .join('/');
  const text = renderTemplate(catalog, {
    ...(country ? { country } : {}),
    schemaPath,
    now: new Date().toISOString().slice(0, 10),
  });
  if (!target) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  writeFileAtomic(target, text);
  const shown = displayPath(target, io.cwd);
  const questions = catalog.obligations.reduce((n, o) => n + o.questions.length, 0);
  io.stderr.write(
    `Wrote ${shown}: ${questions} questions, all unanswered. Fill it in, then check it with "opsc validate ${shown}" and answer the rest with "opsc assess ${shown}".\n`,
  );
  return EXIT.ok;
}
