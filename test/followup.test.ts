import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Assessment } from '../src/assessment/model.js';
import { serializeAssessment } from '../src/assessment/serialize.js';
import { readFonts } from '../src/cli/commands/report.js';
import { reportCsv } from '../src/formats/report/csv.js';
import { reportMarkdown } from '../src/formats/report/markdown.js';
import { renderPdf } from '../src/formats/report/pdf.js';
import { followUpStatus, listActions } from '../src/report/followup.js';
import { buildReport } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { makeCatalog, SAMPLE_ASSESSMENTS, sampleCatalog } from './helpers/catalogs.js';
import { runInProcess } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdf.js';

const META = {
  date: '2026-04-01',
  toolVersion: '0.0.0-test',
  answersDigest: 'sha256-test',
  sourceFile: 'xaa-aldoria.yaml',
  fictional: true,
};

function demo(name: string): Assessment {
  return parse(readFileSync(join(SAMPLE_ASSESSMENTS, `${name}.yaml`), 'utf8')) as Assessment;
}

const catalog = sampleCatalog();
const now = demo('xaa-aldoria');
const then = demo('xaa-aldoria-2023');
const model = buildReport(catalog, now, scoreAssessment(catalog, now), META, {
  baseline: { assessment: then, file: 'xaa-aldoria-2023.yaml' },
});

describe('report with a baseline', () => {
  it('puts "Progress since" in the model with both scores, chapters, closed and new gaps', () => {
    const p = model.progress;
    expect(p?.since).toBe('2023-06-30');
    expect(p?.overall.before).toBeLessThan(p?.overall.now ?? 0);
    expect(p?.chapters.map((c) => c.id)).toEqual(model.summary.chapters.map((c) => c.id));
    expect(p?.closedGaps.map((g) => g.id)).toContain('protocol-status');
    // Every gap in the gap table carries its change.
    for (const o of model.gaps) expect(o.change).toBeTruthy();
  });

  it('renders it in Markdown after the executive summary, with a change column in the gap table', () => {
    const md = reportMarkdown(model);
    const headings = md.split('\n').filter((l) => /^## /.test(l));
    expect(headings.slice(0, 3)).toEqual(['## Executive summary', '## Progress since 2023-06-30', '## Gap table']);
    expect(md).toContain('| Provision | Obligation | Status | Change | National law cited | Recommended action |');
    expect(md).toMatch(/\| Chapter \| 2023-06-30 \| Now \| Change \|/);
    expect(md).toContain('### Gaps closed');
  });

  it('adds a change column to the CSV only with a baseline', () => {
    const header = (csv: string) => csv.split('\r\n')[0]?.split(',') ?? [];
    expect(header(reportCsv(model))).toContain('change_since_baseline');
    const plain = buildReport(catalog, now, scoreAssessment(catalog, now), META);
    expect(plain.progress).toBeNull();
    expect(header(reportCsv(plain))).not.toContain('change_since_baseline');
  });

  it('renders the PDF with the progress, follow-up and action plan parts in order', async () => {
    const { bytes } = await renderPdf(model, { fonts: readFonts(), creationDate: new Date('2026-04-01T00:00:00Z') });
    const pdf = await readPdf(bytes);
    const h1 = pdf.headings.filter((h) => h.role === 'H1').map((h) => h.text);
    const at = (t: string) => h1.indexOf(t);
    expect(at('Progress since 2023-06-30')).toBe(at('Executive summary') + 1);
    expect(at('Gap table')).toBe(at('Progress since 2023-06-30') + 1);
    expect(at("Follow-up to the Committee's recommendations")).toBeGreaterThan(at('Gap table'));
    expect(at('Action plan')).toBeGreaterThan(at("Follow-up to the Committee's recommendations"));
    const text = flat(pdf.pageText.join(' '));
    expect(text).toContain('Since 2023-06-30');
    expect(text).toContain('CRC/C/OPSC/XAA/CO/1, para. 17 (a)');
    expect(pdf.roles).toContain('Figure');
    expect(pdf.offPage).toEqual([]);
  }, 60_000);
});

describe("the Committee's recommendations", () => {
  it('follow-up status from the obligations', () => {
    expect(followUpStatus(['met', 'met', 'not-applicable'])).toBe('addressed');
    expect(followUpStatus(['unmet', 'unmet'])).toBe('not-addressed');
    expect(followUpStatus(['met', 'unmet'])).toBe('partly-addressed');
    expect(followUpStatus(['partial'])).toBe('partly-addressed');
    expect(followUpStatus(['met', 'unverified'])).toBe('to-verify');
    expect(followUpStatus(['unanswered'])).toBe('to-verify');
    expect(followUpStatus(['not-applicable'])).toBe('to-verify');
    expect(followUpStatus(['used', 'met'])).toBe('addressed');
  });

  it('are in the report with their status now and since the baseline', () => {
    expect(model.recommendations.length).toBeGreaterThan(0);
    const r = model.recommendations.find((x) => x.paragraph === '9');
    expect(r?.symbol).toBe('CRC/C/OPSC/XAA/CO/1');
    expect(r?.obligations.map((o) => o.id)).toEqual(['national-coordination']);
    // national-coordination was not met in 2023 and is partly met now.
    expect(r?.before?.status).toBe('not-addressed');
    expect(r?.status).toBe('partly-addressed');
    expect(r?.change).toBe('Partly addressed (was not addressed)');
    expect(reportMarkdown(model)).toContain("## Follow-up to the Committee's recommendations");
  });

  it('come from --observations, checked against the catalog (bad ids: exit 2 with file:line:col)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsc-obs-'));
    const good = join(dir, 'co.yaml');
    writeFileSync(
      good,
      'country: {code: XAA}\nrecommendations:\n  - {symbol: CRC/C/OPSC/XAA/CO/2, paragraph: 5, text: Fictional., obligations: [sale-offence]}\n',
    );
    const ok = await runInProcess([
      'report',
      'fixtures/sample-assessments/xaa-aldoria.yaml',
      '--catalog',
      'fixtures/catalogs/sample',
      '--format',
      'json',
      '--observations',
      good,
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).recommendations.map((r: { symbol: string }) => r.symbol)).toEqual([
      'CRC/C/OPSC/XAA/CO/2',
    ]);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'recommendations:\n  - symbol: X\n    paragraph: 1\n    text: t\n    obligations: [sale-ofence]\n',
    );
    const refused = await runInProcess([
      'report',
      'fixtures/sample-assessments/xaa-aldoria.yaml',
      '--catalog',
      'fixtures/catalogs/sample',
      '--format',
      'md',
      '--observations',
      bad,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /bad\.yaml:5:19 +error +No obligation "sale-ofence" in the catalog\. Did you mean "sale-offence"\?/,
    );
    const validated = await runInProcess(['validate', bad, '--catalog', 'fixtures/catalogs/sample']);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain('unknown-obligation');
  });
});

