import { ruleDescription } from '../../rules.js';
import type { DiagnosticFormatter } from './types.js';

/** SARIF 2.1.0, one run, rules listed once and referenced by index. */
export const sarif: DiagnosticFormatter = (diagnostics, { files, toolVersion }) => {
  const ruleIds = [...new Set(diagnostics.map((d) => d.rule))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'opsc',
            version: toolVersion,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        artifacts: files.map((file) => ({ location: { uri: toUri(file) } })),
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIds.indexOf(d.rule),
          level: d.severity,
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(d.file) },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** SARIF wants URI references: forward slashes, percent-encoded. */
function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
