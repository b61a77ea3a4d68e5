import { basename } from 'node:path';
import { type DiffMode, diffAssessments } from '../../diff/model.js';
import type { DiffFormat } from '../../formats/diff/formats.js';
import { loadAssessmentOrFail, loadCatalogOrFail } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { outputPath, writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';

export interface DiffOptions {
  catalog?: string;
  format: DiffFormat;
  output?: string;
  mode?: DiffMode | 'auto';
  color: boolean;
}

export async function runDiff(oldFile: string, newFile: string, options: DiffOptions, io: Io): Promise<number> {
  const loaded = loadCatalogOrFail(io, options.catalog);
  const before = loadAssessmentOrFail(io, oldFile, loaded, { olderCatalogExpected: true });
  const after = loadAssessmentOrFail(io, newFile, loaded, { olderCatalogExpected: true });
  if (before.assessment.country.code !== after.assessment.country.code) {
    throw new CliError(
      `${oldFile} is about ${before.assessment.country.code} and ${newFile} about ${after.assessment.country.code}; opsc diff compares two assessments of one country.`,
    );
  }
  const diff = diffAssessments(
    loaded.catalog,
    { assessment: before.assessment, file: basename(before.path) },
    { assessment: after.assessment, file: basename(after.path) },
    { mode: options.mode ?? 'auto' },
  );
  if (diff.mode === 'cycles' && diff.old.date && diff.new.date && diff.old.date > diff.new.date) {
    io.stderr.write(
      `opsc: note: ${oldFile} (${diff.old.date}) is later than ${newFile} (${diff.new.date}); name the earlier file first.\n`,
    );
  }
  let text: string;
  if (options.format === 'json') text = (await import('../../formats/diff/json.js')).diffJson(diff);
  else if (options.format === 'md') text = (await import('../../formats/diff/markdown.js')).diffMarkdown(diff);
  else text = (await import('../../formats/diff/text.js')).diffText(diff);
  if (options.output === undefined || options.output === '-') io.stdout.write(text);
  else writeFileAtomic(outputPath(options.output, io.cwd, [before.path, after.path]), text);
  return EXIT.ok;
}
