import { type ComparisonModel, STATUS_LEGEND, STATUS_SYMBOLS } from '../../compare/model.js';
import { formatPercent, formatScore } from '../../report/model.js';
import { openDocument, type PdfOptions } from '../report/pdf/document.js';
import { ACCENT, MUTED, SIZE, STATUS_COLOR } from '../report/pdf/theme.js';
import type { Cell, Writer } from '../report/pdf/writer.js';
import { countryLabel, scoreLabel } from './markdown.js';

/** Countries per slice of the heat map: as many status columns as fit beside the obligation titles. */
const HEAT_MAP_COLUMNS = 12;

/**
 * The comparison as a tagged PDF, built with the same document and writer as the gap report:
 * ranking, chapters × countries, a heat map of obligations × countries (a letter in the status
 * colour, so it reads in black and white), how many countries meet each obligation, main gaps.
 */
export async function comparePdf(model: ComparisonModel, options: PdfOptions): Promise<Uint8Array> {
  const title = `${model.title}: ${model.instrument.shortTitle}`;
  const { writer: w, finish } = openDocument(
    {
      title,
      author: `opsc ${model.toolVersion}`,
      subject: `Comparison of ${model.countries.length} national assessments against the ${model.instrument.title}`,
      keywords: `${model.instrument.shortTitle}, CRC, comparison`,
      toolVersion: model.toolVersion,
      runningHeader: [title, model.date],
    },
    options,
  );
  cover(w, model, title);
  ranking(w, model);
  chapterTable(w, model);
  heatMap(w, model);
  counts(w, model);
  gaps(w, model);
  return (await finish()).bytes;
}

function cover(w: Writer, model: ComparisonModel, title: string): void {
  const section = w.doc.struct('Sect');
  w.root.add(section);
  w.doc.outline.addItem('Cover');
  w.doc.y = 120;
  w.text(section, 'H1', title, { font: 'bold', size: 24, color: ACCENT, after: 8 });
  w.text(section, 'P', model.instrument.title, { size: 11, color: MUTED, after: 24 });
  const fictional = model.countries.filter((c) => c.fictional).length;
  const provisional = model.countries.filter((c) => c.provisional).length;
  w.table(
    section,
    [
      { header: 'Item', width: 0.35 },
      { header: 'Value', width: 0.65 },
    ],
    [
      [{ text: 'Countries compared' }, { text: String(model.countries.length) }],
      [{ text: 'Catalog version' }, { text: model.instrument.version }],
      [{ text: 'Date' }, { text: model.date }],
      [
        { text: 'Provisional scores' },
        { text: `${provisional} (incomplete assessments; their scores may still move)` },
      ],
      [
        { text: 'Fictional countries' },
        { text: `${fictional} (ISO 3166-1 user-assigned codes: training or demo data)` },
      ],
      [{ text: 'Tool version' }, { text: `opsc ${model.toolVersion}` }],
    ],
    { rowHeaders: true, size: 9 },
  );
  for (const group of model.duplicates) {
    w.text(
      section,
      'P',
      `${group.code} has ${group.files.length} assessments (${group.files.join(', ')}); ${group.used ? `the latest, ${group.used}, is used.` : 'all are listed.'}`,
      { size: SIZE.small, color: MUTED },
    );
  }
  section.end();
}

function ranking(w: Writer, model: ComparisonModel): void {
  const section = w.part('Ranking by overall score');
  w.text(section, 'P', 'Treaty obligations only; a provisional score comes from an incomplete assessment.', {
    size: SIZE.small,
    color: MUTED,
  });
  w.table(
    section,
    [
      { header: 'Rank', width: 0.08 },
      { header: 'Country', width: 0.42 },
      { header: 'Overall score', width: 0.2 },
      { header: 'Completeness', width: 0.14 },
      { header: 'Date', width: 0.16 },
    ],
    model.countries.map((c) => [
      { text: c.rank === null ? '–' : String(c.rank) },
      { text: countryLabel(c) + (c.migratedFrom ? ` (catalog ${c.migratedFrom}, migrated)` : ''), bold: true },
      { text: scoreLabel(c) },
      { text: formatPercent(c.completeness) },
      { text: c.date || 'not recorded' },
    ]),
  );
  section.end();
}

