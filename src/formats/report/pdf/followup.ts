// The embedded Noto Sans has no arrow (U+2192): "then » now" is written with a Latin-1 sign.
import { formatScore, type ReportModel } from '../../../report/model.js';
import { barColor, FONT, INK, line, MUTED, SIZE, STATUS_COLOR, type Struct } from './theme.js';
import type { Writer } from './writer.js';

/** "Progress since <date>": both scores, chapter bars then and now, gaps closed and new. */
export function progress(w: Writer, model: ReportModel): void {
  const p = model.progress;
  if (!p) return;
  const section = w.part(`Progress since ${p.since}`);
  w.text(
    section,
    'P',
    `Compared with the assessment of ${p.since} by ${p.baselineAssessor} (${p.baselineFile}, catalog ${p.baselineCatalogVersion}).`,
    { color: MUTED, size: SIZE.small, after: 6 },
  );
  if (p.catalogNote) w.text(section, 'P', p.catalogNote, { color: MUTED, size: SIZE.small, after: 6 });
  w.leadParagraph(
    section,
    `Overall score: ${formatScore(p.overall.before)} » ${formatScore(p.overall.now)} (${signed(p.overall.delta)}). `,
    `Beyond the treaty minimum: ${formatScore(p.recommended.before)} » ${formatScore(p.recommended.now)} (${signed(p.recommended.delta)}). ${p.improved} obligation(s) improved, ${p.regressed.length} regressed; ${p.closedGaps.length} gap(s) closed, ${p.newGaps.length} new.`,
    { size: 11, after: 8 },
  );
  w.heading(section, 2, 'Scores by chapter, then and now');
  chart(w, section, model);
  const list = (heading: string, items: typeof p.closedGaps) => {
    w.heading(section, 2, `${heading} (${items.length})`);
    if (items.length === 0) w.text(section, 'P', 'None.', { after: 6 });
    else
      w.list(
        section,
        items.map((g) => `${g.title} (${g.provisionLabels}): ${g.before} then, ${g.now} now.`),
      );
  };
  list('Gaps closed', p.closedGaps);
  list('New gaps', p.newGaps);
  if (p.regressed.length > 0) list('Regressed', p.regressed);
  section.end();
}

/** Two bars per chapter: the baseline (grey) above the score now (coloured), with alternative text. */
function chart(w: Writer, parent: Struct, model: ReportModel): void {
  const p = model.progress;
  if (!p) return;
  const { doc } = w;
  const labelWidth = 190;
  const valueWidth = 90;
  const barWidth = w.width - labelWidth - valueWidth - 16;
  doc.font(FONT.regular).fontSize(SIZE.small);
  const rowHeights = p.chapters.map((c) => Math.max(24, doc.heightOfString(c.title, { width: labelWidth }) + 8));
  const total = rowHeights.reduce((a, b) => a + b, 0) + 30;
  w.need(total);
  const alt = `Bar chart of chapter scores out of 100, ${p.since} and now: ${p.chapters
    .map((c) => `${c.title} ${formatScore(c.before)} then, ${formatScore(c.now)} now`)
    .join('; ')}.`;
  const figure = doc.struct('Figure', { alt });
  parent.add(figure);
  const top = doc.y;
  figure.add(() => {
    let y = top;
    const barLeft = w.left + labelWidth + 8;
    p.chapters.forEach((c, i) => {
      const h = rowHeights[i] ?? 24;
      doc.font(FONT.regular).fontSize(SIZE.small).fillColor(INK);
      doc.text(c.title, w.left, y + 3, { width: labelWidth, lineGap: 0 });
      const mid = y + h / 2;
      doc
        .save()
        .rect(barLeft, mid - 9, barWidth, 8)
        .fill('#edf2f7')
        .restore();
      if (c.before !== null && c.before > 0)
        doc
          .save()
          .rect(barLeft, mid - 9, (barWidth * c.before) / 100, 8)
          .fill('#a0aec0')
          .restore();
      doc
        .save()
        .rect(barLeft, mid + 1, barWidth, 8)
        .fill('#edf2f7')
        .restore();
      if (c.now !== null && c.now > 0)
        doc
          .save()
          .rect(barLeft, mid + 1, (barWidth * c.now) / 100, 8)
          .fill(barColor(c.now))
          .restore();
      doc
        .font(FONT.bold)
        .fontSize(SIZE.small)
        .fillColor(INK)
        .text(`${formatScore(c.before)} » ${formatScore(c.now)}`, barLeft + barWidth + 8, mid - 5, {
          width: valueWidth,
          lineBreak: false,
        });
      y += h;
    });
    doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED);
    for (const mark of [0, 50, 100]) {
      const x = barLeft + (barWidth * mark) / 100;
      line(doc, [x, top], [x, y], 0.3, '#a0aec0');
      doc.text(String(mark), x - 10, y + 2, { width: 20, align: 'center', lineBreak: false });
    }
    doc
      .save()
      .rect(barLeft, y + 14, 10, 6)
      .fill('#a0aec0')
      .restore();
    doc.fillColor(MUTED).text(p.since, barLeft + 14, y + 13, { width: 80, lineBreak: false });
    doc
      .save()
      .rect(barLeft + 100, y + 14, 10, 6)
      .fill(barColor(80))
      .restore();
    doc.fillColor(MUTED).text('now', barLeft + 114, y + 13, { width: 60, lineBreak: false });
  });
  figure.end();
  doc.x = w.left;
  doc.y = top + total;
}

