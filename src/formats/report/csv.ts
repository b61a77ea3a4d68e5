import type { ReportModel } from '../../report/model.js';

export const CSV_COLUMNS = [
  'chapter',
  'obligation_id',
  'obligation',
  'strength',
  'tier',
  'weight',
  'provisions',
  'status',
  'score',
  'answered',
  'questions',
  'national_law_cited',
  'recommendation',
  'action',
  'reservations',
] as const;

/**
 * Status is the model's: met / partial / unmet for treaty obligations and recommendations,
 * used / partly-used / not-used for optional treaty measures, reserved, not-applicable, unanswered.
 * One row per obligation (all of them, met ones too, so a spreadsheet can filter), RFC 4180:
 * CRLF line ends, every field quoted when it holds a comma, quote or line break. Cells that a
 * spreadsheet would run as a formula (=, +, -, @) get a leading apostrophe.
 */
export function reportCsv(model: ReportModel): string {
  // With a baseline, a change column; with an action plan, its owner, due date and status.
  const change = model.progress !== null;
  const actions = new Map(model.actionPlan.flatMap((g) => g.actions.map((a) => [a.obligationId, a] as const)));
  const header: string[] = [...CSV_COLUMNS];
  if (change) header.push('change_since_baseline');
  if (actions.size > 0) header.push('action_owner', 'action_due', 'action_status', 'action_overdue');
  const rows: string[][] = [header];
  for (const chapter of model.chapters) {
    for (const o of chapter.obligations) {
      const plan = actions.get(o.id);
      const extra: string[] = [];
      if (change) extra.push(o.change ?? '');
      if (actions.size > 0)
        extra.push(plan?.owner ?? '', plan?.due ?? '', plan?.status ?? '', plan ? (plan.overdue ? 'yes' : 'no') : '');
      rows.push([
        chapter.title,
        o.id,
        o.title,
        o.strength,
        o.tier,
        String(o.weight),
        o.provisionLabels,
        o.status,
        o.score === null ? '' : String(o.score),
        String(o.answered),
        String(o.questions),
        o.citations.join('; '),
        o.recommendation,
        o.action,
        o.reservations
          .map((r) => `${r.kindLabel} (${r.provisionLabels || 'no provision named'}): ${r.text}`)
          .join(' | '),
        ...extra,
      ]);
    }
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

export function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
