import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Assessment } from '../src/assessment/model.js';
import type { Catalog } from '../src/catalog/model.js';
import { answerRegressions, diffAssessments } from '../src/diff/model.js';
import { diffMarkdown } from '../src/formats/diff/markdown.js';
import { diffText } from '../src/formats/diff/text.js';
import { questionDigest } from '../src/questionnaire/questionnaire.js';
import { makeCatalog, SAMPLE_ASSESSMENTS } from './helpers/catalogs.js';
import { runners } from './helpers/cli.js';

function assessment(catalog: Catalog, answers: Assessment['answers'], extra: Partial<Assessment> = {}): Assessment {
  return {
    instrument: 'opsc',
    catalog: { version: catalog.instrument.version, digest: catalog.digest },
    country: { code: 'XAA', name: 'Aldoria' },
    assessor: 'Ministry of Justice',
    answers,
    ...extra,
  };
}

const catalog = makeCatalog([
  { id: 'a', questions: ['a1', 'a2'] },
  { id: 'b', questions: ['b1'] },
  { id: 'c', questions: ['c1'] },
  { id: 'd', questions: ['d1'] },
  { id: 'r', strength: 'recommended', questions: ['r1'] },
]);

describe('diffAssessments: two cycles', () => {
  const before = assessment(
    catalog,
    {
      a1: { answer: 'partly', citation: 'Penal Code s. 1' },
      a2: { answer: 'no' },
      b1: { answer: 'yes', citation: 'Act 2000 s. 4', notes: 'old note' },
      c1: { answer: 'yes' },
      d1: { answer: 'unknown' },
      r1: { answer: 'no' },
    },
    { updated: '2023-05-01' },
  );
  const after = assessment(
    catalog,
    {
      a1: { answer: 'yes', citation: 'Penal Code s. 1 (amended 2025)' },
      a2: { answer: 'yes' },
      b1: {
        answer: 'partly',
        citation: 'Act 2000 s. 4',
        notes: 'new note',
        by: 'Prosecutor-General',
        updated: '2026-02-01',
      } as never,
      c1: { answer: 'yes', notes: 'checked again' },
      d1: { answer: 'unknown' },
      r1: { answer: 'no' },
    },
    { updated: '2026-03-01' },
  );
  const diff = diffAssessments(
    catalog,
    { assessment: before, file: 'old.yaml' },
    { assessment: after, file: 'new.yaml' },
  );

  it('finds the mode, the scores and the obligations that moved', () => {
    expect(diff.mode).toBe('cycles');
    expect(diff.old.label).toBe('2023-05-01');
    // a: 0.25 → 1; b: 1 → 0.5; c: 1 → 1; d: 0 → 0. Overall (equal weights) 56.25 → 62.5.
    expect(diff.overall).toEqual({ old: 56.25, new: 62.5, delta: 6.25 });
    expect(diff.improved.map((o) => o.id)).toEqual(['a']);
    expect(diff.regressed.map((o) => o.id)).toEqual(['b']);
    expect(diff.regressed[0]?.cause).toBe('answers');
    expect(diff.gapsClosed.map((o) => o.id)).toEqual(['a']);
    expect(diff.gapsNew.map((o) => o.id)).toEqual(['b']);
    expect(answerRegressions(diff).map((o) => o.id)).toEqual(['b']);
  });

  it('lists every changed answer, citation and note, with who and when where recorded', () => {
    expect(diff.questions.map((q) => [q.id, q.fields])).toEqual([
      ['a1', ['answer', 'citation']],
      ['a2', ['answer']],
      ['b1', ['answer', 'notes']],
      ['c1', ['notes']],
    ]);
    const b1 = diff.questions.find((q) => q.id === 'b1');
    expect(b1?.old).toEqual({ answer: 'yes', citation: 'Act 2000 s. 4', notes: 'old note' });
    expect(b1?.new).toMatchObject({
      answer: 'partly',
      notes: 'new note',
      by: 'Prosecutor-General',
      when: '2026-02-01',
    });
    const text = diffText(diff);
    expect(text).toContain('What changed since 2023-05-01: Aldoria (XAA)');
    expect(text).toMatch(/Obligations regressed \(1\)\n {2}Obligation b \[b\]: Met \(100\) → Partly met \(50\)/);
    expect(text).toContain('2026-03-01: partly; law: Act 2000 s. 4; notes: new note — Prosecutor-General, 2026-02-01');
  });

  it('says so when nothing changed, and no regression fails the gate', () => {
    const same = diffAssessments(catalog, { assessment: after, file: 'a.yaml' }, { assessment: after, file: 'b.yaml' });
    expect(same.questions).toEqual([]);
    expect(answerRegressions(same)).toEqual([]);
    expect(diffText(same)).toContain('No change.');
  });
});

