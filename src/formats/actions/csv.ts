import type { ActionRow } from '../../report/followup.js';
import { field } from '../report/csv.js';

const COLUMNS = [
  'due',
  'overdue',
  'days_overdue',
  'status',
  'owner',
  'obligation_id',
  'obligation',
  'provisions',
  'gap',
  'note',
];

/** `opsc actions --format csv`: RFC 4180, formulas defused as in the report's CSV. */
export function actionsCsv(rows: readonly ActionRow[]): string {
  const lines = [COLUMNS];
  for (const r of rows) {
    lines.push([
      r.due ?? '',
      r.overdue ? 'yes' : 'no',
      String(r.daysOverdue),
      r.status,
      r.owner,
      r.obligationId,
      r.obligationTitle,
      r.provisionLabels,
      r.gapStatus,
      r.note ?? '',
    ]);
  }
  return `${lines.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
