import { fallbackFor } from './scripts.js';
import { ACCENT, type Doc, FONT, HEADER_FILL, INK, line, RULE, SIZE, type Struct, ZEBRA } from './theme.js';

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
export function useFastLayout(doc: Doc): void {
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

export interface TextStyle {
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

export interface Cell {
  text: string;
  bold?: boolean;
  color?: string;
}

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
}

/** Layout helpers: every piece of text is placed inside a structure element. */
export class Writer {
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
    // Text in an added script font has that font's line height: measured in full.
    if (!text.includes('\n') && !fallbackFor(text) && this.doc.widthOfString(text) <= width) {
      return this.doc.currentLineHeight(true) + lineGap;
    }
    return this.doc.heightOfString(text, { width, lineGap });
  }

  /**
   * Splits text where it stops fitting in `height`, for a table row taller than a page: at whole
   * words (found by bisection), or — when not even the first word fits, as with 2,000 characters
   * of a URL, base64 or Thai, which has no spaces — by characters, as pdfkit wraps such a word
   * (C1). Returns the part that fits and the rest; the part is empty only when not one line fits.
   */
  splitToFit(text: string, width: number, height: number, lineGap: number): [string, string] {
    if (this.textHeight(text, width, lineGap) <= height) return [text, ''];
    const fits = (candidate: string) => this.doc.heightOfString(candidate, { width, lineGap }) <= height;
    const words = text.split(/(?<=\s)/);
    const lo = largest(words.length, (n) => fits(words.slice(0, n).join('')));
    if (lo > 0) return [words.slice(0, lo).join('').trimEnd(), words.slice(lo).join('')];
    // Not even the first word: by characters (code points, so no surrogate pair is cut).
    const chars = Array.from(words[0] ?? '');
    const n = largest(chars.length - 1, (k) => fits(chars.slice(0, k).join('')));
    if (n === 0) return ['', text];
    return [chars.slice(0, n).join(''), chars.slice(n).join('') + words.slice(1).join('')];
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
      // Second line of defence: a row that stops making progress must not add pages forever.
      let pagesForRow = 0;
      while (pending) {
        if (++pagesForRow > MAX_PAGES_PER_ROW) {
          throw new Error(
            `a table row would not fit on ${MAX_PAGES_PER_ROW} pages (a cell of ${Math.max(...row.map((c) => c.text.length))} characters); shorten that text.`,
          );
        }
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

const MAX_PAGES_PER_ROW = 200;

/** The largest n in 0..max for which ok(n) holds, ok being monotone (true up to some n). */
function largest(max: number, ok: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
