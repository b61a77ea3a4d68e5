import type { ReportProgress } from '../../report/followup.js';
import type { Block } from '../../report/methodology.js';
import {
  fictionalNotice,
  formatPercent,
  formatScore,
  type ReportModel,
  type ReportObligation,
  type ReportReservation,
} from '../../report/model.js';
import type { OptionalSummary } from '../../scoring/model.js';

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
  const { overall, recommended, optional } = model.summary;
  push(
    `- **Overall score: ${overall.score === null ? 'none yet (nothing answered)' : `${formatScore(overall.score)} / 100`}** (treaty obligations), completeness ${formatPercent(overall.completeness)} (${overall.answered} of ${overall.questions} questions answered)`,
  );
  if (optional.obligations > 0) push(`- ${optionalLine(optional)}`);
  if (recommended.obligations > 0) {
    push(
      `- Beyond the treaty (recommended): ${formatScore(recommended.score)} / 100, completeness ${formatPercent(recommended.completeness)}`,
    );
  }
  if (model.reserved.length > 0)
    push(
      `- Reserved: ${model.reserved.length} obligation${model.reserved.length === 1 ? '' : 's'} out of the score (see "Reservations")`,
    );
  push('', '| Chapter | Score | Completeness |', '|---|---:|---:|');
  for (const c of model.summary.chapters) {
    push(`| ${cell(c.title)} | ${formatScore(c.score)} | ${formatPercent(c.completeness)} |`);
  }
  push('', '### Priority gaps', '');
  if (model.summary.priorityGaps.length === 0) push('No treaty obligation is unmet, partly met or unverified.');
  model.summary.priorityGaps.forEach((o, i) => {
    push(
      `${i + 1}. **${esc(o.title)}** (${esc(o.provisionLabels)}): ${o.statusLabel}, ${o.tier.toLowerCase()}, weight ${o.weight}`,
    );
  });
  push('');
  if (model.progress) push(...progressSection(model.progress));

  push(
    `### Status of the ${esc(model.instrument.shortTitle)}`,
    '',
    '*Recorded as stated in the assessment; not scored.*',
    '',
  );
  const status = model.treatyStatus;
  push(
    `- Ratification or accession: ${esc(status.ratification ?? 'not recorded')}`,
    `- Status in national law: ${esc(status.nationalLaw ?? 'not recorded')}`,
    `- Reporting to the Committee: ${esc(status.reporting ?? 'not recorded')}`,
    `- Reservations and declarations: ${status.reservations.length === 0 ? 'none recorded' : String(status.reservations.length)}`,
  );
  for (const r of status.reservations) push(`  - ${reservationLine(r)}`);
  push('');

  push('## Gap table', '');
  if (model.gaps.length === 0) push('Every obligation is met or not applicable.', '');
  else {
    const change = model.progress !== null;
    push(
      `| Provision | Obligation | Status |${change ? ' Change |' : ''} National law cited | Recommended action |`,
      `|---|---|---|${change ? '---|' : ''}---|---|`,
    );
    for (const o of model.gaps) {
      push(
        `| ${cell(o.provisionLabels)} | ${cell(o.title)} (${o.tier.toLowerCase()}) | ${o.statusLabel} |${change ? ` ${cell(o.change ?? '')} |` : ''} ${cell(o.citations.join('; ') || '–')} | ${cell(o.action)} |`,
      );
    }
    push('');
  }

  if (model.optional.length > 0) {
    push(
      '### Optional treaty measures (not scored)',
      '',
      'The Protocol leaves these measures to the State ("may"): they are not in the overall or chapter scores, and not using one is not a breach.',
      '',
      '| Provision | Measure | Use | National law cited |',
      '|---|---|---|---|',
    );
    for (const o of model.optional) {
      push(
        `| ${cell(o.provisionLabels)} | ${cell(o.title)} | ${o.statusLabel} | ${cell(o.citations.join('; ') || '–')} |`,
      );
    }
    push('');
  }

  if (model.reserved.length > 0) {
    push(
      '### Reservations',
      '',
      'These obligations rest only on provisions the State has reserved: they are out of the score, like not-applicable ones. The Committee asks States Parties to review their reservations with a view to withdrawing them.',
      '',
    );
    for (const o of model.reserved) {
      push(`- **${esc(o.title)}** (${esc(o.provisionLabels)}, ${o.tier.toLowerCase()})`);
      for (const r of o.reservations) push(`  - ${reservationLine(r)}`);
    }
    push('');
  }

  if (model.recommendations.length > 0) push(...recommendationsSection(model));
  if (model.actionPlan.length > 0) push(...actionPlanSection(model));

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

  if (model.retired.length > 0) {
    push(
      '### Answers to retired questions',
      '',
      'Questions a later catalog version removed or replaced: the answers are kept for reference and not scored. "opsc assess" asks what replaced them.',
      '',
    );
    for (const r of model.retired) {
      push(
        `- ${esc(r.questionId)}: ${esc(r.answer)}${r.citation ? `. Law: ${esc(r.citation)}` : ''}${r.notes ? `. Note: ${esc(r.notes)}` : ''}`,
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

function progressSection(p: ReportProgress): string[] {
  const lines = [`## Progress since ${esc(p.since)}`, ''];
  lines.push(
    `Compared with the assessment of ${esc(p.since)} by ${esc(p.baselineAssessor)} (${esc(p.baselineFile)}, catalog ${esc(p.baselineCatalogVersion)}).`,
    '',
  );
  if (p.catalogNote) lines.push(`> ${esc(p.catalogNote)}`, '');
  lines.push(
    `- **Overall score: ${formatScore(p.overall.before)} → ${formatScore(p.overall.now)}** (${signed(p.overall.delta)})`,
    `- Beyond the treaty minimum: ${formatScore(p.recommended.before)} → ${formatScore(p.recommended.now)} (${signed(p.recommended.delta)})`,
    `- ${p.improved} obligation(s) improved, ${p.regressed.length} regressed; ${p.closedGaps.length} gap(s) closed, ${p.newGaps.length} new.`,
    '',
    `| Chapter | ${esc(p.since)} | Now | Change |`,
    '|---|---|---|---:|',
  );
  for (const c of p.chapters)
    lines.push(`| ${cell(c.title)} | ${bar(c.before)} | ${bar(c.now)} | ${signed(c.delta)} |`);
  lines.push('');
  const list = (heading: string, items: ReportProgress['closedGaps'], none: string) => {
    lines.push(`### ${heading}`, '');
    if (items.length === 0) lines.push(none);
    for (const g of items) lines.push(`- **${esc(g.title)}** (${esc(g.provisionLabels)}): ${g.before} → ${g.now}`);
    lines.push('');
  };
  list('Gaps closed', p.closedGaps, 'None.');
  list('New gaps', p.newGaps, 'None.');
  if (p.regressed.length > 0) list('Regressed', p.regressed, 'None.');
  return lines;
}

/** A score as a text bar for a Markdown table: "███████░░░ 72.5". */
function bar(score: number | null): string {
  if (score === null) return '–';
  const filled = Math.round(score / 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)} ${formatScore(score)}`;
}

function signed(delta: number | null): string {
  if (delta === null) return '–';
  const r = Math.round(delta * 10) / 10;
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
}

function recommendationsSection(model: ReportModel): string[] {
  const baseline = model.progress !== null;
  const lines = [
    "## Follow-up to the Committee's recommendations",
    '',
    'Each recommendation with the current status of the obligations it concerns: addressed (all met), partly addressed, not addressed (none met), or to verify (an obligation is unanswered or unverified).',
    '',
    `| Recommendation | Obligations | Status |${baseline ? ` Since ${esc(model.progress?.since ?? '')} |` : ''}`,
    `|---|---|---|${baseline ? '---|' : ''}`,
  ];
  for (const r of model.recommendations) {
    const obligations = r.obligations.map((o) => `${esc(o.title)}: ${o.statusLabel}`).join('<br>');
    lines.push(
      `| **${esc(r.symbol)}, para. ${esc(r.paragraph)}**<br>${cell(r.text)} | ${obligations || '–'} | **${r.statusLabel}** |${baseline ? ` ${esc(r.change ?? '')} |` : ''}`,
    );
  }
  lines.push('');
  return lines;
}

function actionPlanSection(model: ReportModel): string[] {
  const lines = ['## Action plan', '', `Grouped by owner; overdue (before ${model.reportDate}) first.`, ''];
  for (const group of model.actionPlan) {
    lines.push(`### ${esc(group.owner)}`, '', '| Obligation | Gap | Action | Due | Status |', '|---|---|---|---|---|');
    for (const a of group.actions) {
      lines.push(
        `| ${cell(a.obligationTitle)} (${esc(a.provisionLabels)}) | ${a.gapStatusLabel} | ${cell(a.note ?? '–')} | ${a.due ?? '–'}${a.overdue ? ` **(overdue by ${a.daysOverdue} days)**` : ''} | ${a.status} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function obligationSection(o: ReportObligation): string[] {
  const lines = [
    `### ${esc(o.title)}`,
    '',
    `**${o.statusLabel}**${o.score === null ? '' : ` (${formatScore(o.score)} / 100)`} · ${o.tier.toLowerCase()} · weight ${o.weight} · ${esc(o.provisionLabels)}${o.answered < o.questions ? ` · ${o.questions - o.answered} of ${o.questions} questions unanswered` : ''}`,
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
  for (const r of o.reservations) lines.push('', `> ${reservationLine(r)}`);
  if (o.actions.length > 1) {
    lines.push('', '**Recommended action:**', '');
    for (const a of o.actions) lines.push(`- ${esc(a.text)}`);
    lines.push('');
  } else {
    lines.push('', `**Recommended action:** ${esc(o.action)}`, '');
  }
  return lines;
}

function reservationLine(r: ReportReservation): string {
  const where = r.provisionLabels ? ` (${esc(r.provisionLabels)})` : ' (no provision named)';
  return `**${r.kindLabel}**${where}${r.date ? `, ${r.date}` : ''}: ${esc(r.text)}`;
}

function optionalLine(o: OptionalSummary): string {
  return `Optional treaty measures (not scored): ${o.used} used, ${o.partlyUsed} partly used, ${o.notUsed} not used${o.unverified > 0 ? `, ${o.unverified} unverified` : ''} of ${o.obligations}`;
}

function blockLines(block: Block): string[] {
  if (block.kind === 'paragraph') return [esc(block.text)];
  if (block.kind === 'list') return block.items.map((item) => `- ${esc(item)}`);
  return block.lines.map((line) => `    ${line}`);
}

/** Escapes what Markdown would otherwise interpret in free text from the catalog or the user. */
export function esc(text: string): string {
  // Every line terminator CommonMark knows (a bare CR too) becomes a space, so user text cannot
  // start a block (a ~~~ fence would swallow the rest of the report) or break a table row (W1).
  return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ');
}

function cell(text: string): string {
  return esc(text);
}
