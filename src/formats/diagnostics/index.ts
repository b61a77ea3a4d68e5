import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { DiagnosticFormat, DiagnosticFormatter } from './types.js';

export const diagnosticFormatters: Record<DiagnosticFormat, DiagnosticFormatter> = {
  stylish,
  json,
  github,
  sarif,
  junit,
};
export { DIAGNOSTIC_FORMATS, type DiagnosticFormat, type FormatContext } from './types.js';
