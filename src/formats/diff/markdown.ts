import { diffHeadings, formatDelta, formatNumber, stateLabel } from '../../diff/labels.js';
import type { AnswerSide, AssessmentDiff, ObligationChange } from '../../diff/model.js';

/** The diff as Markdown: tables, with both sides' answers, citations and notes side by side. */
export function diffMarkdown(diff: AssessmentDiff): string {
  const h = diffHeadings(diff);
  const out: string[] = [`# ${esc(h.title)}`, ''];
  out.push(
    '| | Assessor | Date | Catalog | File |',
    '|---|---|---|---|---|',
    `| ${esc(diff.old.label)} | ${esc(diff.old.assessor)} | ${diff.old.date ?? '–'} | ${esc(diff.old.catalogVersion)} | ${esc(diff.old.file)} |`,
    `| ${esc(diff.new.label)} | ${esc(diff.new.assessor)} | ${diff.new.date ?? '–'} | ${esc(diff.new.catalogVersion)} | ${esc(diff.new.file)} |`,
    '',
    `## ${h.scores}`,
    '',
    `| | ${esc(diff.old.label)} | ${esc(diff.new.label)} | ${h.delta} |`,
    '|---|---:|---:|---:|',
    `| **Overall** | ${formatNumber(diff.overall.old)} | ${formatNumber(diff.overall.new)} | ${formatDelta(diff.overall.delta)} |`,
    `| Beyond the treaty minimum | ${formatNumber(diff.recommended.old)} | ${formatNumber(diff.recommended.new)} | ${formatDelta(diff.recommended.delta)} |`,
  );
  for (const c of diff.chapters) {
    out.push(`| ${esc(c.title)} | ${formatNumber(c.old)} | ${formatNumber(c.new)} | ${formatDelta(c.delta)} |`);
  }
  out.push('');
  const list = (heading: string, items: ObligationChange[]) => {
    if (items.length === 0) return;
    out.push(
      `## ${esc(heading)}`,
      '',
      `| Obligation | ${esc(diff.old.label)} | ${esc(diff.new.label)} |`,
      '|---|---|---|',
    );
    for (const o of items) {
      out.push(
        `| ${esc(o.title)} (\`${o.id}\`)${o.cause === 'catalog' ? ' — catalog change only' : ''} | ${stateLabel(o.old)} | ${stateLabel(o.new)} |`,
      );
    }
    out.push('');
  };
  list(h.improved, diff.improved);
  list(h.regressed, diff.regressed);
  list(h.otherStatus, diff.otherStatus);
  list(h.gapsClosed, diff.gapsClosed);
  list(h.gapsNew, diff.gapsNew);
  if (diff.questions.length > 0) {
    out.push(
      `## ${esc(h.questions)}`,
      '',
      `| Question | ${esc(diff.old.label)} | ${esc(diff.new.label)} |`,
      '|---|---|---|',
    );
    for (const q of diff.questions) {
      out.push(`| Q${q.number}. ${esc(q.question)} (\`${q.id}\`) | ${side(q.old)} | ${side(q.new)} |`);
    }
    out.push('');
  }
  const { catalog } = diff;
  if (catalog.retired.length + catalog.added.length + catalog.reworded.length > 0) {
    out.push(
      `## ${esc(h.catalog)}`,
      '',
      `Catalog ${esc(catalog.old)} → ${esc(catalog.new)}; both compared on catalog ${esc(catalog.current)}.`,
      '',
    );
    if (catalog.retired.length > 0) {
      out.push('**Retired questions** (answers kept, not scored):', '');
      for (const r of catalog.retired)
        out.push(
          `- \`${r.id}\`${r.old ? `: ${esc(r.old)} in ${esc(diff.old.label)}` : ''}${r.new ? `; ${esc(r.new)} in ${esc(diff.new.label)}` : ''}`,
        );
      out.push('');
    }
    if (catalog.added.length > 0) {
      out.push('**New questions:**', '');
      for (const a of catalog.added) out.push(`- \`${a.id}\`: ${esc(a.question)}`);
      out.push('');
    }
    if (catalog.reworded.length > 0) {
      out.push('**Reworded questions:**', '');
      for (const r of catalog.reworded) out.push(`- \`${r.id}\`: ${esc(r.question)}`);
      out.push('');
    }
  }
  const total = diff.improved.length + diff.regressed.length + diff.otherStatus.length + diff.questions.length;
  if (total === 0) out.push(diff.mode === 'assessors' ? 'The two assessments agree.' : 'No change.', '');
  return out.join('\n');
}

function side(s: AnswerSide): string {
  const parts = [`**${s.text ? esc(s.text) : s.answer}**`];
  if (s.citation) parts.push(`Law: ${esc(s.citation)}`);
  if (s.notes) parts.push(`Notes: ${esc(s.notes)}`);
  const who = [s.by, s.when].filter((x): x is string => Boolean(x)).map(esc);
  if (who.length > 0) parts.push(`*${who.join(', ')}*`);
  return parts.join('<br>');
}

/** Escapes what Markdown would otherwise interpret in free text from the catalog or the user. */
function esc(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}
