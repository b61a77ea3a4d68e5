import PDFDocument from 'pdfkit';
import type { ReportModel } from '../../report/model.js';
import {
  chapters,
  cover,
  executiveSummary,
  footers,
  gapTable,
  methodologySection,
  provisionIndex,
  remaining,
} from './pdf/sections.js';
import { FONT, INK, PAGE, SIZE } from './pdf/theme.js';
import { useFastLayout, Writer } from './pdf/writer.js';

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
