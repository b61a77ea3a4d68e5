import type { Block } from '../../report/methodology.js';
import {
  fictionalNotice,
  formatPercent,
  formatScore,
  type ReportModel,
  type ReportObligation,
} from '../../report/model.js';

/** The report as Markdown, in the same order and with the same content as the PDF. */
export function reportMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const country = `${model.country.name} (${model.country.code})`;

  push(`# ${model.title}: ${esc(country)}`, '');
  if (model.country.fictional) push(`> **${fictionalNotice(model)}**`, '');
  push(
    `- Country: ${esc(country)}${model.country.fictional ? ' — fictional or training country' : ''}`,
    `- Assessor: ${esc(model.assessor)}`,
    `- Assessment date: ${model.assessmentDate ?? 'not recorded'}`,
    `- Report date: ${model.reportDate}`,
    `- Instrument: ${esc(model.instrument.title)}`,
    `- Catalog version: ${model.catalog.version} (${model.catalog.digest})`,
    `- Tool: opsc ${model.toolVersion}`,
    `- Assessment file: ${esc(model.sourceFile)}, ${model.answersDigest}`,
    '',
  );
  if (model.catalogNote) push(`> ${esc(model.catalogNote)}`, '');

  push('## Executive summary', '');
  const { overall, recommended } = model.summary;
  push(
    `- **Overall score: ${overall.score === null ? 'none yet (nothing answered)' : `${formatScore(overall.score)} / 100`}** (mandatory and discretionary obligations), completeness ${formatPercent(overall.completeness)} (${overall.answered} of ${overall.questions} questions answered)`,
  );
  if (recommended.obligations > 0) {
    push(
      `- Beyond the treaty minimum (recommended): ${formatScore(recommended.score)} / 100, completeness ${formatPercent(recommended.completeness)}`,
    );
  }
  push('', '| Chapter | Score | Completeness |', '|---|---:|---:|');
  for (const c of model.summary.chapters) {
    push(`| ${cell(c.title)} | ${formatScore(c.score)} | ${formatPercent(c.completeness)} |`);
  }
  push('', '### Priority gaps', '');
  if (model.summary.priorityGaps.length === 0)
    push('No mandatory or discretionary obligation is unmet, partly met or unverified.');
  model.summary.priorityGaps.forEach((o, i) => {
    push(
      `${i + 1}. **${esc(o.title)}** (${esc(o.provisionLabels)}): ${o.statusLabel}, ${o.strength}, weight ${o.weight}`,
    );
  });
  push('');

  push('## Gap table', '');
  if (model.gaps.length === 0) push('Every obligation is met or not applicable.', '');
  else {
    push('| Provision | Obligation | Status | National law cited | Recommended action |', '|---|---|---|---|---|');
    for (const o of model.gaps) {
      push(
        `| ${cell(o.provisionLabels)} | ${cell(o.title)} (${o.strength}) | ${o.statusLabel} | ${cell(o.citations.join('; ') || '–')} | ${cell(o.recommendation)} |`,
      );
    }
    push('');
  }

  model.chapters.forEach((chapter, i) => {
    push(`## ${i + 1}. ${esc(chapter.title)}`, '');
    const meta = [`Score ${formatScore(chapter.score)} / 100`, `completeness ${formatPercent(chapter.completeness)}`];
    if (chapter.source) meta.push(esc(chapter.source));
    push(`*${meta.join(' · ')}*`, '');
    if (chapter.description) push(esc(chapter.description), '');
    for (const o of chapter.obligations) push(...obligationSection(o));
  });

  push('## What remains to verify', '');
  const remaining = [
    ['Unverified answers ("unknown")', model.remaining.unverified],
    ['Unanswered questions', model.remaining.unanswered],
    ['Answers flagged for review', model.remaining.flagged],
  ] as const;
  if (remaining.every(([, items]) => items.length === 0))
    push('Nothing: every question is answered and none is unknown or flagged.', '');
  for (const [heading, items] of remaining) {
    if (items.length === 0) continue;
    push(`### ${heading}`, '');
    for (const item of items) {
      push(
        `- ${esc(item.question)} — *${esc(item.obligationTitle)}* (${item.questionId})${item.notes ? `. Note: ${esc(item.notes)}` : ''}`,
      );
    }
    push('');
  }

  push('## Methodology', '');
  for (const block of model.methodology) push(...blockLines(block), '');

  push('## Index of provisions', '', '| Provision | Obligations |', '|---|---|');
  for (const entry of model.index) {
    push(`| ${cell(entry.provision.label)} | ${cell(entry.obligations.map((o) => o.title).join('; '))} |`);
  }
  push('');
  return out.join('\n');
}

function obligationSection(o: ReportObligation): string[] {
  const lines = [
    `### ${esc(o.title)}`,
    '',
    `**${o.statusLabel}**${o.score === null ? '' : ` (${formatScore(o.score)} / 100)`} · ${o.strength} · weight ${o.weight} · ${esc(o.provisionLabels)}${o.answered < o.questions ? ` · ${o.questions - o.answered} of ${o.questions} questions unanswered` : ''}`,
    '',
    esc(o.summary),
    '',
  ];
  for (const p of o.provisions)
    lines.push(`> **${esc(p.label)}**: ${p.lead ? `${esc(p.lead)} … ` : ''}${esc(p.text)}`, '>');
  if (o.provisions.length > 0) lines.pop();
  lines.push('');
  o.answers.forEach((a, i) => {
    lines.push(
      `${i + 1}. ${esc(a.question)}  `,
      `   **${a.answerLabel}**${a.flagged ? ' (flagged)' : ''}${a.text ? `: ${esc(a.text)}` : ''}  `,
    );
    if (a.citation) lines.push(`   Law: ${esc(a.citation)}  `);
    if (a.notes) lines.push(`   Notes: ${esc(a.notes)}`);
  });
  lines.push('', `**Recommended action:** ${esc(o.action)}`, '');
  return lines;
}

function blockLines(block: Block): string[] {
  if (block.kind === 'paragraph') return [esc(block.text)];
  if (block.kind === 'list') return block.items.map((item) => `- ${esc(item)}`);
  return block.lines.map((line) => `    ${line}`);
}

/** Escapes what Markdown would otherwise interpret in free text from the catalog or the user. */
export function esc(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return esc(text);
}
