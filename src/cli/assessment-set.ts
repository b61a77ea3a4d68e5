import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAssessment } from '../assessment/check.js';
import type { Assessment } from '../assessment/model.js';
import { type Diagnostic, hasErrors } from '../diagnostics.js';
import { createQuestionnaire, migrate } from '../questionnaire/questionnaire.js';
import type { Loaded } from './context.js';
import { CliError } from './errors.js';
import { displayPath, pathKind, readSource, reason } from './files.js';

/**
 * The assessment files named on the command line: files as given, a folder as its *.yaml and
 * *.yml files in name order (not its sub-folders). Duplicates are dropped.
 */
export function collectAssessmentFiles(args: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (pathKind(path, arg) === 'directory') {
      let names: string[];
      try {
        names = readdirSync(path).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'));
      } catch (error) {
        throw new CliError(`Cannot read the folder ${arg}: ${reason(error)}.`);
      }
      files.push(...names.sort().map((n) => join(path, n)));
    } else files.push(path);
  }
  if (files.length === 0) throw new CliError(`No assessment files (*.yaml) in ${args.join(', ')}.`);
  return [...new Set(files)];
}

export type SetMember =
  | { ok: true; path: string; shown: string; assessment: Assessment; bytes: Uint8Array; migratedFrom?: string }
  | { ok: false; path: string; shown: string; diagnostics: Diagnostic[]; message: string };

/**
 * Loads one assessment of a set. A file made with another version of the catalog is brought to
 * this one in memory (answers to removed questions set aside, as `opsc assess` would), never
 * written; a file with errors or for another instrument is returned as a failure, for the caller
 * to report and go on with the others.
 */
export function loadSetMember(loaded: Loaded, path: string, cwd: string): SetMember {
  const shown = displayPath(path, cwd);
  let source: ReturnType<typeof readSource>;
  try {
    source = readSource(path, shown);
  } catch (error) {
    return { ok: false, path, shown, diagnostics: [], message: error instanceof Error ? error.message : String(error) };
  }
  const { assessment, diagnostics } = loadAssessment(source, loaded.catalog, loaded.schemas);
  if (!assessment || hasErrors(diagnostics)) {
    return { ok: false, path, shown, diagnostics, message: `${shown} has errors; it was left out.` };
  }
  const { version } = loaded.catalog.instrument;
  if (assessment.catalog.version === version) return { ok: true, path, shown, assessment, bytes: source.bytes };
  return {
    ok: true,
    path,
    shown,
    assessment: migrate(createQuestionnaire(loaded.catalog), assessment),
    bytes: source.bytes,
    migratedFrom: assessment.catalog.version,
  };
}
