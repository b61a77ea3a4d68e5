import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { reportCsv } from '../src/formats/report/csv.js';
import { reportJson } from '../src/formats/report/json.js';
import { reportMarkdown } from '../src/formats/report/markdown.js';
import { buildReport, REPORT_TITLE, type ReportMetadata } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { sampleAssessment, sampleCatalog } from './helpers/catalogs.js';

const META: ReportMetadata = {
  date: '2026-03-01',
  toolVersion: '9.9.9',
  answersDigest: `sha256-${'0'.repeat(64)}`,
  sourceFile: 'test.yaml',
  fictional: true,
};

function reportFor(assessment: Assessment, meta: Partial<ReportMetadata> = {}) {
  const catalog = sampleCatalog();
  return buildReport(catalog, assessment, scoreAssessment(catalog, assessment), { ...META, ...meta });
}

describe('report model', () => {
  const verenia = sampleAssessment('xab-verenia');
  const model = reportFor(verenia);

  it('carries the cover facts', () => {
    expect(model.title).toBe(REPORT_TITLE);
    expect(model.country).toEqual({ code: 'XAB', name: 'Commonwealth of Verenia', fictional: true });
    expect(model.assessmentDate).toBe('2026-02-27');
    expect(model.reportDate).toBe('2026-03-01');
    expect(model.catalog.version).toBe('0.1.0-sample');
    expect(model.catalogNote).toBeNull();
    expect(model.answersDigest).toBe(META.answersDigest);
  });

  it('lists chapters in the instrument order with their obligations, and only chapters that have some', () => {
    expect(model.chapters.map((c) => c.id)).toEqual([
      'general-measures',
      'prohibition',
      'jurisdiction-extradition',
      'victims-in-proceedings',
    ]);
    expect(model.chapters[1]?.obligations.map((o) => o.id)).toEqual(['sale-offence', 'csam-offences', 'legal-persons']);
  });

  it('puts every obligation that is not met in the gap table, with provision labels and cited law', () => {
    const statuses = new Set(model.gaps.map((o) => o.status));
    expect([...statuses].every((s) => ['unmet', 'partial', 'unverified', 'unanswered'].includes(s))).toBe(true);
    const sale = model.gaps.find((o) => o.id === 'sale-offence');
    expect(sale?.provisionLabels).toBe('art. 3(1)(a)(i)(a); art. 2(a)');
    expect(sale?.citations.length).toBeGreaterThan(0);
    expect(sale?.citations.every((c) => c.startsWith('Code pénal de Vérénie'))).toBe(true);
  });

  it('recommends action only where an obligation is not met', () => {
    const all = [model, reportFor(sampleAssessment('xaa-aldoria'))].flatMap((m) =>
      m.chapters.flatMap((c) => c.obligations),
    );
    const met = all.filter((o) => o.status === 'met');
    const gaps = all.filter((o) => ['unmet', 'partial', 'unverified'].includes(o.status));
    expect(met.length).toBeGreaterThan(0);
    expect(gaps.length).toBeGreaterThan(0);
    for (const o of met) expect(o.action).toBe('None needed: the answers show this obligation is met.');
    for (const o of gaps) expect(o.action).toBe(o.recommendation);
  });

  it('lists priority gaps: no recommended obligation, mandatory before discretionary, heavier first', () => {
    const gaps = model.summary.priorityGaps;
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.some((o) => o.strength === 'recommended')).toBe(false);
    const firstDiscretionary = gaps.findIndex((o) => o.strength === 'discretionary');
    if (firstDiscretionary >= 0)
      expect(gaps.slice(firstDiscretionary).every((o) => o.strength !== 'mandatory')).toBe(true);
    const mandatory = gaps.filter((o) => o.strength === 'mandatory').map((o) => o.weight);
    expect(mandatory).toEqual([...mandatory].sort((a, b) => b - a));
  });

  it('collects unverified, unanswered and flagged questions under "what remains"', () => {
    const partial = structuredClone(verenia);
    partial.answers['extradition-included'] = { answer: null };
    partial.answers['victim-in-camera'] = { answer: 'unknown', notes: 'Ask the courts.', flagged: true };
    const m = reportFor(partial);
    expect(m.remaining.unanswered.map((r) => r.questionId)).toContain('extradition-included');
    expect(m.remaining.unverified.find((r) => r.questionId === 'victim-in-camera')?.notes).toBe('Ask the courts.');
    expect(m.remaining.flagged.map((r) => r.questionId)).toContain('victim-in-camera');
    expect(m.summary.overall.completeness).toBeLessThan(1);
  });

  it('indexes each cited provision with the obligations that implement it, in treaty order', () => {
    const labels = model.index.map((e) => e.provision.label);
    expect(labels[0]).toBe('art. 1');
    expect(labels).toContain('art. 3(1)(c)');
    expect(model.index.find((e) => e.provision.id === '2.c')?.obligations.map((o) => o.id)).toEqual(['csam-offences']);
  });

  it('notes a catalog version mismatch', () => {
    const old = structuredClone(verenia);
    old.catalog.version = '0.0.1';
    expect(reportFor(old).catalogNote).toMatch(/catalog version 0\.0\.1/);
  });

  it('numbers skipped follow-ups after the question whose answer they take', () => {
    const weak = structuredClone(verenia);
    weak.answers['sale-offence-exists'] = { answer: 'no' };
    weak.answers['sale-offence-all-children'] = { answer: 'skipped' };
    weak.answers['sale-offence-consent'] = { answer: 'skipped' };
    const sale = reportFor(weak).chapters[1]?.obligations[0];
    expect(sale?.answers.map((a) => a.answerLabel)).toEqual([
      'No',
      'No (skipped: as question 1)',
      'No (skipped: as question 1)',
    ]);
    expect(sale?.status).toBe('unmet');
  });
});

