import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { reportCsv } from '../src/formats/report/csv.js';
import { reportJson } from '../src/formats/report/json.js';
import { reportMarkdown } from '../src/formats/report/markdown.js';
import { buildReport, REPORT_TITLE, type ReportMetadata } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { makeCatalog, sampleAssessment, sampleCatalog } from './helpers/catalogs.js';

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
    for (const o of gaps) {
      expect(o.actions.length).toBeGreaterThan(0);
      expect(o.action).toBe(o.actions.map((a) => a.text).join(' '));
      // The sample catalog has no question-level recommendations: the obligation's is the fallback.
      if (o.answers.some((a) => a.answer === 'no' || a.answer === 'partly'))
        expect(o.action).toContain(o.recommendation);
      for (const a of o.answers.filter((x) => x.answer === 'unknown' && !x.skippedBy))
        expect(o.action).toContain(`Verify: ${a.question}`);
    }
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
    const subheadings = md.split('\n').filter((l) => /^### (Priority|Status|Optional|Reservations)/.test(l));
    expect(subheadings).toEqual([
      '### Priority gaps',
      '### Status of the OPSC',
      '### Optional treaty measures (not scored)',
    ]);
    expect(md).toMatch(/\| Jurisdiction over offences committed abroad by nationals \| Not used \|/);
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
      'chapter,obligation_id,obligation,strength,tier,weight,provisions,status,score,answered,questions,national_law_cited,recommendation,action,reservations',
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

describe('report model: tiers, reservations, status of the Protocol, aimed actions', () => {
  const catalog = makeCatalog([
    {
      id: 'offence',
      questions: [
        { id: 'a', recommendation: 'Make A an offence.' },
        { id: 'b', recommendation: 'Make B an offence.' },
        'c',
        { id: 'd', recommendation: 'Make D an offence.' },
      ],
    },
    { id: 'option', strength: 'discretionary', questions: ['o'] },
    { id: 'reserved', questions: ['r'] },
  ]);
  const withProvisions = {
    ...catalog,
    instrument: {
      ...catalog.instrument,
      provisions: [...catalog.instrument.provisions, { id: '3.1.a.ii', label: 'art. 3(1)(a)(ii)', text: 'Adoption.' }],
    },
    obligations: catalog.obligations.map((o) => (o.id === 'reserved' ? { ...o, provisions: ['3.1.a.ii'] } : o)),
  };
  const reservation = {
    kind: 'reservation' as const,
    provisions: ['3.1.a.ii'],
    text: 'The State does not consider itself bound by article 3(1)(a)(ii).',
  };
  const assessment: Assessment = {
    instrument: 'opsc',
    catalog: { version: '0.0.0-test' },
    country: { code: 'XAA' },
    treatyStatus: {
      ratification: { kind: 'accession', date: '2004-03-01' },
      reporting: 'Initial report 2006.',
      reservations: [reservation, { kind: 'declaration', text: 'A general declaration.' }],
    },
    answers: {
      a: { answer: 'no' },
      b: { answer: 'unknown' },
      c: { answer: 'partly' },
      o: { answer: 'no' },
      r: { answer: 'no' },
    },
  };
  const m = buildReport(withProvisions, assessment, scoreAssessment(withProvisions, assessment), META);
  const byId = (id: string) => m.chapters.flatMap((c) => c.obligations).find((o) => o.id === id);

  it("aims actions at the failed elements: the question's own, Verify for unknown, the obligation's as fallback", () => {
    expect(byId('offence')?.actions).toEqual([
      { questionId: 'a', kind: 'amend', text: 'Make A an offence.' },
      { questionId: 'b', kind: 'verify', text: 'Verify: Question b?' },
      { kind: 'amend', text: 'recommendation' },
    ]);
    // d is unanswered: no action for it.
    expect(byId('offence')?.action).not.toContain('Make D');
    const allOwn = structuredClone(assessment);
    allOwn.answers.c = { answer: 'yes' };
    const m2 = buildReport(withProvisions, allOwn, scoreAssessment(withProvisions, allOwn), META);
    const o2 = m2.chapters.flatMap((c) => c.obligations).find((o) => o.id === 'offence');
    expect(o2?.action).toBe('Make A an offence. Verify: Question b?');
  });

  it('shows an optional measure as not used, outside the gaps and the priority list', () => {
    expect(byId('option')?.statusLabel).toBe('Not used');
    expect(byId('option')?.tier).toBe('Optional treaty measure');
    expect(m.optional.map((o) => o.id)).toEqual(['option']);
    expect(m.gaps.map((o) => o.id)).not.toContain('option');
    expect(m.summary.priorityGaps.map((o) => o.id)).not.toContain('option');
    expect(m.summary.optional).toMatchObject({ notUsed: 1, used: 0 });
  });

  it('lists reserved obligations on their own with the reservation text, out of the score', () => {
    expect(byId('reserved')?.status).toBe('reserved');
    expect(m.reserved.map((o) => o.id)).toEqual(['reserved']);
    expect(m.reserved[0]?.reservations).toEqual([
      {
        kind: 'reservation',
        kindLabel: 'Reservation',
        provisions: ['3.1.a.ii'],
        provisionLabels: 'art. 3(1)(a)(ii)',
        text: reservation.text,
      },
    ]);
    expect(m.gaps.map((o) => o.id)).not.toContain('reserved');
    expect(m.summary.overall.obligations).toBe(1);
    const md = reportMarkdown(m);
    expect(md).toContain('### Reservations');
    expect(md).toContain(reservation.text);
    expect(reportCsv(m)).toContain('Reservation (art. 3(1)(a)(ii)): The State does not consider');
  });

  it('labels a follow-up left out as not applicable after the question it follows, with no action', () => {
    const flow = makeCatalog([
      { id: 'offence', questions: ['x'] },
      {
        id: 'penalty',
        questions: [
          { id: 'px', when: { question: 'x', in: ['yes'], otherwise: 'not-applicable' }, recommendation: 'Punish X.' },
          'py',
        ],
      },
    ]);
    const a: Assessment = { ...assessment, treatyStatus: {}, answers: { x: { answer: 'no' }, py: { answer: 'yes' } } };
    const r = buildReport(flow, a, scoreAssessment(flow, a), META);
    const penalty = r.chapters.flatMap((c) => c.obligations).find((o) => o.id === 'penalty');
    expect(penalty?.answers[0]?.answerLabel).toBe('Not applicable (skipped: follows x)');
    expect(penalty?.status).toBe('met');
    expect(penalty?.actions).toEqual([]);
  });

  it('prints the status of the Protocol, unscored, in every text format', () => {
    expect(m.treatyStatus).toEqual({
      ratification: 'Accession on 2004-03-01',
      nationalLaw: null,
      reporting: 'Initial report 2006.',
      reservations: [
        expect.objectContaining({ kind: 'reservation', text: reservation.text }),
        expect.objectContaining({ kind: 'declaration', provisionLabels: '', text: 'A general declaration.' }),
      ],
    });
    const md = reportMarkdown(m);
    expect(md).toContain('- Ratification or accession: Accession on 2004-03-01');
    expect(md).toContain('- Status in national law: not recorded');
    expect(md).toContain('**Declaration** (no provision named): A general declaration.');
    expect(JSON.parse(reportJson(m)).treatyStatus.reporting).toBe('Initial report 2006.');
  });
});
