import type { Block } from '../../../report/methodology.js';
import {
  fictionalNotice,
  formatPercent,
  formatScore,
  type RemainingItem,
  type ReportModel,
  type ReportObligation,
} from '../../../report/model.js';
import { ACCENT, barColor, FONT, INK, line, MUTED, RULE, SIZE, STATUS_COLOR, type Struct } from './theme.js';
import { optionalAndReserved, reservationText, treatyStatus } from './treaty.js';
import type { Writer } from './writer.js';

/** The parts of the report, in reading order; each writes through the Writer. */
export function cover(w: Writer, model: ReportModel): void {
  const { doc } = w;
  const section = doc.struct('Sect');
  w.root.add(section);
  doc.outline.addItem('Cover');
  w.artifact(() => {
    doc.save().rect(0, 0, doc.page.width, 10).fill(ACCENT).restore();
  });
  doc.y = 120;
  w.text(section, 'H1', model.title, { font: 'bold', size: 26, color: ACCENT, after: 8 });
  w.text(section, 'P', model.instrument.title, { size: 11, color: MUTED, after: 28 });
  w.text(section, 'P', model.country.name, { font: 'bold', size: 22, after: 4 });
  w.text(section, 'P', `Country code ${model.country.code}`, { size: 10, color: MUTED, after: 16 });
  if (model.country.fictional) notice(w, section, fictionalNotice(model), '#fff4e5', '#8a5a00');
  if (model.catalogNote) notice(w, section, model.catalogNote, '#fdecea', '#b02a1e');
  doc.y += 12;
  w.table(
    section,
    [
      { header: 'Item', width: 0.3 },
      { header: 'Value', width: 0.7 },
    ],
    [
      [{ text: 'Assessor' }, { text: model.assessor }],
      [{ text: 'Assessment date' }, { text: model.assessmentDate ?? 'not recorded' }],
      [{ text: 'Report date' }, { text: model.reportDate }],
      [{ text: 'Catalog version' }, { text: `${model.catalog.version} (${model.catalog.digest})` }],
      [{ text: 'Tool version' }, { text: `opsc ${model.toolVersion}` }],
      [{ text: 'Assessment file' }, { text: model.sourceFile }],
      [{ text: 'Digest of the answers' }, { text: `${model.answersDigest} (sha256 of the assessment file)` }],
    ],
    { rowHeaders: true, size: 9 },
  );
  doc.y = Math.max(doc.y, w.bottom - 70);
  w.text(
    section,
    'P',
    'This report scores national legislation against the obligations of the Protocol, as answered in the assessment file named above. The methodology section states the exact formula. Verify every "unverified" and unanswered item before publication.',
    { size: SIZE.small, color: MUTED },
  );
  section.end();
}

function notice(w: Writer, parent: Struct, text: string, fill: string, color: string): void {
  const { doc } = w;
  w.style({ font: 'bold', size: 10 });
  const height = doc.heightOfString(text, { width: w.width - 20, lineGap: 1.5 }) + 14;
  w.need(height + 4);
  const top = doc.y;
  w.artifact(() => {
    doc.save().rect(w.left, top, w.width, height).fill(fill).restore();
    doc.save().rect(w.left, top, 3, height).fill(color).restore();
  });
  doc.y = top + 7;
  w.text(parent, 'P', text, { font: 'bold', size: 10, color, indent: 10, after: 0 });
  doc.y = top + height + 8;
}

