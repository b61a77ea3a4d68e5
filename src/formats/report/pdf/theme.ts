/** Page geometry, type sizes and colours of the PDF report, shared by the writer and the sections. */
import type { ObligationStatus } from '../../../scoring/model.js';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

export const PAGE = { size: 'A4', margins: { top: 64, bottom: 64, left: 60, right: 60 } } as const;
export const SIZE = { body: 9.5, small: 8, table: 8.2, h1: 19, h2: 13.5, h3: 10.5 } as const;
export const INK = '#1a202c';
export const MUTED = '#4a5568';
export const RULE = '#cbd5e0';
export const ACCENT = '#1f4e79';
export const HEADER_FILL = '#e6edf5';
export const ZEBRA = '#f7f9fb';

/** Dark enough for 4.5:1 contrast on white, since the status is read from the colour too. */
export const STATUS_COLOR: Record<ObligationStatus, string> = {
  met: '#1e6b34',
  partial: '#8a5a00',
  unmet: '#b02a1e',
  used: '#1e6b34',
  'partly-used': '#1f4e79',
  'not-used': '#4a5568',
  unverified: '#5b3a9e',
  'not-applicable': '#4a5568',
  reserved: '#4a5568',
  unanswered: '#4a5568',
};

/** A straight rule, drawn without touching the current graphics state. */
export function line(
  doc: PDFKit.PDFDocument,
  from: [number, number],
  to: [number, number],
  width: number,
  color: string,
): void {
  doc.save().moveTo(from[0], from[1]).lineTo(to[0], to[1]).lineWidth(width).strokeColor(color).stroke().restore();
}

/** Bars in the chart: by score band, so the chart reads without the numbers. */
export function barColor(score: number): string {
  if (score >= 75) return '#2f855a';
  if (score >= 40) return '#c08a1e';
  return '#c53030';
}

// Two weights only: each font costs ~100 ms to parse, and quotations read well in the regular face.
export const FONT = { regular: 'NotoSans', bold: 'NotoSans-Bold' } as const;
