import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredAnswer } from '../src/assessment/model.js';
import type { Catalog, ScaleAnswer } from '../src/catalog/model.js';
import { priorityGaps, type Score, scoreAssessment } from '../src/scoring/model.js';
import { answers, makeCatalog, type ObligationSpec } from './helpers/catalogs.js';

/** Every score the model produces, by a stable key, so properties can compare two runs. */
function allScores(score: Score): Map<string, number | null> {
  const map = new Map<string, number | null>([
    ['overall', score.overall.score],
    ['recommended', score.recommended.score],
  ]);
  for (const c of score.chapters) map.set(`chapter:${c.id}`, c.score);
  for (const o of score.obligations) map.set(`obligation:${o.id}`, o.score);
  return map;
}

describe('score model: examples', () => {
  it('scores yes 1, partly 0.5, no 0, unknown 0 and takes the mean within an obligation', () => {
    const catalog = makeCatalog([{ id: 'a', questions: ['q1', 'q2', 'q3', 'q4'] }]);
    const score = scoreAssessment(catalog, answers({ q1: 'yes', q2: 'partly', q3: 'no', q4: 'unknown' }));
    expect(score.obligations[0]?.score).toBe(0.375);
    expect(score.obligations[0]?.status).toBe('unverified');
    expect(score.overall.score).toBe(37.5);
  });

  it('weights obligations: 100 × Σ w·S / Σ w', () => {
    const catalog = makeCatalog([
      { id: 'heavy', weight: 5, questions: ['h'] },
      { id: 'light', weight: 1, questions: ['l'] },
    ]);
    expect(scoreAssessment(catalog, answers({ h: 'yes', l: 'no' })).overall.score).toBe(83.33);
    expect(scoreAssessment(catalog, answers({ h: 'no', l: 'yes' })).overall.score).toBe(16.67);
  });

  it('gives each status from the answers', () => {
    const catalog = makeCatalog([
      { id: 'met', questions: ['m1', 'm2'] },
      { id: 'partial', questions: ['p1', 'p2'] },
      { id: 'unmet', questions: ['u1'] },
      { id: 'unverified', questions: ['v1', 'v2'] },
      { id: 'na', allowNotApplicable: true, questions: ['n1'] },
      { id: 'unanswered', questions: ['x1'] },
    ]);
    const score = scoreAssessment(
      catalog,
      answers({ m1: 'yes', m2: 'yes', p1: 'yes', p2: 'no', u1: 'no', v1: 'yes', v2: 'unknown', n1: 'not-applicable' }),
    );
    expect(Object.fromEntries(score.obligations.map((o) => [o.id, o.status]))).toEqual({
      met: 'met',
      partial: 'partial',
      unmet: 'unmet',
      unverified: 'unverified',
      na: 'not-applicable',
      unanswered: 'unanswered',
    });
    // Not applicable and unanswered obligations are left out of the mean, not counted as 0.
    expect(score.overall.score).toBe(50);
    expect(score.overall.completeness).toBeCloseTo(8 / 9);
  });

  it('makes a skipped follow-up take the answer that skipped it', () => {
    const catalog = makeCatalog([
      {
        id: 'a',
        questions: [
          'base',
          { id: 'follow', when: { question: 'base', in: ['yes', 'partly'] } },
          { id: 'deeper', when: { question: 'follow', in: ['yes'] } },
        ],
      },
    ]);
    const no = scoreAssessment(catalog, answers({ base: 'no', follow: 'skipped', deeper: 'skipped' }));
    expect(no.obligations[0]?.questionScores.map((q) => [q.answer, q.skippedBy, q.score])).toEqual([
      ['no', undefined, 0],
      ['no', 'base', 0],
      ['no', 'base', 0],
    ]);
    expect(no.obligations[0]?.status).toBe('unmet');
    expect(no.overall.completeness).toBe(1);
    const unknown = scoreAssessment(catalog, answers({ base: 'unknown' }));
    expect(unknown.obligations[0]?.status).toBe('unverified');
    expect(unknown.obligations[0]?.questionScores.map((q) => q.answer)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('scores a follow-up 0 when it was skipped by an answer weaker than one that would ask it', () => {
    const catalog = makeCatalog([
      { id: 'a', questions: ['base', { id: 'full', when: { question: 'base', in: ['yes'] } }] },
    ]);
    const score = scoreAssessment(catalog, answers({ base: 'partly' }));
    expect(score.obligations[0]?.questionScores.map((q) => q.score)).toEqual([0.5, 0]);
  });

  it('skips a follow-up of a skipped question, whatever its own condition says', () => {
    // Found by the monotonicity property: "deeper" asks on q2 = unknown, but q2 itself was not asked.
    const catalog = makeCatalog([
      {
        id: 'a',
        questions: [
          'base',
          { id: 'q2', when: { question: 'base', in: ['yes', 'partly'] } },
          { id: 'deeper', when: { question: 'q2', in: ['yes', 'partly', 'unknown'] } },
        ],
      },
    ]);
    const score = scoreAssessment(catalog, answers({ base: 'unknown', q2: 'no', deeper: 'yes' }));
    expect(score.obligations[0]?.questionScores.map((q) => [q.answer, q.skippedBy, q.score])).toEqual([
      ['unknown', undefined, 0],
      ['unknown', 'base', 0],
      ['unknown', 'base', 0],
    ]);
  });

  it('leaves unanswered questions out and reports completeness instead of guessing', () => {
    const catalog = makeCatalog([{ id: 'a', questions: ['q1', 'q2', 'q3', 'q4'] }]);
    const score = scoreAssessment(catalog, answers({ q1: 'yes', q2: null }));
    expect(score.obligations[0]?.score).toBe(1);
    expect(score.obligations[0]?.answered).toBe(1);
    expect(score.overall.completeness).toBe(0.25);
    // A stored "skipped" whose condition no longer skips it is a question still to answer.
    const follow = makeCatalog([{ id: 'b', questions: ['c', { id: 'd', when: { question: 'c', in: ['yes'] } }] }]);
    expect(scoreAssessment(follow, answers({ c: 'yes', d: 'skipped' })).overall.completeness).toBe(0.5);
    expect(scoreAssessment(follow, answers({ d: 'yes' })).obligations[0]?.status).toBe('unanswered');
  });

  it('never lets a recommended answer skip a question of the treaty minimum', () => {
    const catalog = makeCatalog([
      { id: 'extra', strength: 'recommended', questions: ['r'] },
      { id: 'core', questions: [{ id: 'c', when: { question: 'r', in: ['yes'] } }] },
    ]);
    const score = scoreAssessment(catalog, answers({ r: 'no', c: 'yes' }));
    expect(score.obligations[1]?.questionScores[0]).toMatchObject({ answer: 'yes', score: 1 });
    expect(score.overall.score).toBe(100);
  });

  it('scores recommended obligations separately', () => {
    const catalog = makeCatalog([
      { id: 'core', questions: ['c'] },
      { id: 'extra', strength: 'recommended', questions: ['r'] },
    ]);
    const score = scoreAssessment(catalog, answers({ c: 'yes', r: 'no' }));
    expect(score.overall.score).toBe(100);
    expect(score.recommended.score).toBe(0);
    expect(score.chapters[0]?.score).toBe(100);
  });

  it('ignores free-text questions in scores and completeness', () => {
    const catalog = makeCatalog([{ id: 'a', questions: ['q', { id: 't', kind: 'text' }] }]);
    const score = scoreAssessment(catalog, answers({ q: 'partly' }));
    expect(score.overall).toMatchObject({ score: 50, completeness: 1, questions: 1 });
  });

  it('orders gaps: mandatory first, then weight, then unmet before partial', () => {
    const catalog = makeCatalog([
      { id: 'rec', strength: 'recommended', weight: 5, questions: ['r'] },
      { id: 'disc', strength: 'discretionary', weight: 5, questions: ['d'] },
      { id: 'light', weight: 1, questions: ['l'] },
      { id: 'partial', weight: 4, questions: ['p1', 'p2'] },
      { id: 'unmet', weight: 4, questions: ['u'] },
      { id: 'fine', weight: 5, questions: ['f'] },
    ]);
    const score = scoreAssessment(
      catalog,
      answers({ r: 'no', d: 'no', l: 'no', p1: 'yes', p2: 'no', u: 'no', f: 'yes' }),
    );
    // An optional treaty measure not used is the State's lawful choice, never a gap.
    expect(priorityGaps(score).map((o) => o.id)).toEqual(['unmet', 'partial', 'light', 'rec']);
  });

  it('keeps optional treaty measures out of the overall and chapter scores: used, partly used, not used', () => {
    const catalog = makeCatalog([
      { id: 'core', questions: ['c'] },
      { id: 'opt1', strength: 'discretionary', weight: 5, questions: ['d1'] },
      { id: 'opt2', strength: 'discretionary', questions: ['d2', 'd3'] },
      { id: 'opt3', strength: 'discretionary', questions: ['d4'] },
    ]);
    const score = scoreAssessment(catalog, answers({ c: 'yes', d1: 'no', d2: 'yes', d3: 'no', d4: 'yes' }));
    expect(score.overall.score).toBe(100);
    expect(score.chapters[0]?.score).toBe(100);
    expect(score.overall.questions).toBe(1);
    expect(score.obligations.map((o) => o.status)).toEqual(['met', 'not-used', 'partly-used', 'used']);
    expect(score.optional).toMatchObject({ obligations: 3, used: 1, partlyUsed: 1, notUsed: 1, questions: 4 });
    expect(score.obligations.some((o) => o.status === 'unmet')).toBe(false);
  });

  it('leaves out a follow-up that presupposes what the State lawfully lacks (otherwise: not-applicable)', () => {
    // "The penalty for X" when X is no offence: the gap is counted once, in the prohibition chapter.
    const catalog = makeCatalog([
      { id: 'offence', chapter: 'one', questions: ['x', 'y'] },
      {
        id: 'penalty',
        chapter: 'two',
        questions: [
          { id: 'px', when: { question: 'x', in: ['yes', 'partly'], otherwise: 'not-applicable' } },
          { id: 'pxx', when: { question: 'px', in: ['yes'] } },
          { id: 'py', when: { question: 'y', in: ['yes', 'partly'], otherwise: 'not-applicable' } },
        ],
      },
    ]);
    const score = scoreAssessment(catalog, answers({ x: 'no', y: 'yes', py: 'yes' }));
    const penalty = score.obligations[1];
    expect(penalty?.questionScores.map((q) => [q.answer, q.skippedBy, q.score])).toEqual([
      ['not-applicable', 'x', null],
      ['not-applicable', 'x', null],
      ['yes', undefined, 1],
    ]);
    expect(penalty?.score).toBe(1);
    expect(score.chapters.map((c) => c.score)).toEqual([50, 100]);
    expect(score.overall.completeness).toBe(1);
    // Without "otherwise" the same "no" costs the sanctions chapter too.
    const inherit = makeCatalog([
      { id: 'offence', chapter: 'one', questions: ['x'] },
      { id: 'penalty', chapter: 'two', questions: [{ id: 'px', when: { question: 'x', in: ['yes', 'partly'] } }] },
    ]);
    expect(scoreAssessment(inherit, answers({ x: 'no' })).chapters.map((c) => c.score)).toEqual([0, 0]);
    // Every follow-up not applicable: the obligation is not applicable, not unanswered.
    const none = scoreAssessment(catalog, answers({ x: 'no', y: 'no' }));
    expect(none.obligations[1]?.status).toBe('not-applicable');
  });

  it('takes an obligation that rests only on reserved provisions out of every score', () => {
    const base = makeCatalog([
      { id: 'kept', questions: ['k'] },
      { id: 'res', questions: ['r'] },
      { id: 'rec', strength: 'recommended', questions: ['g'] },
    ]);
    const catalog = {
      ...base,
      obligations: base.obligations.map((o) =>
        o.id === 'res'
          ? { ...o, provisions: ['3.1.a.ii'] }
          : o.id === 'kept'
            ? { ...o, provisions: ['1', '3.1.a.ii'] }
            : o,
      ),
    };
    const given = answers({ k: 'yes', r: 'no', g: 'yes' });
    const reservation = { kind: 'reservation' as const, provisions: ['3.1.a'], text: 'Not bound by art. 3(1)(a).' };
    const reserved = scoreAssessment(catalog, { ...given, treatyStatus: { reservations: [reservation] } });
    expect(reserved.obligations.map((o) => o.status)).toEqual(['met', 'reserved', 'met']);
    expect(reserved.obligations[1]?.score).toBeNull();
    expect(reserved.overall).toMatchObject({ score: 100, questions: 1, obligations: 1 });
    // A declaration changes nothing; nor does a reservation that names no provision.
    for (const r of [
      { ...reservation, kind: 'declaration' as const },
      { kind: 'reservation' as const, text: 'General reservation.' },
    ]) {
      const s = scoreAssessment(catalog, { ...given, treatyStatus: { reservations: [r] } });
      expect(s.obligations[1]?.status).toBe('unmet');
      expect(s.overall.score).toBe(50);
    }
  });
});

// ---- properties ----

const CONDITION_SETS: ScaleAnswer[][] = [['yes'], ['yes', 'partly'], ['yes', 'partly', 'unknown']];

const obligationArb = fc.record({
  chapter: fc.constantFrom('one', 'two', 'three'),
  strength: fc.constantFrom('mandatory', 'discretionary', 'recommended' as const),
  weight: fc.integer({ min: 1, max: 5 }),
  allowNotApplicable: fc.boolean(),
  questions: fc.array(
    fc.option(fc.record({ to: fc.nat(), set: fc.constantFrom(...CONDITION_SETS), notApplicable: fc.boolean() })),
    {
      minLength: 1,
      maxLength: 4,
    },
  ),
});

/**
 * Random catalogs: up to six obligations over three chapters, all strengths and weights, with
 * follow-up questions conditioned on earlier ones (in the same obligation or an earlier one) the
 * way catalogs write them: asked on the stronger answers.
 */
const catalogArb = fc.array(obligationArb, { minLength: 1, maxLength: 6 }).map((specs) => {
  const earlier: string[] = [];
  return makeCatalog(
    specs.map((spec, i): ObligationSpec => {
      const questions = spec.questions.map((condition, j) => {
        const id = `o${i}q${j}`;
        const target = condition && earlier.length > 0 ? earlier[condition.to % earlier.length] : undefined;
        earlier.push(id);
        if (!condition || !target) return { id };
        const otherwise = condition.notApplicable ? { otherwise: 'not-applicable' as const } : {};
        return { id, when: { question: target, in: condition.set, ...otherwise } };
      });
      return {
        id: `o${i}`,
        chapter: spec.chapter,
        strength: spec.strength,
        weight: spec.weight,
        allowNotApplicable: spec.allowNotApplicable,
        questions,
      };
    }),
  );
});

type Answer = StoredAnswer | null;

function answersArb(catalog: Catalog): fc.Arbitrary<Record<string, Answer>> {
  const entries = catalog.obligations.flatMap((o) =>
    o.questions.map((q) => {
      const choices: Answer[] = ['yes', 'partly', 'no', 'unknown', null];
      if (o.allowNotApplicable) choices.push('not-applicable');
      return fc.tuple(fc.constant(q.id), fc.constantFrom(...choices));
    }),
  );
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs));
}

const withAnswers = catalogArb.chain((catalog) => fc.tuple(fc.constant(catalog), answersArb(catalog)));

const RAISES: [ScaleAnswer, ScaleAnswer][] = [
  ['no', 'partly'],
  ['no', 'yes'],
  ['unknown', 'partly'],
  ['unknown', 'yes'],
  ['partly', 'yes'],
];

function questionIds(catalog: Catalog): string[] {
  return catalog.obligations.flatMap((o) => o.questions.map((q) => q.id));
}

/** The follow-ups of `id` reached through a not-applicable skip, and every follow-up of those. */
function presupposing(catalog: Catalog, id: string): Set<string> {
  const found = new Set<string>();
  const questions = catalog.obligations.flatMap((o) => o.questions);
  const visit = (from: string, below: boolean) => {
    for (const q of questions) {
      if (q.when?.question !== from) continue;
      const under = below || q.when.otherwise === 'not-applicable';
      if (under) found.add(q.id);
      visit(q.id, under);
    }
  };
  visit(id, false);
  return found;
}

describe('score model: properties', () => {
  it('all yes gives 100 everywhere', () => {
    fc.assert(
      fc.property(catalogArb, (catalog) => {
        const score = scoreAssessment(
          catalog,
          answers(Object.fromEntries(questionIds(catalog).map((id) => [id, 'yes']))),
        );
        for (const value of allScores(score).values()) if (value !== null) expect([1, 100]).toContain(value);
        if (score.overall.obligations > 0) expect(score.overall.score).toBe(100);
        expect(score.obligations.every((o) => o.status === (o.strength === 'discretionary' ? 'used' : 'met'))).toBe(
          true,
        );
      }),
    );
  });

  it('all no gives 0 everywhere', () => {
    fc.assert(
      fc.property(catalogArb, (catalog) => {
        const score = scoreAssessment(
          catalog,
          answers(Object.fromEntries(questionIds(catalog).map((id) => [id, 'no']))),
        );
        for (const value of allScores(score).values()) if (value !== null) expect(value).toBe(0);
        if (score.overall.obligations > 0) expect(score.overall.score).toBe(0);
        expect(score.overall.completeness).toBe(1);
      }),
    );
  });

  // A follow-up left out as not applicable ("otherwise: not-applicable") comes back with its own
  // answer when a raise asks it, exactly as if that answer replaced "not-applicable". So the raise
  // is compared with those follow-ups (and theirs) answered "yes": the State that gains the
  // element and meets what it presupposes. With inherited skips, any follow-up answer holds.
  it('raising any single answer never lowers any score', () => {
    fc.assert(
      fc.property(withAnswers, fc.nat(), fc.constantFrom(...RAISES), ([catalog, given], pick, [from, to]) => {
        const ids = questionIds(catalog);
        const id = ids[pick % ids.length] as string;
        const fixed = { ...given };
        for (const q of presupposing(catalog, id)) fixed[q] = 'yes';
        const before = allScores(scoreAssessment(catalog, answers({ ...fixed, [id]: from })));
        const after = allScores(scoreAssessment(catalog, answers({ ...fixed, [id]: to })));
        for (const [key, value] of before) {
          if (value === null) continue;
          const raised = after.get(key);
          // A score may only disappear where it was 0: a follow-up in another obligation that the
          // raise now asks, still unanswered or not applicable, takes that obligation out.
          if (raised === null) expect(value, key).toBe(0);
          else expect(raised as number, key).toBeGreaterThanOrEqual(value - 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });

  // Compared with "no", the answer that demonstrates nothing. (Against "unknown" the comparison
  // does not hold in general: a follow-up asked on "unknown" may score, and a not-applicable base
  // question makes its follow-ups not applicable too.)
  it('not-applicable never scores worse than answering no', () => {
    const applicable = withAnswers.filter(([catalog]) => catalog.obligations.some((o) => o.allowNotApplicable));
    fc.assert(
      fc.property(applicable, fc.nat(), ([catalog, given], pick) => {
        const ids = catalog.obligations
          .filter((o) => o.allowNotApplicable)
          .flatMap((o) => o.questions.map((q) => q.id));
        const id = ids[pick % ids.length] as string;
        const scored = allScores(scoreAssessment(catalog, answers({ ...given, [id]: 'no' })));
        const excluded = allScores(scoreAssessment(catalog, answers({ ...given, [id]: 'not-applicable' })));
        for (const [key, value] of excluded) {
          const base = scored.get(key);
          if (value === null || base === null || base === undefined) continue;
          expect(value, key).toBeGreaterThanOrEqual(base - 1e-9);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('all yes except the optional measures "no": overall and chapters 100, those measures "not used"', () => {
    fc.assert(
      fc.property(catalogArb, (catalog) => {
        const given: Record<string, Answer> = {};
        for (const o of catalog.obligations)
          for (const q of o.questions) given[q.id] = o.strength === 'discretionary' ? 'no' : 'yes';
        const score = scoreAssessment(catalog, answers(given));
        if (score.overall.obligations > 0) expect(score.overall.score).toBe(100);
        for (const c of score.chapters) if (c.score !== null) expect(c.score).toBe(100);
        for (const o of score.obligations) {
          if (o.strength === 'discretionary') expect(['not-used', 'not-applicable']).toContain(o.status);
          if (o.strength === 'mandatory') expect(o.status).toBe('met');
        }
      }),
    );
  });

  it('optional treaty measures never move the main or chapter scores', () => {
    fc.assert(
      fc.property(
        withAnswers,
        fc.array(fc.constantFrom<Answer>('yes', 'partly', 'no', 'unknown', null)),
        ([catalog, given], changes) => {
          const optional = catalog.obligations
            .filter((o) => o.strength === 'discretionary')
            .flatMap((o) => o.questions);
          const changed = { ...given };
          optional.forEach((q, i) => {
            changed[q.id] = changes[i % Math.max(1, changes.length)] ?? null;
          });
          const a = scoreAssessment(catalog, answers(given));
          const b = scoreAssessment(catalog, answers(changed));
          expect(b.overall).toEqual(a.overall);
          expect(b.chapters).toEqual(a.chapters);
        },
      ),
    );
  });

  it('recommended obligations never move the main or chapter scores', () => {
    fc.assert(
      fc.property(
        withAnswers,
        fc.array(fc.constantFrom<Answer>('yes', 'partly', 'no', 'unknown', null)),
        ([catalog, given], changes) => {
          const recommended = catalog.obligations
            .filter((o) => o.strength === 'recommended')
            .flatMap((o) => o.questions);
          const changed = { ...given };
          recommended.forEach((q, i) => {
            changed[q.id] = changes[i % Math.max(1, changes.length)] ?? null;
          });
          const a = scoreAssessment(catalog, answers(given));
          const b = scoreAssessment(catalog, answers(changed));
          expect(b.overall).toEqual(a.overall);
          expect(b.chapters).toEqual(a.chapters);
        },
      ),
    );
  });

  it('keeps every score within its range and completeness within 0–1', () => {
    fc.assert(
      fc.property(withAnswers, ([catalog, given]) => {
        const score = scoreAssessment(catalog, answers(given));
        for (const o of score.obligations) if (o.score !== null) expect(o.score).toBeGreaterThanOrEqual(0);
        for (const a of [score.overall, score.recommended, ...score.chapters]) {
          if (a.score !== null) {
            expect(a.score).toBeGreaterThanOrEqual(0);
            expect(a.score).toBeLessThanOrEqual(100);
          }
          expect(a.completeness).toBeGreaterThanOrEqual(0);
          expect(a.completeness).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