export function executiveSummary(w: Writer, model: ReportModel): void {
  const section = w.part('Executive summary');
  const { overall, recommended } = model.summary;
  w.leadParagraph(
    section,
    overall.score === null
      ? 'Overall score: none yet (nothing answered). '
      : `Overall score: ${formatScore(overall.score)} / 100. `,
    `Weighted over the treaty obligations of the Protocol ("shall"); completeness ${formatPercent(overall.completeness)} (${overall.answered} of ${overall.questions} questions answered).`,
    { size: 11, after: 4 },
  );
  if (recommended.obligations > 0) {
    w.leadParagraph(
      section,
      `Beyond the treaty: ${formatScore(recommended.score)} / 100. `,
      `Recommended good practice, scored separately; it does not change the overall score. Completeness ${formatPercent(recommended.completeness)}.`,
      { after: 4 },
    );
  }
  if (overall.completeness < 1) {
    w.text(
      section,
      'P',
      'The assessment is incomplete: scores count answered questions only, and unanswered questions are listed under "What remains to verify".',
      { color: STATUS_COLOR.unmet, after: 4 },
    );
  }
  const optional = model.summary.optional;
  if (optional.obligations > 0) {
    w.leadParagraph(
      section,
      'Optional treaty measures: ',
      `${optional.used} used, ${optional.partlyUsed} partly used, ${optional.notUsed} not used${optional.unverified > 0 ? `, ${optional.unverified} unverified` : ''}. Not scored: the Protocol leaves them to the State.`,
      { after: 4 },
    );
  }
  const counts = model.summary.statusCounts;
  const reserved = counts.reserved > 0 ? `, ${counts.reserved} reserved` : '';
  w.text(
    section,
    'P',
    `Obligations: ${counts.met} met, ${counts.partial} partly met, ${counts.unmet} not met, ${counts.unverified} unverified, ${counts['not-applicable']} not applicable${reserved}, ${counts.unanswered} unanswered.`,
    { color: MUTED, after: 8 },
  );
  w.heading(section, 2, 'Scores by chapter');
  chart(w, section, model);
  w.heading(section, 2, 'Priority gaps');
  if (model.summary.priorityGaps.length === 0) {
    w.text(section, 'P', 'No treaty obligation is unmet, partly met or unverified.');
  } else {
    w.text(section, 'P', 'Treaty obligations by weight; the full list is in the gap table.', {
      color: MUTED,
      size: SIZE.small,
    });
    w.list(
      section,
      model.summary.priorityGaps.map(
        (o) =>
          `${o.title} (${o.provisionLabels}): ${o.statusLabel.toLowerCase()}, ${o.tier.toLowerCase()}, weight ${o.weight}.`,
      ),
      { numbered: true },
    );
  }
  treatyStatus(w, section, model);
  section.end();
}

/** The chapter scores as a horizontal bar chart, drawn as vector graphics, with alternative text. */
function chart(w: Writer, parent: Struct, model: ReportModel): void {
  const { doc } = w;
  const chapters = model.summary.chapters;
  const labelWidth = 190;
  const valueWidth = 70;
  const barWidth = w.width - labelWidth - valueWidth - 16;
  doc.font(FONT.regular).fontSize(SIZE.small);
  const rowHeights = chapters.map((c) => Math.max(16, doc.heightOfString(c.title, { width: labelWidth }) + 6));
  const total = rowHeights.reduce((a, b) => a + b, 0) + 18;
  w.need(total);
  const alt = `Bar chart of chapter scores out of 100: ${chapters
    .map((c) => `${c.title} ${formatScore(c.score)} (completeness ${formatPercent(c.completeness)})`)
    .join('; ')}.`;
  const figure = doc.struct('Figure', { alt });
  parent.add(figure);
  const top = doc.y;
  figure.add(() => {
    let y = top;
    const barLeft = w.left + labelWidth + 8;
    chapters.forEach((c, i) => {
      const h = rowHeights[i] ?? 16;
      doc.font(FONT.regular).fontSize(SIZE.small).fillColor(INK);
      doc.text(c.title, w.left, y + 3, { width: labelWidth, lineGap: 0 });
      doc
        .save()
        .rect(barLeft, y + h / 2 - 5, barWidth, 10)
        .fill('#edf2f7')
        .restore();
      if (c.score !== null && c.score > 0) {
        doc
          .save()
          .rect(barLeft, y + h / 2 - 5, (barWidth * c.score) / 100, 10)
          .fill(barColor(c.score))
          .restore();
      }
      doc
        .font(FONT.bold)
        .fontSize(SIZE.small)
        .fillColor(INK)
        .text(
          `${formatScore(c.score)}${c.completeness < 1 ? `  (${formatPercent(c.completeness)})` : ''}`,
          barLeft + barWidth + 8,
          y + h / 2 - 5,
          { width: valueWidth, lineBreak: false },
        );
      y += h;
    });
    // Scale marks at 0, 50 and 100.
    doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED);
    for (const mark of [0, 50, 100]) {
      const x = barLeft + (barWidth * mark) / 100;
      line(doc, [x, top], [x, y], 0.3, '#a0aec0');
      doc.text(String(mark), x - 10, y + 2, { width: 20, align: 'center', lineBreak: false });
    }
    doc.y = y + 14;
  });
  figure.end();
  doc.x = w.left;
  doc.y = top + total;
}

