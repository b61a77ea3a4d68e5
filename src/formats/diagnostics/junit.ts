import type { DiagnosticFormatter } from './types.js';

/** JUnit XML: one test case per file checked, one failure element per finding in it. */
export const junit: DiagnosticFormatter = (diagnostics, { files }) => {
  const allFiles = [...new Set([...files, ...diagnostics.map((d) => d.file)])];
  const failing = allFiles.filter((f) => diagnostics.some((d) => d.file === f)).length;
  const cases = allFiles.map((file) => {
    const findings = diagnostics.filter((d) => d.file === file);
    if (findings.length === 0) return `    <testcase classname="opsc.validate" name="${xml(file)}"/>`;
    const failures = findings.map(
      (d) =>
        `      <failure type="${xml(d.rule)}" message="${xml(d.message)}">${xml(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} (${d.rule})`)}</failure>`,
    );
    return [`    <testcase classname="opsc.validate" name="${xml(file)}">`, ...failures, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="opsc validate" tests="${allFiles.length}" failures="${failing}">`,
    `  <testsuite name="opsc validate" tests="${allFiles.length}" failures="${failing}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 forbids: C0 controls, lone surrogates, U+FFFE and U+FFFF (W3).
      .replace(
        /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        '',
      )
  );
}
