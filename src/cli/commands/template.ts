import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderTemplate } from '../../assessment/template.js';
import { questionsInOrder } from '../../catalog/model.js';
import { countryOption, loadCatalogOrFail } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { assessmentSchemaPath, displayPath, isStdout, refuseSpecial, writeFileAtomic } from '../files.js';
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
  const country = options.country !== undefined ? countryOption(options.country) : undefined;
  const { catalog } = loadCatalogOrFail(io, options.catalog);
  if (options.output?.trim() === '') throw new CliError('--output needs a file name (or "-" for standard output).');
  const target = isStdout(options.output) ? undefined : resolve(io.cwd, options.output ?? '');
  if (target && options.output !== undefined) refuseSpecial(target, options.output);
  if (target && existsSync(target) && !options.force) {
    // A filled-in form must never be replaced by an empty one by accident.
    throw new CliError(
      `${displayPath(target, io.cwd)} already exists and may hold answers; it was not changed. Choose another name, or add --force to replace it.`,
    );
  }
  const schemaPath = assessmentSchemaPath(target ? dirname(target) : io.cwd);
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
  const questions = questionsInOrder(catalog).length;
  io.stderr.write(
    `Wrote ${shown}: ${questions} questions, all unanswered. Fill it in, then check it with "opsc validate ${shown}" and answer the rest with "opsc assess ${shown}".\n`,
  );
  return EXIT.ok;
}
