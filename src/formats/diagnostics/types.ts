import type { Diagnostic } from '../../diagnostics.js';
import type { Color } from '../../text/terminal.js';

export interface FormatContext {
  /** Every file checked, clean or not (JUnit lists each; SARIF lists them as artifacts). */
  files: string[];
  toolVersion: string;
  /** Present only for human formats on a colour terminal. */
  color?: Color;
}

export type DiagnosticFormatter = (diagnostics: readonly Diagnostic[], context: FormatContext) => string;

export const DIAGNOSTIC_FORMATS = ['stylish', 'json', 'github', 'sarif', 'junit'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];
