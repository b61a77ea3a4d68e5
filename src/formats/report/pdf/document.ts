import PDFDocument from 'pdfkit';
import { type FallbackScript, fallbackFor } from './scripts.js';
import { FONT, INK, line, MUTED, PAGE, RULE, SIZE } from './theme.js';
import { useFastLayout, Writer } from './writer.js';

/** The font bytes are passed in: the renderers read no files. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  /** Added Noto fonts for scripts Noto Sans lacks (Thai, Arabic, Hebrew, CJK), only those needed. */
  scripts?: Partial<Record<FallbackScript, { regular: Uint8Array; bold: Uint8Array }>>;
}

export interface PdfOptions {
  fonts: ReportFonts;
  /** CreationDate and ModDate; a fixed value gives a byte-identical file. */
  creationDate: Date;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  toolVersion: string;
  /** Left and right of the running header on every page after the first. */
  runningHeader: [string, string];
}

/**
 * A tagged PDF (PDF/UA identification, structure tree, bookmarks, document title and language,
 * an embedded Unicode font) with a Writer on it. `finish` adds "page N of M" footers and the
 * running header as pagination artifacts, and returns the bytes and the page count. Shared by every
 * PDF that opsc writes, so they look and behave alike.
 */
export function openDocument(
  info: DocumentInfo,
  options: PdfOptions,
): { writer: Writer; finish(): Promise<{ bytes: Uint8Array; pages: number }> } {
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
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Keywords: info.keywords,
      Creator: `opsc ${info.toolVersion}`,
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
  useScriptFonts(doc, options.fonts.scripts ?? {});
  doc.font(FONT.regular).fontSize(SIZE.body).fillColor(INK);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new Writer(doc, root);

  return {
    writer,
    async finish() {
      root.end();
      const pages = footers(doc, info.runningHeader);
      doc.end();
      await done;
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return { bytes, pages };
    },
  };
}

/**
 * pdfkit has no font fallback: every text that needs an added script font is drawn (and
 * measured) in it, in the weight of the font in use, and the font in use is restored after.
 */
function useScriptFonts(
  doc: PDFKit.PDFDocument,
  scripts: Partial<Record<FallbackScript, { regular: Uint8Array; bold: Uint8Array }>>,
): void {
  const names = new Map<FallbackScript, { regular: string; bold: string }>();
  for (const [script, fonts] of Object.entries(scripts) as [
    FallbackScript,
    { regular: Uint8Array; bold: Uint8Array },
  ][]) {
    const regular = `Noto-${script}`;
    const bold = `Noto-${script}-Bold`;
    doc.registerFont(regular, Buffer.from(fonts.regular));
    doc.registerFont(bold, Buffer.from(fonts.bold));
    names.set(script, { regular, bold });
  }
  if (names.size === 0) return;
  const setFont = doc.font.bind(doc) as (name: string) => PDFKit.PDFDocument;
  let current: string = FONT.regular;
  doc.font = ((name: string, ...rest: unknown[]) => {
    if (typeof name === 'string') current = name;
    return (doc.constructor.prototype.font as (...a: unknown[]) => PDFKit.PDFDocument).call(doc, name, ...rest);
  }) as typeof doc.font;
  // pdfkit measures words with widthOfString while it draws: inside a switch, nothing switches back.
  let switched = false;
  const within = <T>(text: unknown, call: () => T): T => {
    const script = !switched && typeof text === 'string' ? fallbackFor(text) : undefined;
    const font = script ? names.get(script) : undefined;
    if (!font) return call();
    const previous = current;
    setFont(current === FONT.bold ? font.bold : font.regular);
    switched = true;
    try {
      return call();
    } finally {
      switched = false;
      setFont(previous);
    }
  };
  const text = doc.text.bind(doc) as (...a: unknown[]) => PDFKit.PDFDocument;
  const heightOfString = doc.heightOfString.bind(doc) as (...a: unknown[]) => number;
  const widthOfString = doc.widthOfString.bind(doc) as (...a: unknown[]) => number;
  doc.text = ((value: unknown, ...rest: unknown[]) => within(value, () => text(value, ...rest))) as typeof doc.text;
  doc.heightOfString = ((value: unknown, ...rest: unknown[]) =>
    within(value, () => heightOfString(value, ...rest))) as typeof doc.heightOfString;
  doc.widthOfString = ((value: unknown, ...rest: unknown[]) =>
    within(value, () => widthOfString(value, ...rest))) as typeof doc.widthOfString;
}

/** "page N of M" and a running header on every page after the cover, as pagination artifacts. */
function footers(doc: PDFKit.PDFDocument, [headerLeft, headerRight]: [string, string]): number {
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
    // A long country name is shortened to one line, never wrapped into the rule or the body (K4).
    doc.text(oneLine(doc, headerLeft, width * 0.7 - 6), left, 34, { width: width * 0.7, lineBreak: false });
    doc.text(headerRight, left + width * 0.7, 34, { width: width * 0.3, align: 'right', lineBreak: false });
    line(doc, [left, 46], [left + width, 46], 0.4, RULE);
    doc.text(`page ${i + 1} of ${total}`, left, doc.page.height - 40, { width, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    margins.bottom = bottom;
  }
  return total;
}

/** The text, cut with "…" to fit `width` on one line in the current font. */
function oneLine(doc: PDFKit.PDFDocument, text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (doc.widthOfString(flat) <= width) return flat;
  const chars = Array.from(flat);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.widthOfString(`${chars.slice(0, mid).join('')}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
