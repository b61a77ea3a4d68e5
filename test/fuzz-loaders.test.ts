import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import { isInstrumentFile, loadCatalog, type SourceFile } from '../src/catalog/load.js';
import { BUNDLED_CATALOG, loadValidators, readCatalogDir } from '../src/cli/files.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { ROOT, runInProcess } from './helpers/cli.js';

/**
 * Property-based fuzzing of the two loaders: whatever the bytes, the result is a catalog or
 * assessment, or well-formed diagnostics — never an exception. `npm test` runs a modest count;
 * `npm run bench` runs this file with FUZZ_RUNS=10000.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** A fixed seed in `npm test`, so a failure is the same on every machine; bench may pass another. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
fc.configureGlobal({ seed: SEED });
const schemas = createSchemaChecker(loadValidators());
const catalogSource = readCatalogDir(BUNDLED_CATALOG, ROOT);
const instrument = catalogSource.files.find((f) => isInstrumentFile(f.path)) as SourceFile;
const obligationFiles = catalogSource.files.filter((f) => f !== instrument);
const minimal = readCatalogDir(join(ROOT, 'fixtures', 'catalogs', 'minimal'), ROOT);
const minimalCatalog = loadCatalog(minimal, schemas).catalog;
const assessmentText = readFileSync(
  join(ROOT, 'fixtures', 'invalid', 'unknown-question', 'assessment.yaml'),
  'utf8',
).replace('offence-penality', 'offence-penalty');

const yamlTokens = [
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '&a ',
  '*a',
  '!!str ',
  '? ',
  '---\n',
  '"',
  "'",
  '#',
  '|\n',
  '>-\n',
  '\t',
  '\0',
  '\n',
  '  ',
  'null',
  '~',
  'yes',
  '1e9999',
  '\uFEFF',
  '𝒳',
  '\u202E',
];

/** An edit to a text: delete, duplicate or swap lines, insert tokens, change characters, truncate. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...yamlTokens) }),
  fc.record({ kind: fc.constant('insert-random' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('replace-char' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0x2fff }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  let out = text;
  for (const edit of edits) {
    const lines = out.split('\n');
    const line = edit.at % Math.max(1, lines.length);
    const offset = edit.at % Math.max(1, out.length);
    switch (edit.kind) {
      case 'delete-line':
        lines.splice(line, 1);
        out = lines.join('\n');
        break;
      case 'duplicate-line':
        lines.splice(line, 0, lines[line] ?? '');
        out = lines.join('\n');
        break;
      case 'swap-lines': {
        const other = edit.other % Math.max(1, lines.length);
        [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
        out = lines.join('\n');
        break;
      }
      case 'insert':
      case 'insert-random':
        out = out.slice(0, offset) + edit.text + out.slice(offset);
        break;
      case 'replace-char':
        out = out.slice(0, offset) + String.fromCharCode(edit.code) + out.slice(offset + 1);
        break;
      case 'truncate':
        out = out.slice(0, offset);
        break;
    }
  }
  return out;
}

function expectWellFormed(diagnostics: readonly Diagnostic[], files: readonly string[]): void {
  for (const d of diagnostics) {
    expect(files).toContain(d.file);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.rule).toMatch(/^[a-z/-]+$/);
    expect(d.message.length).toBeGreaterThan(5);
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('fuzzing the loaders', () => {
  it(`catalog loader: ${RUNS} mutated copies of a shipped obligation file`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, edits) => {
        // The instrument and one mutated obligation file: cross-file checks are not the target here.
        const target = obligationFiles[index % obligationFiles.length] as SourceFile;
        const files = [
          instrument,
          { path: target.path, bytes: bytes(mutate(Buffer.from(target.bytes).toString('utf8'), edits)) },
        ];
        const result = loadCatalog({ dir: catalogSource.dir, files }, schemas);
        expectWellFormed(
          result.diagnostics,
          files.map((f) => f.path),
        );
        expect(result.catalog !== undefined || result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // Catalog 2.0's obligation files are about twice 1.1.0's, and the machine's 2 cores are
    // shared: 300 full loads took ~33 s here, over vitest's default 30 s.
  }, 120_000);

  it(`catalog loader: ${RUNS} mutated instrument files`, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const [instrument, ...rest] = minimal.files as [SourceFile, ...SourceFile[]];
        const files = [
          { path: instrument.path, bytes: bytes(mutate(Buffer.from(instrument.bytes).toString(), edits)) },
          ...rest,
        ];
        expectWellFormed(
          loadCatalog({ dir: minimal.dir, files }, schemas).diagnostics,
          files.map((f) => f.path),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`assessment loader: ${RUNS} mutated assessments`, () => {
    if (!minimalCatalog) throw new Error('the minimal catalog must load');
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (edits) => {
        const result = loadAssessment(
          { path: 'a.yaml', bytes: bytes(mutate(assessmentText, edits)) },
          minimalCatalog,
          schemas,
        );
        expectWellFormed(result.diagnostics, ['a.yaml']);
      }),
      { numRuns: RUNS },
    );
  });

  it(`both loaders: ${RUNS} random byte strings and random YAML-ish text`, () => {
    if (!minimalCatalog) throw new Error('the minimal catalog must load');
    const randomText = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(fc.constantFrom(...yamlTokens, 'a', 'obligations', 'answers', 'id', '1'), { maxLength: 60 })
        .map((parts) => bytes(parts.join(''))),
      fc.jsonValue().map((value) => bytes(JSON.stringify(value))),
    );
    fc.assert(
      fc.property(randomText, (data) => {
        expectWellFormed(loadAssessment({ path: 'r.yaml', bytes: data }, minimalCatalog, schemas).diagnostics, [
          'r.yaml',
        ]);
        const files = [
          ...minimal.files.filter((f) => isInstrumentFile(f.path)),
          { path: 'fixtures/catalogs/minimal/r.yaml', bytes: data },
        ];
        expectWellFormed(
          loadCatalog({ dir: minimal.dir, files }, schemas).diagnostics,
          files.map((f) => f.path),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the command line', () => {
  it(`opsc validate on ${Math.ceil(RUNS / 10)} mutated assessment files: exit 0, 1 or 2 and never a stack trace`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsc-fuzz-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), async (edits) => {
          writeFileSync(join(dir, 'a.yaml'), mutate(assessmentText, edits));
          const result = await runInProcess(
            ['validate', 'a.yaml', '--catalog', join(ROOT, 'fixtures', 'catalogs', 'minimal')],
            {
              cwd: dir,
            },
          );
          expect([0, 1, 2]).toContain(result.code);
          expect(result.stdout + result.stderr).not.toMatch(/\n\s+at |internal error/);
        }),
        { numRuns: Math.ceil(RUNS / 10) },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The hostile-input suite (reliability review 2026-12): strings made of control characters,
 * escape-sequence pieces, bidi overrides and scripts, in every string field of an assessment.
 */
