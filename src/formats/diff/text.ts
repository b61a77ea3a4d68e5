import { diffHeadings, formatDelta, formatNumber, stateLabel } from '../../diff/labels.js';
import type { AnswerSide, AssessmentDiff, ObligationChange, QuestionChange } from '../../diff/model.js';

/** The diff for a terminal: plain text, one block per heading, empty headings left out. */
export function diffText(diff: AssessmentDiff): string {
  const h = diffHeadings(diff);
  const out: string[] = [plain(h.title), ''];
  out.push(
    `${plain(diff.old.label)}: ${plain(diff.old.assessor)}, ${diff.old.date ?? 'date not recorded'}, catalog ${plain(diff.old.catalogVersion)} (${plain(diff.old.file)})`,
    `${plain(diff.new.label)}: ${plain(diff.new.assessor)}, ${diff.new.date ?? 'date not recorded'}, catalog ${plain(diff.new.catalogVersion)} (${plain(diff.new.file)})`,
    '',
    h.scores,
    `  ${'Overall'.padEnd(44)} ${formatNumber(diff.overall.old).padStart(6)} → ${formatNumber(diff.overall.new).padStart(6)}  ${formatDelta(diff.overall.delta)}`,
    `  ${'Beyond the treaty minimum'.padEnd(44)} ${formatNumber(diff.recommended.old).padStart(6)} → ${formatNumber(diff.recommended.new).padStart(6)}  ${formatDelta(diff.recommended.delta)}`,
  );
  for (const c of diff.chapters) {
    out.push(
      `  ${plain(c.title).slice(0, 44).padEnd(44)} ${formatNumber(c.old).padStart(6)} → ${formatNumber(c.new).padStart(6)}  ${formatDelta(c.delta)}`,
    );
  }
  const list = (heading: string, items: ObligationChange[]) => {
    if (items.length === 0) return;
    out.push('', `${heading} (${items.length})`);
    for (const o of items) {
      out.push(
        `  ${plain(o.title)} [${o.id}]: ${stateLabel(o.old)} → ${stateLabel(o.new)}${o.cause === 'catalog' ? ' (catalog change only)' : ''}`,
      );
    }
  };
  list(h.improved, diff.improved);
  list(h.regressed, diff.regressed);
  list(h.otherStatus, diff.otherStatus);
  list(h.gapsClosed, diff.gapsClosed);
  list(h.gapsNew, diff.gapsNew);
  if (diff.questions.length > 0) {
    out.push('', `${h.questions} (${diff.questions.length})`);
    for (const q of diff.questions) out.push(...questionLines(q, diff));
  }
  const { catalog } = diff;
  if (catalog.retired.length + catalog.added.length + catalog.reworded.length > 0) {
    out.push(
      '',
      `${h.catalog}: catalog ${plain(catalog.old)} → ${plain(catalog.new)}, compared on ${plain(catalog.current)}`,
    );
    for (const r of catalog.retired)
      out.push(
        `  retired   ${r.id}${r.old ? ` (${r.old} in ${plain(diff.old.label)})` : ''}${r.new ? ` (${r.new} in ${plain(diff.new.label)})` : ''}`,
      );
    for (const a of catalog.added) out.push(`  new       ${a.id}: ${plain(a.question)}`);
    for (const r of catalog.reworded) out.push(`  reworded  ${r.id}: ${plain(r.question)}`);
  }
  const total = diff.improved.length + diff.regressed.length + diff.otherStatus.length + diff.questions.length;
  if (total === 0) out.push('', diff.mode === 'assessors' ? 'The two assessments agree.' : 'No change.');
  out.push('');
  return out.join('\n');
}

function questionLines(q: QuestionChange, diff: AssessmentDiff): string[] {
  const lines = [`  Q${q.number} ${plain(q.question)} [${q.id}]`];
  lines.push(`    ${plain(diff.old.label)}: ${sideLine(q.old)}`);
  lines.push(`    ${plain(diff.new.label)}: ${sideLine(q.new)}`);
  return lines;
}

function sideLine(s: AnswerSide): string {
  const parts = [s.text ? `"${plain(s.text)}"` : s.answer];
  if (s.citation) parts.push(`law: ${plain(s.citation)}`);
  if (s.notes) parts.push(`notes: ${plain(s.notes)}`);
  const who = [s.by, s.when].filter(Boolean).map((x) => plain(String(x)));
  return `${parts.join('; ')}${who.length > 0 ? ` — ${who.join(', ')}` : ''}`;
}

/**
 * One line per field: line breaks from files become spaces. Control characters are left to the
 * output edge (src/cli/io.ts), which shows them as visible escapes.
 */
function plain(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