describe('the action plan', () => {
  const small = makeCatalog([
    { id: 'a', questions: ['a1'] },
    { id: 'b', questions: ['b1'] },
    { id: 'c', questions: ['c1'] },
  ]);
  const assessment: Assessment = {
    instrument: 'opsc',
    catalog: { version: small.instrument.version },
    country: { code: 'XAA' },
    answers: { a1: { answer: 'no' }, b1: { answer: 'partly' }, c1: { answer: 'no' } },
    actions: {
      a: { owner: 'Ministry of Justice', due: '2026-09-30', status: 'planned', note: 'Bill 1' },
      b: { owner: 'Ministry of Justice', due: '2026-01-15', status: 'in-progress' },
      c: { owner: 'Prosecutor', due: '2025-06-30', status: 'done' },
    },
  };

  it('flags overdue actions first; a done action is never overdue', () => {
    const rows = listActions(small, assessment, scoreAssessment(small, assessment), { date: '2026-03-01' });
    expect(rows.map((r) => [r.obligationId, r.overdue, r.daysOverdue])).toEqual([
      ['b', true, 45],
      ['a', false, 0],
      ['c', false, 0],
    ]);
    const justice = listActions(small, assessment, scoreAssessment(small, assessment), {
      date: '2026-03-01',
      owner: 'JUSTICE',
    });
    expect(justice.map((r) => r.obligationId)).toEqual(['b', 'a']);
  });

  it('survives a save by opsc assess (serializer round trip)', () => {
    const withRecs: Assessment = {
      ...assessment,
      recommendations: [{ symbol: 'CRC/C/OPSC/XAA/CO/1', paragraph: '17 (a)', text: 'Do: this.', obligations: ['a'] }],
    };
    const text = serializeAssessment(withRecs, { schemaPath: 'x.json', catalog: small });
    const back = parse(text) as Assessment;
    expect(back.actions).toEqual(assessment.actions);
    expect(back.recommendations).toEqual(withRecs.recommendations);
  });

  it('opsc actions lists the demo plan with the overdue ones first, in every format', async () => {
    const file = 'fixtures/assessments/xaa-aldoria.yaml';
    const text = await runInProcess(['actions', file, '--date', '2026-04-01']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\d+ action\(s\); 2 overdue on 2026-04-01\.\n\nOVERDUE 91d 2025-12-31/);
    const json = JSON.parse((await runInProcess(['actions', file, '--date', '2026-04-01', '--format', 'json'])).stdout);
    expect(json.actions[0]).toMatchObject({ obligationId: 'adapted-procedures', overdue: true, daysOverdue: 91 });
    const csv = (await runInProcess(['actions', file, '--date', '2026-04-01', '--format', 'csv', '--owner', 'social']))
      .stdout;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    const md = (await runInProcess(['actions', file, '--date', '2026-04-01', '--format', 'md'])).stdout;
    expect(md).toContain('**overdue by 60 days**');
  });
});
