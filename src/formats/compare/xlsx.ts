import ExcelJS from 'exceljs';
import { type ComparisonModel, STATUS_LEGEND, STATUS_SYMBOLS } from '../../compare/model.js';
import { STATUS_COLOR } from '../report/pdf/theme.js';

/** Text from a file, made safe for a cell: never a formula, no control characters. */
export function cellText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
  return /^[=+\-@]/.test(clean) ? `'${clean}` : clean;
}

/**
 * The comparison as a workbook: Ranking, Chapters, Heat map (obligations × countries, a letter on
 * a fill in the status colour), Obligations (how many countries meet each). Headers frozen,
 * filters on.
 */
export async function compareXlsx(model: ComparisonModel): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = `opsc ${model.toolVersion}`;
  book.created = new Date(`${model.date}T00:00:00Z`);
  book.modified = book.created;

  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    ws.addRow(header).font = { bold: true };
    ws.columns.forEach((column, i) => {
      column.width = widths[i] ?? widths[widths.length - 1] ?? 12;
    });
    return ws;
  };

  const ranking = sheet(
    'Ranking',
    ['Rank', 'Code', 'Country', 'Overall score', 'Provisional', 'Completeness', 'Date', 'Fictional', 'File'],
    [7, 8, 36, 14, 12, 14, 12, 10, 40],
  );
  for (const c of model.countries) {
    ranking.addRow([
      c.rank,
      c.code,
      cellText(c.name),
      c.overall === null ? null : Math.round(c.overall * 10) / 10,
      c.provisional ? 'yes' : 'no',
      Math.round(c.completeness * 1000) / 1000,
      c.date,
      c.fictional ? 'yes' : 'no',
      cellText(c.file),
    ]);
  }
  ranking.getColumn(6).numFmt = '0.0%';
  ranking.autoFilter = { from: 'A1', to: 'I1' };

  const chapters = sheet('Chapters', ['Country', ...model.chapters.map((ch) => cellText(ch.title))], [36, 16]);
  for (const c of model.countries) {
    chapters.addRow([
      cellText(`${c.name} (${c.code})`),
      ...c.chapterScores.map((s) => (s === null ? null : Math.round(s * 10) / 10)),
    ]);
  }

  const heat = sheet('Heat map', ['Obligation', ...model.countries.map((c) => c.code)], [50, 6]);
  model.obligations.forEach((o, i) => {
    const row = heat.addRow([
      cellText(o.title),
      ...model.countries.map((c) => STATUS_SYMBOLS[c.statuses[i] ?? 'unanswered']),
    ]);
    model.countries.forEach((c, j) => {
      const status = c.statuses[i] ?? 'unanswered';
      const cell = row.getCell(j + 2);
      cell.alignment = { horizontal: 'center' };
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${STATUS_COLOR[status].slice(1)}` } };
    });
  });
  heat.addRow([]);
  heat.addRow([`Legend: ${STATUS_LEGEND.map(([s, label]) => `${STATUS_SYMBOLS[s]} ${label}`).join(', ')}`]);

  const counts = sheet(
    'Obligations',
    ['Obligation id', 'Obligation', 'Chapter', 'Strength', ...STATUS_LEGEND.map(([, label]) => label)],
    [28, 50, 22, 14, 10],
  );
  for (const o of model.obligations) {
    counts.addRow([
      cellText(o.id),
      cellText(o.title),
      cellText(o.chapter),
      o.strength,
      ...STATUS_LEGEND.map(([s]) => o.counts[s]),
    ]);
  }
  counts.autoFilter = { from: 'A1', to: { row: 1, column: 4 + STATUS_LEGEND.length } };

  return new Uint8Array(await book.xlsx.writeBuffer());
}
