import type { ActionFormat } from '../../formats/actions/formats.js';
import { listActions } from '../../report/followup.js';
import { scoreAssessment } from '../../scoring/model.js';
import { loadAssessmentOrFail, loadCatalogOrFail } from '../context.js';
import { EXIT } from '../errors.js';
import { isStdout, outputPath, writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';
import { reportDate } from './report.js';

export interface ActionsOptions {
  catalog?: string;
  format: ActionFormat;
  owner?: string;
  date?: string;
  output?: string;
  color: boolean;
}

/** Lists the assessment's action plan, overdue first (relative to --date, else today). */
export async function runActions(file: string, options: ActionsOptions, io: Io): Promise<number> {
  const { date } = reportDate(options.date, io.env);
  const loaded = loadCatalogOrFail(io, options.catalog);
  const { assessment, path } = loadAssessmentOrFail(io, file, loaded);
  const score = scoreAssessment(loaded.catalog, assessment);
  const labels = new Map(loaded.catalog.instrument.provisions.map((p) => [p.id, p.label]));
  const provisionLabels = new Map(
    loaded.catalog.obligations.map((o) => [o.id, o.provisions.map((id) => labels.get(id) ?? id).join('; ')]),
  );
  const rows = listActions(loaded.catalog, assessment, score, {
    date,
    provisionLabels,
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
  });
  let text: string;
  if (options.format === 'json') text = `${JSON.stringify({ date, actions: rows }, null, 2)}\n`;
  else if (options.format === 'csv') text = (await import('../../formats/actions/csv.js')).actionsCsv(rows);
  else if (options.format === 'md')
    text = (await import('../../formats/actions/markdown.js')).actionsMarkdown(rows, date);
  else text = (await import('../../formats/actions/text.js')).actionsText(rows, date);
  if (isStdout(options.output)) io.stdout.write(text);
  else writeFileAtomic(outputPath(options.output ?? '', io.cwd, [path]), text);
  return EXIT.ok;
}
