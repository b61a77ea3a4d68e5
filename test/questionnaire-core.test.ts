import { describe, expect, it } from 'vitest';
import {
  applyAnswer,
  chapterProgress,
  chapterStart,
  createQuestionnaire,
  diffCatalog,
  firstInWalk,
  firstOpen,
  migrate,
  newAssessment,
  nextInWalk,
  positionLine,
  previousIndex,
  questionDigest,
  statusOf,
  summarize,
} from '../src/questionnaire/questionnaire.js';
import { editedCatalog, FLOW_CATALOG, loadCatalogDir } from './helpers/catalogs.js';

const NOW = '2026-01-02T03:04:05Z';
const catalog = loadCatalogDir(FLOW_CATALOG);
const q = createQuestionnaire(catalog);
const fresh = () => newAssessment(q, { country: { code: 'KEN', name: 'Kenya' }, assessor: 'Test', now: NOW });
const idx = (id: string) => q.byId.get(id)?.index as number;

describe('questionnaire order and position', () => {
  it('orders questions by chapter, then file order', () => {
    expect(q.entries.map((e) => e.question.id)).toEqual([
      'ratification-date',
      'protocol-status',
      'sale-offence',
      'sale-penalty',
      'sale-penalty-prison',
      'adoption-consent',
      'victim-support',
    ]);
  });

  it('says where the user is, numbering chapters as the instrument does', () => {
    expect(positionLine(q, q.entries[idx('sale-penalty')] as never)).toBe(
      'Chapter 3 of 4 — Prohibition · question 4 of 7 · art. 3(1)(a)',
    );
  });

  it('starts a new assessment with an empty record, and the wording digest, for every question', () => {
    const a = fresh();
    expect(Object.keys(a.answers)).toHaveLength(7);
    expect(a.answers['sale-offence']).toEqual({
      answer: null,
      citation: null,
      notes: null,
      asked: questionDigest(q.byId.get('sale-offence')?.question as never),
    });
    expect(a.answers['ratification-date']).toMatchObject({ text: null, notes: null });
    expect(a.catalog).toEqual({ version: '1.0.0', digest: catalog.digest });
  });
});

describe('conditions', () => {
  it('records skipped questions and brings them back when the answer they depend on changes', () => {
    let a = fresh();
    expect(statusOf(q.entries[idx('sale-penalty')] as never, a.answers)).toBe('pending');
    a = applyAnswer(q, a, 'sale-offence', { answer: 'no' }, NOW);
    expect(a.answers['sale-penalty']?.answer).toBe('skipped');
    expect(a.answers['sale-penalty-prison']?.answer).toBe('skipped');

    a = applyAnswer(q, a, 'sale-offence', { answer: 'partly' }, NOW);
    expect(a.answers['sale-penalty']?.answer).toBeNull();
    expect(statusOf(q.entries[idx('sale-penalty')] as never, a.answers)).toBe('unanswered');
    expect(statusOf(q.entries[idx('sale-penalty-prison')] as never, a.answers)).toBe('pending');

    a = applyAnswer(q, a, 'sale-penalty', { answer: 'yes', notes: 'Art. 12' }, NOW);
    expect(statusOf(q.entries[idx('sale-penalty-prison')] as never, a.answers)).toBe('unanswered');

    // Skipping again keeps what was typed for the skipped question.
    a = applyAnswer(q, a, 'sale-offence', { answer: 'unknown' }, NOW);
    expect(a.answers['sale-penalty']).toMatchObject({ answer: 'skipped', notes: 'Art. 12' });
  });

  it('passes over skipped questions going forward and back', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'sale-offence', { answer: 'no' }, NOW);
    expect(nextInWalk(q, a.answers, idx('sale-offence'), 'all')).toBe(idx('adoption-consent'));
    expect(previousIndex(q, a.answers, idx('adoption-consent'))).toBe(idx('sale-offence'));
    expect(previousIndex(q, a.answers, 0)).toBeUndefined();
  });
});

