import type { ComparisonModel } from '../../compare/model.js';
import { field } from '../report/csv.js';

/**
 * One row per country and obligation (long format, so a spreadsheet or a statistics package can
 * pivot it), with the country's overall and completeness repeated; RFC 4180 like the report's CSV.
 */
export function compareCsv(model: ComparisonModel): string {
  const rows: string[][] = [
    [
      'rank',
      'country_code',
      'country',
      'fictional',
      'overall_score',
      'provisional',
      'completeness',
      'obligation_id',
      'obligation',
      'chapter',
      'strength',
      'status',
    ],
  ];
  for (const c of model.countries) {
    model.obligations.forEach((o, i) => {
      rows.push([
        c.rank === null ? '' : String(c.rank),
        c.code,
        c.name,
        String(c.fictional),
        c.overall === null ? '' : String(Math.round(c.overall * 10) / 10),
        String(c.provisional),
        String(Math.round(c.completeness * 1000) / 1000),
        o.id,
        o.title,
        o.chapter,
        o.strength,
        c.statuses[i] ?? 'unanswered',
      ]);
    });
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
