import type { DiagnosticFormatter } from './types.js';

/**
 * GitHub Actions workflow commands. Paths stay as given (relative to the working directory, which
 * is the checkout in a workflow) because GitHub matches annotations to files by repository path.
 * Escaping follows the runner's rules: %, CR and LF in data; also : and , in properties.
 */
export const github: DiagnosticFormatter = (diagnostics) =>
  diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        ...(d.endLine !== undefined ? [`endLine=${d.endLine}`, `endColumn=${d.endColumn}`] : []),
        `title=${escapeProperty(`opsc ${d.rule}`)}`,
      ];
      return `::${d.severity} ${properties.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