export function gapTable(w: Writer, model: ReportModel): void {
  const section = w.part('Gap table');
  if (model.gaps.length === 0) {
    w.text(section, 'P', 'Every obligation is met or not applicable.');
  } else {
    w.text(
      section,
      'P',
      'Every obligation that is not met, partly met, unverified or unanswered, in the order of the chapters.',
      { color: MUTED, size: SIZE.small, after: 8 },
    );
    // With a baseline, a change column takes its width from the law cited and the action.
    const change = model.progress !== null;
    w.table(
      section,
      [
        { header: 'Provision', width: 0.13 },
        { header: 'Obligation', width: change ? 0.22 : 0.25 },
        { header: 'Status', width: 0.11 },
        ...(change ? [{ header: `Since ${model.progress?.since}`, width: 0.14 }] : []),
        { header: 'National law cited', width: change ? 0.15 : 0.19 },
        { header: 'Recommended action', width: change ? 0.25 : 0.32 },
      ],
      model.gaps.map((o) => [
        { text: o.provisionLabels },
        { text: `${o.title}\n${o.tier.toLowerCase()}, weight ${o.weight}` },
        { text: o.statusLabel, bold: true, color: STATUS_COLOR[o.status] },
        ...(change ? [{ text: o.change ?? '' }] : []),
        { text: o.citations.join('; ') || '–' },
        { text: o.action },
      ]),
    );
  }
  optionalAndReserved(w, section, model);
  section.end();
}

export function chapters(w: Writer, model: ReportModel): void {
  const { doc } = w;
  const parentItem = doc.outline.addItem('Findings by chapter', { expanded: true });
  model.chapters.forEach((chapter, index) => {
    const section = w.part(`${index + 1}. ${chapter.title}`, parentItem);
    const meta = [`Score ${formatScore(chapter.score)} / 100`, `completeness ${formatPercent(chapter.completeness)}`];
    if (chapter.source) meta.push(chapter.source);
    w.text(section, 'P', meta.join(' · '), { color: MUTED, size: SIZE.small, after: 4 });
    if (chapter.description) w.text(section, 'P', chapter.description, { after: 8 });
    for (const o of chapter.obligations) obligation(w, section, o);
    section.end();
  });
}

function obligation(w: Writer, parent: Struct, o: ReportObligation): void {
  const { doc } = w;
  const section = doc.struct('Sect');
  parent.add(section);
  // Start an obligation where its heading, status, summary and the first lines of the treaty
  // quote fit together, rather than leaving the heading stranded at the foot of a page.
  w.style({});
  w.need(doc.heightOfString(o.summary, { width: w.width }) + 110);
  w.heading(section, 2, o.title);
  const facts = [
    `${o.tier.toLowerCase()}, weight ${o.weight}`,
    o.provisionLabels,
    ...(o.score === null ? [] : [`score ${formatScore(o.score)} / 100`]),
    ...(o.answered < o.questions ? [`${o.questions - o.answered} of ${o.questions} questions unanswered`] : []),
  ];
  w.pages.set(o.id, w.pageNumber);
  const statusTop = doc.y;
  w.artifact(() => {
    doc
      .save()
      .rect(w.left, statusTop + 3, 7, 7)
      .fill(STATUS_COLOR[o.status])
      .restore();
  });
  w.leadParagraph(section, `Status: ${o.statusLabel}. `, facts.join(' · '), {
    indent: 12,
    leadColor: STATUS_COLOR[o.status],
    color: MUTED,
    after: 4,
  });
  w.text(section, 'P', o.summary, { after: 6 });

  if (o.provisions.length > 0) {
    const quote = doc.struct('BlockQuote');
    section.add(quote);
    for (const p of o.provisions) {
      w.style({ size: SIZE.small });
      w.need(Math.min(doc.heightOfString(p.text, { width: w.width - 14 }), 60) + 14);
      const page = doc.page;
      const top = doc.y;
      w.leadParagraph(quote, `${p.label}: `, `“${p.lead ? `${p.lead} … ` : ''}${p.text}”`, {
        size: SIZE.small,
        color: MUTED,
        leadColor: INK,
        indent: 10,
        after: 4,
      });
      // The quote bar is drawn only when the quotation stayed on one page.
      if (doc.page === page) {
        const end = doc.y - 4;
        w.artifact(() => {
          doc
            .save()
            .rect(w.left + 2, top, 2, end - top)
            .fill(RULE)
            .restore();
        });
      }
    }
    quote.end();
    doc.y += 3;
  }

  w.table(
    section,
    [
      { header: 'Question', width: 0.44 },
      { header: 'Answer', width: 0.18 },
      { header: 'National law and notes', width: 0.38 },
    ],
    o.answers.map((a, i) => {
      const details = [
        a.kind === 'text' && a.text ? a.text : '',
        a.citation ? `Law: ${a.citation}` : '',
        a.notes ? `Notes: ${a.notes}` : '',
      ].filter(Boolean);
      return [
        { text: `${i + 1}. ${a.question}` },
        { text: a.flagged ? `${a.answerLabel} (flagged)` : a.answerLabel, bold: a.kind === 'scale' },
        { text: details.join('\n') || '–' },
      ];
    }),
    { after: 6 },
  );
  for (const r of o.reservations) w.text(section, 'P', reservationText(r), { color: MUTED, after: 4 });
  if (o.actions.length > 1) {
    w.text(section, 'P', 'Recommended action:', { font: 'bold', after: 2 });
    w.list(
      section,
      o.actions.map((a) => a.text),
      { after: 10 },
    );
  } else {
    w.leadParagraph(section, 'Recommended action: ', o.action, { after: 10 });
  }
  section.end();
}

