import type { ActionRow } from '../../report/followup.js';

/** `opsc actions --format md`: one table, overdue first. */
export function actionsMarkdown(rows: readonly ActionRow[], date: string): string {
  const out = [
    `# Action plan (${date})`,
    '',
    '| Due | Status | Owner | Obligation | Gap | Action |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.due ?? '–'}${r.overdue ? ` **overdue by ${r.daysOverdue} days**` : ''} | ${r.status} | ${esc(r.owner)} | ${esc(r.obligationTitle)} (${esc(r.provisionLabels)}) | ${r.gapStatusLabel} | ${esc(r.note ?? '–')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

function esc(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}
