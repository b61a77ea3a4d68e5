import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.js';
import { github } from '../src/formats/diagnostics/github.js';
import { json } from '../src/formats/diagnostics/json.js';
import { junit } from '../src/formats/diagnostics/junit.js';
import { sarif } from '../src/formats/diagnostics/sarif.js';
import { stylish } from '../src/formats/diagnostics/stylish.js';

const diagnostics: Diagnostic[] = [
  {
    file: 'obligations/opsc/a,b.yaml',
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 9,
    severity: 'error',
    rule: 'unknown-chapter',
    message: 'Chapter "x" is not in instrument.yaml: 100% wrong,\nsee docs.',
  },
  {
    file: 'assessment.yaml',
    line: 1,
    column: 1,
    severity: 'warning',
    rule: 'catalog-digest-mismatch',
    message: 'Changed.',
  },
];
const context = { files: ['assessment.yaml', 'clean.yaml', 'obligations/opsc/a,b.yaml'], toolVersion: '9.9.9' };

describe('diagnostic formats', () => {
  it('stylish: one line per finding, then a summary', () => {
    expect(stylish(diagnostics, context)).toBe(
      'obligations/opsc/a,b.yaml:3:5  error  Chapter "x" is not in instrument.yaml: 100% wrong,\nsee docs.  unknown-chapter\n' +
        'assessment.yaml:1:1  warning  Changed.  catalog-digest-mismatch\n\n' +
        '✖ 1 error, 1 warning in 3 files.\n',
    );
    expect(stylish([], { ...context, files: ['x.yaml'] })).toBe('✔ No problems in 1 file.\n');
  });

  it('json: the documented keys, end positions only when known', () => {
    const parsed = JSON.parse(json(diagnostics, context));
    expect(Object.keys(parsed[0])).toEqual([
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'severity',
      'rule',
      'message',
    ]);
    expect(Object.keys(parsed[1])).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
  });

  it('github: workflow commands with properties and data escaped as the runner expects', () => {
    expect(github(diagnostics, context).split('\n')).toEqual([
      '::error file=obligations/opsc/a%2Cb.yaml,line=3,col=5,endLine=3,endColumn=9,title=opsc unknown-chapter::Chapter "x" is not in instrument.yaml: 100%25 wrong,%0Asee docs.',
      '::warning file=assessment.yaml,line=1,col=1,title=opsc catalog-digest-mismatch::Changed.',
      '',
    ]);
  });

  it('sarif: 2.1.0 with rules referenced by index and regions', () => {
    const log = JSON.parse(sarif(diagnostics, context));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'opsc', version: '9.9.9' });
    const rules = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toEqual(['catalog-digest-mismatch', 'unknown-chapter']);
    expect(run.results[0]).toEqual({
      ruleId: 'unknown-chapter',
      ruleIndex: 1,
      level: 'error',
      message: { text: diagnostics[0]?.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'obligations/opsc/a%2Cb.yaml' },
            region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
          },
        },
      ],
    });
    expect(run.artifacts).toHaveLength(3);
  });

  it('junit: a test case per file, a failure per finding, XML escaped', () => {
    const xml = junit(diagnostics, context);
    expect(xml).toMatch(/<testsuites name="opsc validate" tests="3" failures="2">/);
    expect(xml).toContain('<testcase classname="opsc.validate" name="clean.yaml"/>');
    expect(xml).toContain(
      '<failure type="unknown-chapter" message="Chapter &quot;x&quot; is not in instrument.yaml: 100% wrong,\nsee docs.">',
    );
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });
});
