import type { ReportModel } from '../../report/model.js';

/** The report model as JSON: every other format renders exactly this data. */
export function reportJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
