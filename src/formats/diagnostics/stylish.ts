import type { DiagnosticFormatter } from './types.js';

/** `file:line:col  severity  message  rule`, then one summary line. */
export const stylish: DiagnosticFormatter = (diagnostics, { files, color }) => {
  const paint = {
    location: (s: string) => (color ? color.bold(s) : s),
    error: (s: string) => (color ? color.red(s) : s),
    warning: (s: string) => (color ? color.yellow(s) : s),
    rule: (s: string) => (color ? color.dim(s) : s),
    ok: (s: string) => (color ? color.green(s) : s),
  };
  const lines = diagnostics.map(
    (d) =>
      `${paint.location(`${d.file}:${d.line}:${d.column}`)}  ${paint[d.severity](d.severity)}  ${d.message}  ${paint.rule(d.rule)}`,
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const fileCount = `${files.length} ${files.length === 1 ? 'file' : 'files'}`;
  if (diagnostics.length === 0) {
    lines.push(paint.ok(`✔ No problems in ${fileCount}.`));
  } else {
    const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${fileCount}.`;
    lines.push('', errors > 0 ? paint.error(`✖ ${summary}`) : paint.warning(`⚠ ${summary}`));
  }
  return `${lines.join('\n')}\n`;
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