export function remaining(w: Writer, model: ReportModel): void {
  const section = w.part('What remains to verify');
  const groups: [string, string, RemainingItem[]][] = [
    ['Unverified answers', 'Answered "unknown": they score 0 until the law is checked.', model.remaining.unverified],
    [
      'Unanswered questions',
      'Not counted in any score; completeness shows how many are missing.',
      model.remaining.unanswered,
    ],
    ['Answers flagged for review', 'Marked by the assessor to come back to.', model.remaining.flagged],
    [
      'Answers to retired questions',
      'Questions a later catalog version removed or replaced: kept for reference, not scored. "opsc assess" asks what replaced them.',
      model.retired.map((r) => ({
        questionId: r.questionId,
        question: `${r.questionId}: ${r.answer}${r.citation ? `. Law: ${r.citation}` : ''}`,
        obligationId: '',
        obligationTitle: 'Retired question',
        chapterTitle: 'not scored',
        ...(r.notes ? { notes: r.notes } : {}),
      })),
    ],
  ];
  if (groups.every(([, , items]) => items.length === 0)) {
    w.text(section, 'P', 'Nothing: every question is answered, none is unknown and none is flagged.');
  }
  for (const [heading, explanation, items] of groups) {
    if (items.length === 0) continue;
    w.heading(section, 2, `${heading} (${items.length})`);
    w.text(section, 'P', explanation, { color: MUTED, size: SIZE.small, after: 6 });
    w.table(
      section,
      [
        { header: 'Question', width: 0.45 },
        { header: 'Obligation', width: 0.3 },
        { header: 'Notes', width: 0.25 },
      ],
      items.map((item) => [
        { text: item.question },
        { text: `${item.obligationTitle} (${item.chapterTitle})` },
        { text: item.notes ?? '–' },
      ]),
    );
  }
  section.end();
}

export function methodologySection(w: Writer, model: ReportModel): void {
  const section = w.part('Methodology');
  for (const block of model.methodology) methodologyBlock(w, section, block);
  if (model.instrument.textSource.url) {
    w.text(section, 'P', `Source of the copy: ${model.instrument.textSource.url}`, { size: SIZE.small, color: MUTED });
  }
  section.end();
}

function methodologyBlock(w: Writer, parent: Struct, block: Block): void {
  const { doc } = w;
  if (block.kind === 'paragraph') w.text(parent, 'P', block.text, { after: 7 });
  else if (block.kind === 'list') w.list(parent, block.items, { after: 7 });
  else {
    w.style({ size: SIZE.body });
    const height =
      block.lines.reduce((h, line) => h + doc.heightOfString(line, { width: w.width - 24, lineGap: 1.5 }) + 4, 0) + 14;
    w.need(height);
    const top = doc.y;
    w.artifact(() => {
      doc.save().rect(w.left, top, w.width, height).fill('#f1f5f9').restore();
    });
    doc.y = top + 8;
    for (const line of block.lines) w.text(parent, 'P', line, { indent: 12, right: 12, after: 4 });
    doc.y = top + height + 8;
  }
}

export function provisionIndex(w: Writer, model: ReportModel): void {
  const section = w.part('Index of provisions');
  const chapterNumbers = new Map(model.chapters.map((c, i) => [c.id, i + 1]));
  w.text(
    section,
    'P',
    'Each provision cited by the catalog, with the obligations that implement it, their chapter and page.',
    {
      color: MUTED,
      size: SIZE.small,
      after: 8,
    },
  );
  w.table(
    section,
    [
      { header: 'Provision', width: 0.2 },
      { header: 'Obligations', width: 0.62 },
      { header: 'Chapter, page', width: 0.18 },
    ],
    model.index.map((entry) => [
      { text: entry.provision.label, bold: true },
      { text: entry.obligations.map((o) => o.title).join('\n') },
      {
        text: entry.obligations
          .map((o) => `ch. ${chapterNumbers.get(o.chapter) ?? '–'}, p. ${w.pages.get(o.id) ?? '–'}`)
          .join('\n'),
      },
    ]),
  );
  section.end();
}
