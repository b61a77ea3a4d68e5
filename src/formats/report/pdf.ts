import PDFDocument from 'pdfkit';
import type { Block } from '../../report/methodology.js';
import {
  fictionalNotice,
  formatPercent,
  formatScore,
  type RemainingItem,
  type ReportModel,
  type ReportObligation,
} from '../../report/model.js';
import type { ObligationStatus } from '../../scoring/model.js';

/** The font bytes are passed in: the renderer reads no files. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface PdfOptions {
  fonts: ReportFonts;
  /** CreationDate and ModDate; a fixed value gives a byte-identical file. */
  creationDate: Date;
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const PAGE = { size: 'A4', margins: { top: 64, bottom: 64, left: 60, right: 60 } } as const;
const SIZE = { body: 9.5, small: 8, table: 8.2, h1: 19, h2: 13.5, h3: 10.5 } as const;
const INK = '#1a202c';
const MUTED = '#4a5568';
const RULE = '#cbd5e0';
const ACCENT = '#1f4e79';
const HEADER_FILL = '#e6edf5';
const ZEBRA = '#f7f9fb';

/** Dark enough for 4.5:1 contrast on white, since the status is read from the colour too. */
const STATUS_COLOR: Record<ObligationStatus, string> = {
  met: '#1e6b34',
  partial: '#8a5a00',
  unmet: '#b02a1e',
  unverified: '#5b3a9e',
  'not-applicable': '#4a5568',
  unanswered: '#4a5568',
};

/** Bars in the chart: by score band, so the chart reads without the numbers. */

/** A straight rule, drawn without touching the current graphics state. */
function line(
  doc: PDFKit.PDFDocument,
  from: [number, number],
  to: [number, number],
  width: number,
  color: string,
): void {
  doc.save().moveTo(from[0], from[1]).lineTo(to[0], to[1]).lineWidth(width).strokeColor(color).stroke().restore();
}

function barColor(score: number): string {
  if (score >= 75) return '#2f855a';
  if (score >= 40) return '#c08a1e';
  return '#c53030';
}

// Two weights only: each font costs ~100 ms to parse, and quotations read well in the regular face.
const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const;

/**
 * Renders the report model as a tagged PDF (PDF/UA identification, structure tree with headings,
 * tables with header cells and lists, bookmarks, document title and language, an embedded
 * Unicode font, "page N of M" footers as artifacts). Returns the bytes and the page count.
 */
export async function renderPdf(
  model: ReportModel,
  options: PdfOptions,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const title = `${model.title}: ${model.country.name}`;
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    // @types/pdfkit 0.17.6 does not list 'PDF/UA'; pdfkit 0.20 writes the pdfuaid:part XMP entry.
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: title,
      Author: model.assessor,
      Subject: `Legislative gap analysis against the ${model.instrument.title}`,
      Keywords: `${model.instrument.shortTitle}, CRC, gap report, ${model.country.code}`,
      Creator: `opsc ${model.toolVersion}`,
      Producer: 'opsc (pdfkit)',
      CreationDate: options.creationDate,
      ModDate: options.creationDate,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.registerFont(FONT.regular, Buffer.from(options.fonts.regular));
  doc.registerFont(FONT.bold, Buffer.from(options.fonts.bold));
  for (const name of [FONT.bold, FONT.regular]) useFastLayout(doc.font(name));
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(INK);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = new Writer(doc, root);

  cover(w, model);
  executiveSummary(w, model);
  gapTable(w, model);
  chapters(w, model);
  remaining(w, model);
  methodologySection(w, model);
  provisionIndex(w, model);

  root.end();
  const pages = footers(doc, model);
  doc.end();
  await done;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes, pages };
}

/** The parts of a fontkit font and glyph run that pdfkit's embedded font uses. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitRun {
  glyphs: FontkitGlyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}
interface FontkitFont {
  layout(text: string, features?: unknown): FontkitRun;
  glyphsForString(text: string): FontkitGlyph[];
}

/**
 * Text that needs no shaping: Latin, Greek and Cyrillic letters, general punctuation, currency
 * and letterlike symbols, without combining marks. Line breaks and tabs come attached to words
 * and map to the zero-width .notdef glyph either way.
 */
