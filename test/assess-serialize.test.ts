import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import type { Assessment } from '../src/assessment/model.js';
import { scalar, serializeAssessment } from '../src/assessment/serialize.js';
import { loadValidators } from '../src/cli/files.js';
import { applyAnswer, createQuestionnaire, newAssessment } from '../src/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { parseYaml } from '../src/yaml/source.js';
import { FLOW_CATALOG, loadCatalogDir } from './helpers/catalogs.js';

const catalog = loadCatalogDir(FLOW_CATALOG);
const q = createQuestionnaire(catalog);
const schemas = createSchemaChecker(loadValidators());
const NOW = '2026-01-02T03:04:05Z';
const options = { schemaPath: '../schemas/assessment.schema.json', catalog };

function reparse(text: string): unknown {
  const { parsed, diagnostics } = parseYaml('a.yaml', new TextEncoder().encode(text));
  if (!parsed) throw new Error(`Did not parse: ${JSON.stringify(diagnostics)}\n${text}`);
  return parsed.value;
}

describe('serializeAssessment', () => {
  const base = () => newAssessment(q, { country: { code: 'KEN', name: 'Kenya' }, assessor: 'Ministry', now: NOW });

  it('starts with the schema modeline and writes keys in a stable order', () => {
    const text = serializeAssessment(base(), options);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/assessment.schema.json');
    const keys = text
      .split('\n')
      .filter((l) => /^[a-z]+:/.test(l))
      .map((l) => l.split(':')[0]);
    expect(keys).toEqual(['instrument', 'catalog', 'country', 'assessor', 'created', 'updated', 'answers']);
    // Same input, same bytes.
    expect(serializeAssessment(base(), options)).toBe(text);
  });

  it('writes answers in questionnaire order with the question as a comment, and the file validates', () => {
    let a = base();
    a = applyAnswer(
      q,
      a,
      'sale-offence',
      { answer: 'partly', citation: 'Penal Code s. 12', notes: 'Line 1\nLine 2' },
      NOW,
    );
    const text = serializeAssessment(a, options);
    const ids = [...text.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(ids).toEqual(q.entries.map((e) => e.question.id));
    expect(text).toContain('# Q3/7. Is the sale of children an offence?');
    expect(text).toContain('notes: |-\n      Line 1\n      Line 2');
    const { assessment, diagnostics } = loadAssessment(
      { path: 'a.yaml', bytes: new TextEncoder().encode(text) },
      catalog,
      schemas,
    );
    expect(diagnostics).toEqual([]);
    expect(assessment).toEqual(a);
  });

  it('keeps retired answers and answers to questions outside the catalog', () => {
    const a: Assessment = {
      ...base(),
      answers: { ...base().answers, 'gone-question': { answer: 'yes' } },
      retired: { older: { answer: 'no', notes: 'kept' } },
    };
    expect(reparse(serializeAssessment(a, options))).toEqual(a);
  });

  it('round-trips any text the user can type', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const lines = fc
      .array(fc.oneof(text, fc.constantFrom('', ' ', '\t', 'yes', '- a', '# b', 'key: v')), { maxLength: 5 })
      .map((l) => l.join('\n'));
    const value = fc.oneof(
      text,
      lines,
      fc.constantFrom(
        'yes',
        'No',
        'null',
        '~',
        '123',
        '1e3',
        '0x1F',
        ' lead',
        'trail ',
        '"q"',
        "'",
        '|',
        '>',
        '@at',
        '`x',
        '%',
        '!tag',
        '*alias',
        '&anchor',
        '\n',
        '\n\n',
        'a\n',
        'a\n\n',
        '\r\n',
        '\u2028',
        '\u0085',
        '\ufeff',
        '\u007f',
      ),
    );
    fc.assert(
      fc.property(value, value, value, value, (citation, notes, assessor, name) => {
        let a = newAssessment(q, { country: { code: 'KEN', name }, assessor, now: NOW });
        a = applyAnswer(q, a, 'protocol-status', { answer: 'yes', citation, notes }, NOW);
        a = applyAnswer(q, a, 'ratification-date', { text: notes, notes: citation }, NOW);
        expect(reparse(serializeAssessment(a, options))).toEqual(a);
        // The status of the Protocol, with its reservations, round-trips too (assess rewrites the file).
        a.treatyStatus = {
          ratification: { kind: 'accession', date: '2004-03-01' },
          nationalLaw: notes,
          reporting: citation,
          reservations: [
            { kind: 'reservation', provisions: ['3.1.a.ii', '4.2'], text: name || 'x', date: '2004-03-01' },
            { kind: 'declaration', provisions: [], text: assessor || 'y' },
            { kind: 'declaration', text: notes || 'z' },
          ],
        };
        expect(reparse(serializeAssessment(a, options))).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });

  it('writes an empty status block and an empty reservation list as such', () => {
    const a = newAssessment(q, { country: { code: 'KEN' }, now: NOW });
    for (const treatyStatus of [{}, { reservations: [] }, { ratification: {} }]) {
      expect(reparse(serializeAssessment({ ...a, treatyStatus }, options))).toEqual({ ...a, treatyStatus });
    }
  });

  it('quotes only what YAML would read as something else', () => {
    expect(scalar('Criminal Code s. 184b', '')).toBe('Criminal Code s. 184b');
    expect(scalar('no', '')).toBe('no');
    expect(scalar('true', '')).toBe('"true"');
    expect(scalar('1.0.0', '')).toBe('"1.0.0"');
    expect(scalar('a: b', '')).toBe('"a: b"');
    expect(scalar(null, '')).toBe('null');
  });
});