describe('diffAssessments: different catalog versions', () => {
  // Version 1 asks q-kept, q-gone and q-reword (old wording); version 2 drops q-gone, rewords
  // q-reword and adds q-new to obligation "x".
  const v1 = makeCatalog([
    { id: 'x', questions: ['q-kept', 'q-gone'] },
    { id: 'y', questions: [{ id: 'q-reword', text: 'Is it an offence?' }] },
  ]);
  v1.instrument.version = '1.0.0';
  v1.digest = 'sha256-v1';
  const v2 = makeCatalog([
    { id: 'x', questions: ['q-kept', 'q-new'] },
    { id: 'y', questions: [{ id: 'q-reword', text: 'Is it an offence in every case, online too?' }] },
  ]);
  v2.instrument.version = '2.0.0';
  v2.digest = 'sha256-v2';
  const asked = (c: Catalog, id: string) => {
    const q = c.obligations.flatMap((o) => o.questions).find((x) => x.id === id);
    if (!q) throw new Error(id);
    return questionDigest(q);
  };
  const before = assessment(v1, {
    'q-kept': { answer: 'yes', asked: asked(v1, 'q-kept') },
    'q-gone': { answer: 'no', asked: asked(v1, 'q-gone') },
    'q-reword': { answer: 'yes', asked: asked(v1, 'q-reword') },
  });
  const after = assessment(v2, {
    'q-kept': { answer: 'yes', asked: asked(v2, 'q-kept') },
    'q-new': { answer: 'no', asked: asked(v2, 'q-new') },
    'q-reword': { answer: 'partly', asked: asked(v2, 'q-reword') },
  });
  const diff = diffAssessments(v2, { assessment: before, file: 'v1.yaml' }, { assessment: after, file: 'v2.yaml' });

  it('lists retired, new and reworded questions apart and does not count them as change', () => {
    expect(diff.catalog).toMatchObject({ differs: true, old: '1.0.0', new: '2.0.0', current: '2.0.0' });
    expect(diff.catalog.retired).toEqual([{ id: 'q-gone', old: 'no' }]);
    expect(diff.catalog.added).toEqual([{ id: 'q-new', question: 'Question q-new?' }]);
    expect(diff.catalog.reworded).toEqual([
      { id: 'q-reword', question: 'Is it an offence in every case, online too?' },
    ]);
    expect(diff.questions).toEqual([]);
  });

  it('marks obligations moved only by the catalog, and the gate ignores them', () => {
    // x: old scored on q-kept only (q-gone retired) = 1; new = mean(yes, no) = 0.5.
    expect(diff.regressed.map((o) => [o.id, o.cause])).toEqual([
      ['x', 'catalog'],
      ['y', 'catalog'],
    ]);
    expect(answerRegressions(diff)).toEqual([]);
    const md = diffMarkdown(diff);
    expect(md).toContain('## Catalog changes (listed apart, not counted as change)');
    expect(md).toContain('**Retired questions** (answers kept, not scored):');
    expect(md).toContain('- `q-new`: Question q-new?');
    expect(md).toContain('catalog change only');
  });
});