describe('navigation', () => {
  it('resumes at the first unanswered question and walks only open ones', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'ratification-date', { text: '2002-01-18' }, NOW);
    a = applyAnswer(q, a, 'sale-offence', { answer: 'yes' }, NOW);
    expect(firstOpen(q, a.answers)).toBe(idx('protocol-status'));
    expect(nextInWalk(q, a.answers, idx('protocol-status'), 'open')).toBe(idx('sale-penalty'));
  });

  it('counts a text question as answered only when it has text', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'ratification-date', { text: '  ' }, NOW);
    expect(statusOf(q.entries[0] as never, a.answers)).toBe('unanswered');
    a = applyAnswer(q, a, 'ratification-date', { text: '2002' }, NOW);
    expect(statusOf(q.entries[0] as never, a.answers)).toBe('answered');
  });

  it('jumps to a chapter at its first open question; an empty chapter has none', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'adoption-consent', { answer: 'yes' }, NOW);
    expect(chapterStart(q, a.answers, 'victims')).toBe(idx('victim-support'));
    expect(chapterStart(q, a.answers, 'prevention')).toBeUndefined();
    const progress = chapterProgress(q, a.answers);
    expect(progress.map((p) => [p.number, p.questions, p.answered])).toEqual([
      [1, 2, 0],
      [2, 0, 0],
      [3, 3, 0],
      [4, 2, 1],
    ]);
  });

  it('marks for later, walks the marked ones, and answering clears the mark', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'protocol-status', { answer: 'unknown', flagged: true }, NOW);
    a = applyAnswer(q, a, 'victim-support', { answer: 'unknown', flagged: true }, NOW);
    expect(firstInWalk(q, a.answers, 'flagged')).toBe(idx('protocol-status'));
    expect(summarize(q, a.answers).flagged.map((e) => e.question.id)).toEqual(['protocol-status', 'victim-support']);
    a = applyAnswer(q, a, 'protocol-status', { answer: 'yes' }, NOW);
    expect(a.answers['protocol-status']?.flagged).toBeUndefined();
    expect(firstInWalk(q, a.answers, 'flagged')).toBe(idx('victim-support'));
  });

  it('summarises what is still open', () => {
    let a = fresh();
    a = applyAnswer(q, a, 'sale-offence', { answer: 'no' }, NOW);
    const s = summarize(q, a.answers);
    expect(s.total).toBe(7);
    expect(s.answered).toBe(1);
    expect(s.skipped).toBe(2);
    expect(s.unanswered.map((e) => e.question.id)).toEqual([
      'ratification-date',
      'protocol-status',
      'adoption-consent',
      'victim-support',
    ]);
  });
});

describe('catalog versions', () => {
  const v2dir = editedCatalog(FLOW_CATALOG, {
    'instrument.yaml': [['version: 1.0.0', 'version: 1.1.0']],
    '10-general.yaml': [
      ['Can the Protocol be invoked before national courts?', 'Can courts apply the Protocol directly?'],
    ],
    '30-victims.yaml': [
      ['    allowNotApplicable: true\n', ''],
      [
        '      - id: victim-support\n',
        '      - id: victim-hearing\n        text: Can children be heard by video link?\n      - id: victim-support\n',
      ],
    ],
    '20-prohibition.yaml': [
      [
        '      - id: sale-penalty-prison\n        text: Does the penalty include imprisonment?\n        when: { question: sale-penalty, in: [yes] }\n',
        '',
      ],
    ],
  });
  const q2 = createQuestionnaire(loadCatalogDir(v2dir));

  const oldAnswers = () => {
    let a = fresh();
    a = applyAnswer(q, a, 'protocol-status', { answer: 'yes', citation: 'Constitution art. 2' }, NOW);
    a = applyAnswer(q, a, 'sale-offence', { answer: 'yes' }, NOW);
    a = applyAnswer(q, a, 'sale-penalty', { answer: 'yes' }, NOW);
    a = applyAnswer(q, a, 'sale-penalty-prison', { answer: 'partly', notes: 'Only fines for first offences' }, NOW);
    a = applyAnswer(q, a, 'adoption-consent', { answer: 'not-applicable' }, NOW);
    return a;
  };

  it('tells new, removed and changed questions', () => {
    const diff = diffCatalog(q2, oldAnswers());
    expect(diff.differs).toBe(true);
    expect(diff.from.version).toBe('1.0.0');
    expect(diff.to.version).toBe('1.1.0');
    expect(diff.added.map((e) => e.question.id)).toEqual(['victim-hearing']);
    expect(diff.removed).toEqual(['sale-penalty-prison']);
    expect(diff.changed.map((e) => e.question.id)).toEqual(['protocol-status']);
  });

  it('keeps every answer whose question exists, keeps removed ones under retired, and asks only what is new', () => {
    const old = oldAnswers();
    const a = migrate(q2, old);
    expect(a.catalog).toEqual({ version: '1.1.0', digest: q2.catalog.digest });
    expect(a.answers['protocol-status']).toMatchObject({ answer: 'yes', citation: 'Constitution art. 2' });
    expect(a.answers['sale-penalty']?.answer).toBe('yes');
    expect(a.answers['sale-penalty-prison']).toBeUndefined();
    expect(a.retired?.['sale-penalty-prison']).toMatchObject({
      answer: 'partly',
      notes: 'Only fines for first offences',
    });
    expect(a.answers['victim-hearing']?.answer).toBeNull();
    // not-applicable is no longer allowed: cleared, with the old answer kept in the notes.
    expect(a.answers['adoption-consent']?.answer).toBeNull();
    expect(a.answers['adoption-consent']?.notes).toMatch(/not-applicable/);
    expect(diffCatalog(q2, a).added).toEqual([]);
    // Still reported as changed until answered again.
    expect(diffCatalog(q2, a).changed.map((e) => e.question.id)).toEqual(['protocol-status']);
    const open = summarize(q2, a.answers).unanswered.map((e) => e.question.id);
    expect(open).toEqual(['ratification-date', 'adoption-consent', 'victim-hearing', 'victim-support']);
  });

  it('sees no difference for the same catalog', () => {
    const diff = diffCatalog(q, oldAnswers());
    expect(diff).toMatchObject({ differs: false, added: [], removed: [], changed: [] });
  });
});