const FOLLOW_UP_COLOR = {
  addressed: STATUS_COLOR.met,
  'partly-addressed': STATUS_COLOR.partial,
  'not-addressed': STATUS_COLOR.unmet,
  'to-verify': STATUS_COLOR.unverified,
} as const;

/** "Follow-up to the Committee's recommendations": each with its obligations and status. */
export function recommendations(w: Writer, model: ReportModel): void {
  if (model.recommendations.length === 0) return;
  const section = w.part("Follow-up to the Committee's recommendations");
  w.text(
    section,
    'P',
    'Each recommendation with the current status of the obligations it concerns: addressed (all met), partly addressed, not addressed (none met), or to verify (an obligation is unanswered or unverified).',
    { color: MUTED, size: SIZE.small, after: 8 },
  );
  const baseline = model.progress !== null;
  w.table(
    section,
    [
      { header: 'Recommendation', width: baseline ? 0.42 : 0.5 },
      { header: 'Obligations', width: 0.3 },
      { header: 'Status', width: baseline ? 0.12 : 0.2 },
      ...(baseline ? [{ header: `Since ${model.progress?.since}`, width: 0.16 }] : []),
    ],
    model.recommendations.map((r) => [
      { text: `${r.symbol}, para. ${r.paragraph}\n${r.text}` },
      { text: r.obligations.map((o) => `${o.title}: ${o.statusLabel}`).join('\n') || '–' },
      { text: r.statusLabel, bold: true, color: FOLLOW_UP_COLOR[r.status] },
      ...(baseline ? [{ text: r.change ?? '' }] : []),
    ]),
  );
  section.end();
}

/** "Action plan": one table per owner, overdue actions first and marked. */
export function actionPlan(w: Writer, model: ReportModel): void {
  if (model.actionPlan.length === 0) return;
  const section = w.part('Action plan');
  w.text(section, 'P', `Grouped by owner; overdue actions (due before ${model.reportDate}) first.`, {
    color: MUTED,
    size: SIZE.small,
    after: 8,
  });
  for (const group of model.actionPlan) {
    w.heading(section, 2, group.owner);
    w.table(
      section,
      [
        { header: 'Obligation', width: 0.3 },
        { header: 'Gap', width: 0.12 },
        { header: 'Action', width: 0.34 },
        { header: 'Due', width: 0.12 },
        { header: 'Status', width: 0.12 },
      ],
      group.actions.map((a) => [
        { text: `${a.obligationTitle}\n${a.provisionLabels}` },
        { text: a.gapStatusLabel, color: STATUS_COLOR[a.gapStatus] },
        { text: a.note ?? '–' },
        a.overdue
          ? { text: `${a.due}\noverdue by ${a.daysOverdue} days`, bold: true, color: STATUS_COLOR.unmet }
          : { text: a.due ?? '–' },
        { text: a.status },
      ]),
      { after: 8 },
    );
  }
  section.end();
}

function signed(delta: number | null): string {
  if (delta === null) return '–';
  const r = Math.round(delta * 10) / 10;
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
}