describe('diffAssessments: government and shadow report', () => {
  const government = assessment(
    catalog,
    { a1: { answer: 'yes', citation: 'Penal Code s. 10', notes: 'Fully covered.' }, a2: { answer: 'yes' } },
    { assessor: 'Ministry of Justice, Legislative Drafting Office', updated: '2026-03-01' },
  );
  const shadow = assessment(
    catalog,
    {
      a1: { answer: 'partly', citation: 'Penal Code s. 10 | s. 11', notes: 'Courts read *s. 10* narrowly.' },
      a2: { answer: 'yes' },
    },
    { assessor: 'Coalition for Children (NGO)', updated: '2026-04-01' },
  );
  const diff = diffAssessments(
    catalog,
    { assessment: government, file: 'gov.yaml' },
    { assessment: shadow, file: 'shadow.yaml' },
  );

  it('detects two assessors and says where the assessments differ, both sides side by side', () => {
    expect(diff.mode).toBe('assessors');
    expect([diff.old.label, diff.new.label]).toEqual(['Ministry of Justice', 'Coalition for Children']);
    const md = diffMarkdown(diff);
    expect(md).toMatch(/^# Where the assessments differ: Aldoria \(XAA\)/);
    expect(md).toContain('## Where the assessments differ: answers, citations and notes');
    expect(md).toContain('| Question | Ministry of Justice | Coalition for Children |');
    expect(md).toContain(
      '| Q1. Question a1? (`a1`) | **yes**<br>Law: Penal Code s. 10<br>Notes: Fully covered. | **partly**<br>Law: Penal Code s. 10 \\| s. 11<br>Notes: Courts read \\*s. 10\\* narrowly. |',
    );
    expect(md).toContain('## Obligations rated lower by Coalition for Children');
    expect(md).toContain('| Difference |');
    expect(diffText(diff)).toMatch(/^Where the assessments differ/);
  });

  it('can be told the mode', () => {
    const forced = diffAssessments(
      catalog,
      { assessment: government, file: 'gov.yaml' },
      { assessment: shadow, file: 'shadow.yaml' },
      { mode: 'cycles' },
    );
    expect(forced.mode).toBe('cycles');
    expect(diffText(forced)).toContain('Obligations regressed');
  });
});

const SAMPLE = ['--catalog', 'fixtures/catalogs/sample'];
const NOW = 'fixtures/sample-assessments/xaa-aldoria.yaml';
const EARLIER = 'fixtures/sample-assessments/xaa-aldoria-2023.yaml';
const SHADOW = 'fixtures/sample-assessments/xaa-aldoria-shadow.yaml';
const VERENIA = 'fixtures/sample-assessments/xab-verenia.yaml';

describe.each(runners)('opsc diff and score --baseline (%s)', (_name, run) => {
  it('compares the demo cycles in every format', async () => {
    const text = await run(['diff', EARLIER, NOW, ...SAMPLE]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('What changed since 2023-06-30: Republic of Aldoria (XAA)');
    expect(text.stdout).toContain('Gaps closed');
    const json = JSON.parse((await run(['diff', EARLIER, NOW, ...SAMPLE, '--format', 'json'])).stdout);
    expect(json.mode).toBe('cycles');
    expect(json.improved.length).toBeGreaterThan(0);
    const md = await run(['diff', NOW, SHADOW, ...SAMPLE, '--format', 'md']);
    expect(md.stdout).toMatch(/^# Where the assessments differ/);
  });

  it('refuses two countries and an unknown format (exit 2)', async () => {
    const two = await run(['diff', VERENIA, NOW, ...SAMPLE]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('compares two assessments of one country');
    expect((await run(['diff', EARLIER, NOW, ...SAMPLE, '--format', 'pdf'])).code).toBe(2);
  });

  it('--fail-on-regression exits 1 on a regression, 0 without, 2 without --baseline', async () => {
    const improved = await run(['score', NOW, ...SAMPLE, '--baseline', EARLIER, '--fail-on-regression']);
    expect(improved.code).toBe(0);
    expect(improved.stdout).toContain('Since 2023-06-30: overall');
    // Going back from the current law to the 2023 law is a regression.
    const back = await run(['score', EARLIER, ...SAMPLE, '--baseline', NOW, '--fail-on-regression']);
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/obligations? regressed since 2026-03-02: .*protocol-status/);
    const json = JSON.parse((await run(['score', EARLIER, ...SAMPLE, '--baseline', NOW, '--json'])).stdout);
    expect(json.baseline.regressed).toContain('protocol-status');
    const noBaseline = await run(['score', NOW, ...SAMPLE, '--fail-on-regression']);
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr).toContain('--fail-on-regression needs --baseline');
  });
});

describe('diff output is written as data', () => {
  it('shows control characters from files as visible escapes, never raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsc-diff-'));
    const doc = parse(readFileSync(join(SAMPLE_ASSESSMENTS, 'xaa-aldoria.yaml'), 'utf8'));
    doc.answers['protocol-incorporated'].notes = 'evil \u001b[31mred\u001b[0m';
    writeFileSync(join(dir, 'evil.yaml'), stringify(doc));
    const { runInProcess } = await import('./helpers/cli.js');
    const result = await runInProcess(['diff', NOW, join(dir, 'evil.yaml'), ...SAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('evil \\u001b[31mred');
    expect(result.stdout).not.toContain('\u001b');
  });
});

describe('opsc diff across catalog versions, on the bundled catalog', () => {
  it('compares a 1.1.0 assessment with a 2.0.0 one: retired questions apart, one note, no warnings', async () => {
    const { runInProcess } = await import('./helpers/cli.js');
    const result = await runInProcess([
      'diff',
      'fixtures/assessments-1.1.0/xaa-aldoria.yaml',
      'fixtures/assessments/xaa-aldoria.yaml',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^opsc: note: .*answered against catalog 1\.1\.0; it is compared after migration/);
    expect(result.stderr).not.toContain('unknown-question');
    const diff = JSON.parse(result.stdout);
    expect(diff.catalog).toMatchObject({ differs: true, old: '1.1.0', current: diff.catalog.new });
    expect(diff.catalog.retired.length).toBeGreaterThan(0);
    expect([diff.old.label, diff.new.label]).toEqual(['catalog 1.1.0', `catalog ${diff.catalog.new}`]);
    const counted = new Set(diff.questions.map((q: { id: string }) => q.id));
    for (const r of diff.catalog.retired) expect(counted.has(r.id)).toBe(false);
    for (const a of diff.catalog.added) expect(counted.has(a.id)).toBe(false);
  });
});
