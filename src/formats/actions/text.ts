import type { ActionRow } from '../../report/followup.js';

/** `opsc actions` for a terminal: one block per action, overdue ones first and marked. */
export function actionsText(rows: readonly ActionRow[], date: string): string {
  if (rows.length === 0)
    return 'No actions recorded. Add them under "actions:" in the assessment, or with "opsc assess".\n';
  const overdue = rows.filter((r) => r.overdue).length;
  const out = [`${rows.length} action(s); ${overdue} overdue on ${date}.`, ''];
  for (const r of rows) {
    out.push(
      `${r.overdue ? `OVERDUE ${r.daysOverdue}d ` : ''}${r.due ?? 'no date'}  ${r.status.padEnd(11)}  ${oneLine(r.owner)}`,
      `  ${oneLine(r.obligationTitle)} [${r.obligationId}] (${r.provisionLabels}): ${r.gapStatusLabel}`,
    );
    if (r.note) out.push(`  ${oneLine(r.note)}`);
    out.push('');
  }
  return out.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
