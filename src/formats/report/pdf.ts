import type { ReportModel } from '../../report/model.js';
import { openDocument, type PdfOptions } from './pdf/document.js';
import { actionPlan, progress, recommendations } from './pdf/followup.js';
import {
  chapters,
  cover,
  executiveSummary,
  gapTable,
  methodologySection,
  provisionIndex,
  remaining,
} from './pdf/sections.js';

export type { PdfOptions, ReportFonts } from './pdf/document.js';

/**
 * Renders the report model as a tagged PDF (structure tree with headings, tables with header
 * cells and lists, bookmarks, "page N of M" footers as artifacts). Returns the bytes and the
 * page count.
 */
export async function renderPdf(
  model: ReportModel,
  options: PdfOptions,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { writer: w, finish } = openDocument(
    {
      title: `${model.title}: ${model.country.name}`,
      author: model.assessor,
      subject: `Legislative gap analysis against the ${model.instrument.title}`,
      keywords: `${model.instrument.shortTitle}, CRC, gap report, ${model.country.code}`,
      toolVersion: model.toolVersion,
      runningHeader: [`${model.title}: ${model.country.name}`, model.reportDate],
    },
    options,
  );
  cover(w, model);
  executiveSummary(w, model);
  progress(w, model);
  gapTable(w, model);
  recommendations(w, model);
  actionPlan(w, model);
  chapters(w, model);
  remaining(w, model);
  methodologySection(w, model);
  provisionIndex(w, model);
  return finish();
}
