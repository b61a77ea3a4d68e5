import type { DiagnosticFormatter } from './types.js';

/** An array of diagnostics with a fixed key order, for scripts. */
export const json: DiagnosticFormatter = (diagnostics) =>
  `${JSON.stringify(
    diagnostics.map(({ file, line, column, endLine, endColumn, severity, rule, message }) => ({
      file,
      line,
      column,
      ...(endLine !== undefined ? { endLine, endColumn } : {}),
      severity,
      rule,
      message,
    })),
    null,
    2,
  )}\n`;