const SIMPLE_TEXT =
  /^[\t\n\r\u0020-\u007e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]*$/u;

/**
 * Lays out simple text from the glyphs' advance widths instead of running the full OpenType
 * shaper on every word. fontkit's shaping costs ~0.3 ms a word, which made a 50-page report take
 * over a second; advance widths cost ~1/100 of that. What is given up is kerning and the optional
 * fi/fl ligatures (text extraction and search only get simpler). Anything else (combining marks,
 * scripts that need shaping, explicit features) still goes through fontkit's layout.
 *
 * This reaches into pdfkit internals (`doc._font.font` is the fontkit font of the current
 * PDFFont; pinned pdfkit 0.20.2). If they are not there, nothing is changed and the full layout
 * is used: slower, never wrong.
 */
function useFastLayout(doc: Doc): void {
  const font = (doc as unknown as { _font?: { font?: FontkitFont } })._font?.font;
  if (!font || typeof font.glyphsForString !== 'function') return;
  const full = font.layout.bind(font);
  font.layout = (text: string, features?: unknown): FontkitRun => {
    if (features !== undefined || !SIMPLE_TEXT.test(text)) return full(text, features);
    const glyphs = font.glyphsForString(text);
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return {
      glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
}

interface TextStyle {
  font?: keyof typeof FONT;
  size?: number;
  color?: string;
  /** Space after, in points. */
  after?: number;
  indent?: number;
  /** Space kept free on the right, in points. */
  right?: number;
  /** Colour of the bold lead-in of a lead paragraph (default: the text colour). */
  leadColor?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
}

interface Cell {
  text: string;
  bold?: boolean;
  color?: string;
}

interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
}

/** Layout helpers: every piece of text is placed inside a structure element. */
class Writer {
  readonly left: number;
  readonly width: number;
  /** The page each obligation's section starts on, for the index. */
  readonly pages = new Map<string, number>();

  constructor(
    readonly doc: Doc,
    readonly root: Struct,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  /** The current page, 1-based: content is always written on the last page. */
  get pageNumber(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /**
   * doc.heightOfString, with a shortcut for text that fits on one line: most table cells do, and
   * wrapping a cell twice (to measure, then to draw) was a third of the rendering time.
   */
  textHeight(text: string, width: number, lineGap: number): number {
    if (!text.includes('\n') && this.doc.widthOfString(text) <= width) {
      return this.doc.currentLineHeight(true) + lineGap;
    }
    return this.doc.heightOfString(text, { width, lineGap });
  }

  /**
   * Splits text where it stops fitting in `height` (whole words, found by bisection), for a table
   * row taller than a page. Returns the part that fits and the rest.
   */
  splitToFit(text: string, width: number, height: number, lineGap: number): [string, string] {
    if (this.textHeight(text, width, lineGap) <= height) return [text, ''];
    const words = text.split(/(?<=\s)/);
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.doc.heightOfString(words.slice(0, mid).join(''), { width, lineGap }) <= height) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0) return ['', text];
    return [words.slice(0, lo).join('').trimEnd(), words.slice(lo).join('')];
  }

  /** Starts a new page unless at least `space` points are left. */
  need(space: number): void {
    if (this.doc.y + space > this.bottom) this.newPage();
  }

  /** A top-level part of the report: a new page, a bookmark, a section and its H1. */
  part(title: string, outline: { addItem(title: string): unknown } = this.doc.outline): Struct {
    this.newPage();
    outline.addItem(title);
    const section = this.doc.struct('Sect');
    this.root.add(section);
    this.heading(section, 1, title);
    return section;
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  style(style: TextStyle): void {
    this.doc
      .font(FONT[style.font ?? 'regular'])
      .fontSize(style.size ?? SIZE.body)
      .fillColor(style.color ?? INK);
  }

  /** A structure element holding one block of text. */
  text(parent: Struct, tag: string, text: string, style: TextStyle = {}): void {
    const element = this.doc.struct(tag);
    parent.add(element);
    element.add(() => {
      this.style(style);
      this.doc.text(text, this.left + (style.indent ?? 0), this.doc.y, {
        width: this.width - (style.indent ?? 0) - (style.right ?? 0),
        align: style.align ?? 'left',
        lineGap: 1.5,
      });
    });
    element.end();
    this.doc.y += style.after ?? 5;
    this.doc.x = this.left;
  }

  heading(parent: Struct, level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    this.style({ font: 'bold', size });
    // Keep a heading with at least a few lines of what follows it.
    this.need(this.doc.heightOfString(text, { width: this.width }) + 48);
    if (level > 1) this.doc.y += level === 2 ? 6 : 4;
    this.text(parent, `H${level}`, text, {
      font: 'bold',
      size,
      color: level === 3 ? INK : ACCENT,
      after: level === 1 ? 10 : 5,
    });
  }

  /** A paragraph with a bold lead-in ("Recommended action: …"). */
  leadParagraph(parent: Struct, lead: string, text: string, style: TextStyle = {}): void {
    const element = this.doc.struct('P');
    parent.add(element);
    element.add(() => {
      const indent = style.indent ?? 0;
      this.style({ ...style, font: 'bold', color: style.leadColor ?? style.color ?? INK });
      this.doc.text(lead, this.left + indent, this.doc.y, {
        width: this.width - indent,
        continued: true,
        lineGap: 1.5,
      });
      this.style({ ...style, font: style.font ?? 'regular' });
      this.doc.text(text, { width: this.width - indent, lineGap: 1.5 });
    });
    element.end();
    this.doc.y += style.after ?? 5;
    this.doc.x = this.left;
  }

  /** A list: L > LI > Lbl + LBody, the label in the margin of the body. */
  list(parent: Struct, items: string[], style: TextStyle & { numbered?: boolean } = {}): void {
    const list = this.doc.struct('L');
    parent.add(list);
    const indent = (style.indent ?? 0) + 14;
    items.forEach((item, i) => {
      this.style(style);
      this.need(Math.min(this.doc.heightOfString(item, { width: this.width - indent }), 40) + 2);
      const top = this.doc.y;
      const li = this.doc.struct('LI');
      list.add(li);
      const label = this.doc.struct('Lbl');
      li.add(label);
      label.add(() => {
        this.style(style);
        this.doc.text(style.numbered ? `${i + 1}.` : '•', this.left + (style.indent ?? 0), top, { lineBreak: false });
      });
      label.end();
      const body = this.doc.struct('LBody');
      li.add(body);
      body.add(() => {
        this.style(style);
        this.doc.text(item, this.left + indent, top, { width: this.width - indent, lineGap: 1.5 });
      });
      body.end();
      li.end();
      this.doc.y += 2;
    });
    list.end();
    this.doc.y += (style.after ?? 5) - 2;
    this.doc.x = this.left;
  }

  /** Draws decoration that is not content: marked as an artifact so screen readers skip it. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /**
   * A table that splits between rows and repeats its header row on every page it continues on
   * (the repeat is an artifact: the structure tree holds the header once). With `rowHeaders`, the
   * first column holds TH cells with Row scope and there is no header row.
   */
  table(
    parent: Struct,
    columns: Column[],
    rows: Cell[][],
    options: { rowHeaders?: boolean; size?: number; after?: number } = {},
  ): void {
    const doc = this.doc;
    const size = options.size ?? SIZE.table;
    const pad = 4;
    const widths = columns.map((c) => c.width * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const table = doc.struct('Table');
    parent.add(table);

    const measure = (cells: Cell[], bold: boolean) =>
      Math.max(
        ...cells.map((cell, i) => {
          doc.font(FONT[bold || cell.bold ? 'bold' : 'regular']).fontSize(size);
          return this.textHeight(cell.text || ' ', (widths[i] ?? 0) - 2 * pad, 1);
        }),
      ) +
      2 * pad;

    const drawCellText = (cell: Cell, i: number, top: number, bold: boolean): void => {
      doc
        .font(FONT[bold || cell.bold ? 'bold' : 'regular'])
        .fontSize(size)
        .fillColor(cell.color ?? INK);
      doc.text(cell.text, (xs[i] ?? 0) + pad, top + pad, {
        width: (widths[i] ?? 0) - 2 * pad,
        lineGap: 1,
      });
    };

    const header = options.rowHeaders ? undefined : columns.map((c) => ({ text: c.header, bold: true }));
    const headerHeight = header ? measure(header, true) : 0;
    const drawHeader = (tagged: boolean) => {
      if (!header) return;
      const top = doc.y;
      this.artifact(() => {
        doc.save().rect(this.left, top, this.width, headerHeight).fill(HEADER_FILL).restore();
        line(doc, [this.left, top + headerHeight], [this.left + this.width, top + headerHeight], 0.8, ACCENT);
      });
      if (tagged) {
        const head = doc.struct('THead');
        table.add(head);
        const tr = doc.struct('TR');
        head.add(tr);
        header.forEach((cell, i) => {
          const th = doc.struct('TH', { scope: 'Column' });
          tr.add(th);
          th.add(() => drawCellText(cell, i, top, true));
          th.end();
        });
        tr.end();
        head.end();
      } else {
        doc.markContent('Artifact', { type: 'Pagination' });
        for (const [i, cell] of header.entries()) drawCellText(cell, i, top, true);
        doc.endMarkedContent();
      }
      doc.y = top + headerHeight;
    };

    this.need(headerHeight + measure(rows[0] ?? [], false));
    drawHeader(true);
    const body = doc.struct('TBody');
    table.add(body);
    const room = () => this.bottom - doc.y;
    const fullPage = this.bottom - doc.page.margins.top - headerHeight;
    const continueOnNextPage = () => {
      this.newPage();
      drawHeader(false);
    };
    rows.forEach((row, r) => {
      const isHeader = (i: number) => options.rowHeaders === true && i === 0;
      // The row's cells stay one TR/TD in the structure tree even when the row is split.
      const tr = doc.struct('TR');
      body.add(tr);
      const cells = row.map((_, i) => {
        const td = doc.struct(isHeader(i) ? 'TH' : 'TD', isHeader(i) ? { scope: 'Row' } : {});
        tr.add(td);
        return td;
      });
      let pending: Cell[] | undefined = row;
      while (pending) {
        const height = measure(pending, false);
        let piece: Cell[] = pending;
        let pieceHeight = height;
        pending = undefined;
        if (height > room()) {
          if (height <= fullPage || room() < fullPage / 4) {
            // Rows move whole to the next page; only a row taller than a page is split, and never
            // into a sliver at the bottom of a page.
            continueOnNextPage();
            pending = piece;
            continue;
          }
          const split = piece.map((cell, i) => {
            doc.font(FONT[isHeader(i) || cell.bold ? 'bold' : 'regular']).fontSize(size);
            return this.splitToFit(cell.text, (widths[i] ?? 0) - 2 * pad, room() - 2 * pad, 1);
          });
          pending = piece.map((cell, i) => ({ ...cell, text: split[i]?.[1] ?? '' }));
          piece = piece.map((cell, i) => ({ ...cell, text: split[i]?.[0] ?? '' }));
          pieceHeight = room();
        }
        const top = doc.y;
        const drawn = piece;
        this.artifact(() => {
          if (r % 2 === 1) doc.save().rect(this.left, top, this.width, pieceHeight).fill(ZEBRA).restore();
          line(doc, [this.left, top + pieceHeight], [this.left + this.width, top + pieceHeight], 0.4, RULE);
        });
        drawn.forEach((cell, i) => {
          if (cell.text) cells[i]?.add(() => drawCellText(cell, i, top, isHeader(i)));
        });
        doc.y = top + pieceHeight;
        if (pending) continueOnNextPage();
      }
      for (const td of cells) td.end();
      tr.end();
    });
    body.end();
    table.end();
    doc.x = this.left;
    doc.y += options.after ?? 10;
  }
}

function cover(w: Writer, model: ReportModel): void {
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

function executiveSummary(w: Writer, model: ReportModel): void {
  const section = w.part('Executive summary');
  const { overall, recommended } = model.summary;
  w.leadParagraph(
    section,
    overall.score === null
      ? 'Overall score: none yet (nothing answered). '
      : `Overall score: ${formatScore(overall.score)} / 100. `,
    `Weighted over the mandatory and discretionary obligations of the Protocol; completeness ${formatPercent(overall.completeness)} (${overall.answered} of ${overall.questions} questions answered).`,
    { size: 11, after: 4 },
  );
  if (recommended.obligations > 0) {
    w.leadParagraph(
      section,
      `Beyond the treaty minimum: ${formatScore(recommended.score)} / 100. `,
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
  const counts = model.summary.statusCounts;
  w.text(
    section,
    'P',
    `Obligations: ${counts.met} met, ${counts.partial} partly met, ${counts.unmet} not met, ${counts.unverified} unverified, ${counts['not-applicable']} not applicable, ${counts.unanswered} unanswered.`,
    { color: MUTED, after: 8 },
  );
  w.heading(section, 2, 'Scores by chapter');
  chart(w, section, model);
  w.heading(section, 2, 'Priority gaps');
  if (model.summary.priorityGaps.length === 0) {
    w.text(section, 'P', 'No mandatory or discretionary obligation is unmet, partly met or unverified.');
  } else {
    w.text(section, 'P', 'Mandatory obligations first, then by weight; the full list is in the gap table.', {
      color: MUTED,
      size: SIZE.small,
    });
    w.list(
      section,
      model.summary.priorityGaps.map(
        (o) => `${o.title} (${o.provisionLabels}): ${o.statusLabel.toLowerCase()}, ${o.strength}, weight ${o.weight}.`,
      ),
      { numbered: true },
    );
  }
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

function gapTable(w: Writer, model: ReportModel): void {
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
    w.table(
      section,
      [
        { header: 'Provision', width: 0.13 },
        { header: 'Obligation', width: 0.25 },
        { header: 'Status', width: 0.11 },
        { header: 'National law cited', width: 0.19 },
        { header: 'Recommended action', width: 0.32 },
      ],
      model.gaps.map((o) => [
        { text: o.provisionLabels },
        { text: `${o.title}\n${o.strength}, weight ${o.weight}` },
        { text: o.statusLabel, bold: true, color: STATUS_COLOR[o.status] },
        { text: o.citations.join('; ') || '–' },
        { text: o.recommendation },
      ]),
    );
  }
  section.end();
}

function chapters(w: Writer, model: ReportModel): void {
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
    `${o.strength}, weight ${o.weight}`,
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
  w.leadParagraph(section, 'Recommended action: ', o.action, { after: 10 });
  section.end();
}

function remaining(w: Writer, model: ReportModel): void {
  const section = w.part('What remains to verify');
  const groups: [string, string, RemainingItem[]][] = [
    ['Unverified answers', 'Answered "unknown": they score 0 until the law is checked.', model.remaining.unverified],
    [
      'Unanswered questions',
      'Not counted in any score; completeness shows how many are missing.',
      model.remaining.unanswered,
    ],
    ['Answers flagged for review', 'Marked by the assessor to come back to.', model.remaining.flagged],
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

function methodologySection(w: Writer, model: ReportModel): void {
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

function provisionIndex(w: Writer, model: ReportModel): void {
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

/** "page N of M" and a running header on every page after the cover, as pagination artifacts. */
function footers(doc: Doc, model: ReportModel): number {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    if (i === range.start) continue;
    const margins = doc.page.margins;
    const bottom = margins.bottom;
    margins.bottom = 0;
    const left = margins.left;
    const width = doc.page.width - margins.left - margins.right;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
    doc.text(`${model.title}: ${model.country.name}`, left, 34, { width: width * 0.7, lineBreak: false });
    doc.text(model.reportDate, left + width * 0.7, 34, { width: width * 0.3, align: 'right', lineBreak: false });
    line(doc, [left, 46], [left + width, 46], 0.4, RULE);
    doc.text(`page ${i + 1} of ${total}`, left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    margins.bottom = bottom;
  }
  return total;
}