function chapterTable(w: Writer, model: ComparisonModel): void {
  const section = w.part('Chapter scores by country');
  // Chapter titles do not fit a column: numbered headers, with the titles listed above the table.
  w.text(section, 'P', model.chapters.map((ch, i) => `${i + 1} ${ch.title}`).join(' · '), {
    size: SIZE.small,
    color: MUTED,
  });
  const share = 0.68 / Math.max(1, model.chapters.length);
  w.table(
    section,
    [{ header: 'Country', width: 0.32 }, ...model.chapters.map((_, i) => ({ header: `Ch. ${i + 1}`, width: share }))],
    model.countries.map((c) => [
      { text: `${c.name} (${c.code})`, bold: true },
      ...c.chapterScores.map((s) => ({ text: s === null ? '–' : formatScore(s) })),
    ]),
    { size: 7.5 },
  );
  section.end();
}

function heatMap(w: Writer, model: ComparisonModel): void {
  const section = w.part('Obligations by country');
  w.text(
    section,
    'P',
    `Each cell is a letter in its status colour: ${STATUS_LEGEND.map(([s, label]) => `${STATUS_SYMBOLS[s]} ${label}`).join(', ')}. Countries are in ranking order, ${HEAT_MAP_COLUMNS} to a table.`,
    { size: SIZE.small, color: MUTED },
  );
  for (let start = 0; start < model.countries.length; start += HEAT_MAP_COLUMNS) {
    const slice = model.countries.slice(start, start + HEAT_MAP_COLUMNS);
    if (model.countries.length > HEAT_MAP_COLUMNS) {
      w.heading(section, 3, `Countries ${start + 1}–${start + slice.length} of ${model.countries.length}`);
    }
    const share = 0.66 / HEAT_MAP_COLUMNS;
    w.table(
      section,
      [{ header: 'Obligation', width: 0.34 }, ...slice.map((c) => ({ header: c.code, width: share }))],
      model.obligations.map((o, i): Cell[] => [
        { text: o.title },
        ...slice.map((c) => {
          const status = c.statuses[i] ?? 'unanswered';
          return { text: STATUS_SYMBOLS[status], bold: true, color: STATUS_COLOR[status] };
        }),
      ]),
      { size: 7 },
    );
  }
  section.end();
}

function counts(w: Writer, model: ComparisonModel): void {
  const section = w.part('How many countries meet each obligation');
  const statuses = ['met', 'partial', 'unmet', 'unverified', 'not-applicable', 'unanswered'] as const;
  w.table(
    section,
    [
      { header: 'Obligation', width: 0.46 },
      { header: 'Strength', width: 0.12 },
      ...statuses.map((s) => ({
        header: STATUS_LEGEND.find(([k]) => k === s)?.[1] ?? s,
        width: 0.42 / statuses.length,
      })),
    ],
    model.obligations.map((o) => [
      { text: o.title },
      { text: o.strength },
      ...statuses.map((s) => ({ text: String(o.counts[s]) })),
    ]),
    { size: 7.5 },
  );
  section.end();
}

function gaps(w: Writer, model: ComparisonModel): void {
  const section = w.part('Main gaps by country');
  w.table(
    section,
    [
      { header: 'Country', width: 0.3 },
      { header: 'Main open treaty gaps (not met first, then by weight)', width: 0.7 },
    ],
    model.countries.map((c) => [
      { text: `${c.name} (${c.code})`, bold: true },
      {
        text:
          c.gaps.length === 0
            ? 'No open treaty gap among the answered obligations.'
            : c.gaps.map((g) => `${g.title}: ${g.status === 'unmet' ? 'not met' : 'partly met'}`).join('\n'),
      },
    ]),
    { size: 8 },
  );
  section.end();
}