describe('report formats', () => {
  const model = reportFor(sampleAssessment('xab-verenia'));

  it('json is the model itself', () => {
    expect(JSON.parse(reportJson(model))).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('markdown has the sections in the report order and marks a fictional country', () => {
    const md = reportMarkdown(model);
    const headings = md.split('\n').filter((l) => /^## /.test(l));
    expect(headings).toEqual([
      '## Executive summary',
      '## Gap table',
      '## 1. General measures of implementation',
      '## 2. Prohibition of the offences',
      '## 3. Jurisdiction and extradition',
      '## 4. Child victims in legal proceedings',
      '## What remains to verify',
      '## Methodology',
      '## Index of provisions',
    ]);
    expect(md).toContain('fictional or training country');
    expect(md).toContain('| Provision | Obligation | Status | National law cited | Recommended action |');
  });

  it('markdown escapes table-breaking text from the assessment', () => {
    const assessment = sampleAssessment('xab-verenia');
    assessment.answers['csam-production'] = { answer: 'partly', citation: 'Act | 2 *bold*' };
    const md = reportMarkdown(reportFor(assessment));
    expect(md).toContain('Act \\| 2 \\*bold\\*');
  });

  it('csv has one row per obligation, quotes fields and defuses formulas', () => {
    const assessment = sampleAssessment('xab-verenia');
    assessment.answers['csam-production'] = { answer: 'partly', citation: '=HYPERLINK("x")' };
    const csv = reportCsv(reportFor(assessment));
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'chapter,obligation_id,obligation,strength,weight,provisions,status,score,answered,questions,national_law_cited,recommendation',
    );
    expect(lines).toHaveLength(1 + sampleCatalog().obligations.length);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('report model: treaty text', () => {
  it('quotes a sub-paragraph with the chapeaux that introduce it', () => {
    const catalog = sampleCatalog();
    const assessment = sampleAssessment('xaa-aldoria');
    const model = buildReport(catalog, assessment, scoreAssessment(catalog, assessment), META);
    const sale = model.chapters.flatMap((c) => c.obligations).find((o) => o.id === 'sale-offence');
    const sub = sale?.provisions.find((p) => p.id === '3.1.a.i.a');
    expect(sub?.text).toBe('Sexual exploitation of the child;');
    expect(sub?.lead).toMatch(/^Each State Party shall ensure that, as a minimum, .*:.* a child for the purpose of:$/);
    expect(sale?.provisions.find((p) => p.id === '2.a')?.lead).toBe('For the purpose of the present Protocol:');
    // A provision that is complete in itself has no lead.
    expect(
      model.chapters.flatMap((c) => c.obligations).find((o) => o.id === 'protocol-status')?.provisions[0]?.lead,
    ).toBeUndefined();
  });
});