const hostileText = fc.string({
  unit: fc.constantFrom(
    '\u001b',
    '\u0007',
    '\u009b',
    '\u202e',
    '\u2066',
    '\r',
    '\n',
    '\t',
    ']0;',
    '[2J',
    '52;c;',
    'a',
    ' ',
    '~~~',
    '#',
    '|',
    'ก',
    '日',
    'م',
    '\uFFFF',
  ),
  maxLength: 40,
});
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('fuzzing hostile text through the commands', () => {
  it(`${Math.ceil(RUNS / 10)} assessments with control characters in every string field: none reaches the output`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsc-fuzz-text-'));
    const catalog = join(ROOT, 'fixtures', 'catalogs', 'minimal');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileText, { minLength: 6, maxLength: 6 }),
          async ([name, assessor, citation, notes, text, key]) => {
            // JSON is YAML: the file holds the characters as escapes, the loader gives them back raw.
            const file = {
              instrument: 'demo',
              catalog: { version: '1.0.0' },
              country: { code: 'XAA', name },
              assessor,
              answers: {
                'offence-defined': { answer: 'yes', citation, notes },
                'offence-date': { text },
                [`x${key}`]: {},
              },
            };
            writeFileSync(join(dir, 'a.yaml'), JSON.stringify(file));
            delete (file.answers as Record<string, unknown>)[`x${key}`];
            writeFileSync(join(dir, 'b.yaml'), JSON.stringify(file));
            for (const argv of [
              ['validate', 'a.yaml'],
              ['score', 'a.yaml'],
              ['score', 'b.yaml'],
              ['report', 'b.yaml', '--format', 'md'],
              ['report', 'b.yaml', '--format', 'csv'],
            ]) {
              const result = await runInProcess([...argv, '--catalog', catalog], {
                cwd: dir,
                env: { FORCE_COLOR: '1' },
              });
              expect([0, 1, 2]).toContain(result.code);
              const output = (result.stdout + result.stderr).replace(/\u001b\[\d{1,2}m/g, '');
              expect(output).not.toMatch(FORBIDDEN);
              expect(output).not.toMatch(/\n\s+at |internal error/);
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 10) },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('long text without break opportunities: the PDF always finishes', { timeout: 300_000 }, async () => {
    const { readFonts, scriptCheck } = await import('../src/cli/commands/report.js');
    const { renderPdf } = await import('../src/formats/report/pdf.js');
    const { buildReport } = await import('../src/report/model.js');
    const { scoreAssessment } = await import('../src/scoring/model.js');
    const { sampleAssessment, sampleCatalog } = await import('./helpers/catalogs.js');
    const catalog = sampleCatalog();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('X', 'W', '/', 'ก', 'า', '日', '-', 'i'), minLength: 1500, maxLength: 2500 }),
        fc.constantFrom('citation', 'notes', 'assessor'),
        async (long, field) => {
          const assessment = sampleAssessment('xab-verenia');
          const record = Object.values(assessment.answers).find((r) => r.answer === 'partly');
          if (field === 'assessor') assessment.assessor = long;
          else if (record) record[field] = long;
          const model = buildReport(catalog, assessment, scoreAssessment(catalog, assessment), {
            date: '2026-03-01',
            toolVersion: '9.9.9',
            answersDigest: `sha256-${'a'.repeat(64)}`,
            sourceFile: 'f.yaml',
            fictional: true,
          });
          const fonts = readFonts(scriptCheck(assessment).scripts);
          const { pages } = await renderPdf(model, { fonts, creationDate: new Date('2026-03-01T00:00:00Z') });
          expect(pages).toBeLessThan(200);
        },
      ),
      { numRuns: Math.max(2, Math.ceil(RUNS / 100)) },
    );
  });
});
