import type { AssessmentDiff } from '../../diff/model.js';

/** The diff as JSON: every other format renders exactly this data. */
export function diffJson(diff: AssessmentDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
