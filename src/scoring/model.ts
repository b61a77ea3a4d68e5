import { type AnswerRecord, type Assessment, own } from '../assessment/model.js';
import { reservationsFor, reservationsOf } from '../assessment/reservations.js';
import type { Catalog, Chapter, Obligation, Question, ScaleAnswer, Strength } from '../catalog/model.js';
import { isScored, TIER_RANK } from '../catalog/model.js';

/**
 * The score model, small and exact (the README and the report's methodology state the same):
 *
 *   tiers      mandatory = treaty obligations ("shall", also "shall … subject to national law /
 *              where appropriate"): the overall and chapter scores. discretionary = optional treaty
 *              measures ("may"): never in the overall or chapter scores, each reported as used,
 *              partly used or not used. recommended = beyond the treaty: its own score.
 *   reserved   an obligation whose provisions are all covered by a reservation the State made is
 *              "reserved": left out of every score, like not-applicable, and listed on its own.
 *   question   s(q) = 1 yes, 0.5 partly, 0 no, 0 unknown ("unverified"); not-applicable and
 *              unanswered questions are left out. A question skipped by its condition takes the
 *              answer that skipped it, scored 0 when that answer is weaker than an answer that
 *              would have asked it (a follow-up that presumes "yes" is not credited from "partly");
 *              with `otherwise: not-applicable` it is left out instead (it presupposes what the State
 *              lawfully lacks; the gap is counted once, at the question that skipped it).
 *              A follow-up of a skipped question is skipped too, with the same answer and score
 *              (not applicable when its own condition says so).
 *              A condition on a question of a weaker tier never skips a question of a stronger one.
 *   obligation S(o) = mean of s(q) over its answered, applicable scale questions, in [0, 1].
 *   chapter / overall
 *              100 × Σ w(o)·S(o) / Σ w(o) over mandatory obligations that have a score; w(o) is
 *              the catalog weight 1–5.
 *   recommended
 *              the same formula over recommended obligations only; it never enters the above.
 *   completeness
 *              answered scale questions / all scale questions, over the same obligations.
 */
export const ANSWER_SCORE: Record<'yes' | 'partly' | 'no' | 'unknown', number> = {
  yes: 1,
  partly: 0.5,
  no: 0,
  unknown: 0,
};

/** How strong an answer is, for conditions: no and unknown are equally weak. */
const RANK: Record<'yes' | 'partly' | 'no' | 'unknown', number> = { yes: 2, partly: 1, no: 0, unknown: 0 };

export const OBLIGATION_STATUSES = [
  'met',
  'partial',
  'unmet',
  'used',
  'partly-used',
  'not-used',
  'unverified',
  'not-applicable',
  'reserved',
  'unanswered',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** The answer a question effectively has once conditions are applied. */
export type EffectiveAnswer = ScaleAnswer | 'unanswered';

export interface QuestionScore {
  id: string;
  /** The answer as scored: the question's own, or the one that skipped it. */
  answer: EffectiveAnswer;
  /** Set when a condition skipped the question: the id of the question whose answer it takes. */
  skippedBy?: string;
  /** null when the question does not count (not-applicable, unanswered, free text). */
  score: number | null;
  scored: boolean;
}

export interface ObligationScore {
  id: string;
  chapter: string;
  strength: Strength;
  weight: number;
  status: ObligationStatus;
  /** S(o) in [0, 1]; null for not-applicable, reserved and unanswered obligations. */
  score: number | null;
  /** Answered scale questions (not-applicable counts as answered). */
  answered: number;
  /** All scale questions. */
  questions: number;
  questionScores: QuestionScore[];
}

export interface Aggregate {
  /** 0–100, or null when nothing in it has a score yet. */
  score: number | null;
  /** 0–1: answered scale questions / all scale questions. */
  completeness: number;
  answered: number;
  questions: number;
  /** Obligations that have a score (not not-applicable, not unanswered). */
  scoredObligations: number;
  obligations: number;
}

export interface ChapterScore extends Aggregate {
  id: string;
  title: string;
}

/** The optional treaty measures: counted, never scored. */
export interface OptionalSummary {
  obligations: number;
  used: number;
  partlyUsed: number;
  notUsed: number;
  unverified: number;
  answered: number;
  questions: number;
  completeness: number;
}

export interface Score {
  /** Treaty obligations (mandatory) only. */
  overall: Aggregate;
  recommended: Aggregate;
  optional: OptionalSummary;
  chapters: ChapterScore[];
  obligations: ObligationScore[];
}

/** Whether an obligation of this strength counts in the overall and chapter scores. */
export function isCore(strength: Strength): boolean {
  return strength === 'mandatory';
}

/** Scores an assessment against its catalog. Pure: same inputs, same result. */
export function scoreAssessment(catalog: Catalog, assessment: Pick<Assessment, 'answers' | 'treatyStatus'>): Score {
  const effective = effectiveAnswers(catalog, assessment.answers);
  const reservations = reservationsOf(assessment);
  const obligations = catalog.obligations.map((o) =>
    reservationsFor(o, reservations).length > 0 ? reservedObligation(o, effective) : scoreObligation(o, effective),
  );
  const inScore = obligations.filter((o) => o.status !== 'reserved');
  const core = inScore.filter((o) => isCore(o.strength));
  return {
    overall: aggregate(core),
    recommended: aggregate(inScore.filter((o) => o.strength === 'recommended')),
    optional: optionalSummary(inScore.filter((o) => o.strength === 'discretionary')),
    chapters: catalog.instrument.chapters
      .map((chapter: Chapter) => ({
        id: chapter.id,
        title: chapter.title,
        ...aggregate(core.filter((o) => o.chapter === chapter.id)),
      }))
      .filter((c) => c.obligations > 0),
    obligations,
  };
}

interface Effective {
  answer: EffectiveAnswer;
  skippedBy?: string;
  score: number | null;
}

/**
 * Applies conditions in questionnaire order (the catalog check guarantees a condition names an
 * earlier question), so a chain of follow-ups resolves in one pass.
 */
export function effectiveAnswers(catalog: Catalog, answers: Record<string, AnswerRecord>): Map<string, Effective> {
  const result = new Map<string, Effective>();
  const strengthOf = new Map(catalog.obligations.flatMap((o) => o.questions.map((q) => [q.id, o.strength] as const)));
  for (const obligation of catalog.obligations) {
    for (const question of obligation.questions) {
      if (!isScored(question)) continue;
      // A tier never depends on answers of a weaker one: a condition on an optional measure's or
      // a recommended question does not skip a treaty obligation's question (the catalog check
      // refuses such conditions; this keeps the score model safe from any catalog).
      const controller = question.when ? strengthOf.get(question.when.question) : undefined;
      const applies = controller === undefined || TIER_RANK[controller] <= TIER_RANK[obligation.strength];
      result.set(question.id, effectiveAnswer(question, own(answers, question.id)?.answer, result, applies));
    }
  }
  return result;
}

function effectiveAnswer(
  question: Question,
  stored: AnswerRecord['answer'],
  done: Map<string, Effective>,
  conditionApplies: boolean,
): Effective {
  const when = conditionApplies ? question.when : undefined;
  if (when) {
    const controller = done.get(when.question);
    if (!controller || controller.answer === 'unanswered') return { answer: 'unanswered', score: null };
    const skipped = controller.skippedBy !== undefined || !when.in.includes(controller.answer as ScaleAnswer);
    if (skipped) {
      // A follow-up of a question that was not asked is not asked either: it takes the same
      // answer and score, whatever its own condition says about that answer — unless it is left
      // out as not applicable (its condition says so, or the earlier question is not applicable).
      const by = controller.skippedBy ?? when.question;
      if (controller.answer === 'not-applicable' || when.otherwise === 'not-applicable') {
        return { answer: 'not-applicable', skippedBy: by, score: null };
      }
      if (controller.skippedBy) return { answer: controller.answer, skippedBy: by, score: controller.score };
      const rank = RANK[controller.answer];
      const weaker = when.in.some((a) => a !== 'not-applicable' && RANK[a] > rank);
      return { answer: controller.answer, skippedBy: by, score: weaker ? 0 : ANSWER_SCORE[controller.answer] };
    }
  }
  // A stored "skipped" whose condition is now met (or has none) is a question still to answer.
  if (stored == null || stored === 'skipped') return { answer: 'unanswered', score: null };
  if (stored === 'not-applicable') return { answer: 'not-applicable', score: null };
  return { answer: stored, score: ANSWER_SCORE[stored] };
}

function scoreObligation(obligation: Obligation, effective: Map<string, Effective>): ObligationScore {
  const questionScores: QuestionScore[] = obligation.questions.map((question) => {
    const e = effective.get(question.id);
    if (!e) return { id: question.id, answer: 'unanswered', score: null, scored: false };
    return {
      id: question.id,
      answer: e.answer,
      ...(e.skippedBy ? { skippedBy: e.skippedBy } : {}),
      score: e.score,
      scored: true,
    };
  });
  const scale = questionScores.filter((q) => q.scored);
  const answered = scale.filter((q) => q.answer !== 'unanswered');
  const counted = answered.filter((q) => q.score !== null);
  const base = {
    id: obligation.id,
    chapter: obligation.chapter,
    strength: obligation.strength,
    weight: obligation.weight,
    answered: answered.length,
    questions: scale.length,
    questionScores,
  };
  if (counted.length === 0) {
    const allNotApplicable = scale.length > 0 && scale.every((q) => q.answer === 'not-applicable');
    return { ...base, status: allNotApplicable ? 'not-applicable' : 'unanswered', score: null };
  }
  const score = counted.reduce((sum, q) => sum + (q.score ?? 0), 0) / counted.length;
  return { ...base, status: statusFor(obligation.strength, score, counted), score };
}

/** A reserved obligation keeps its answers for the record, but has no score and no completeness. */
function reservedObligation(obligation: Obligation, effective: Map<string, Effective>): ObligationScore {
  return { ...scoreObligation(obligation, effective), status: 'reserved', score: null };
}

/** An optional measure is used, partly used or not used; it is never "not met". */
function statusFor(strength: Strength, score: number, counted: readonly QuestionScore[]): ObligationStatus {
  const optional = strength === 'discretionary';
  if (score === 1) return optional ? 'used' : 'met';
  if (counted.some((q) => q.answer === 'unknown')) return 'unverified';
  if (optional) return score === 0 ? 'not-used' : 'partly-used';
  return score === 0 ? 'unmet' : 'partial';
}

function optionalSummary(obligations: readonly ObligationScore[]): OptionalSummary {
  const count = (status: ObligationStatus) => obligations.filter((o) => o.status === status).length;
  const answered = obligations.reduce((n, o) => n + o.answered, 0);
  const questions = obligations.reduce((n, o) => n + o.questions, 0);
  return {
    obligations: obligations.length,
    used: count('used'),
    partlyUsed: count('partly-used'),
    notUsed: count('not-used'),
    unverified: count('unverified'),
    answered,
    questions,
    completeness: questions > 0 ? answered / questions : 1,
  };
}

function aggregate(obligations: readonly ObligationScore[]): Aggregate {
  let weighted = 0;
  let weights = 0;
  let answered = 0;
  let questions = 0;
  let scoredObligations = 0;
  for (const o of obligations) {
    answered += o.answered;
    questions += o.questions;
    if (o.score === null) continue;
    weighted += o.weight * o.score;
    weights += o.weight;
    scoredObligations++;
  }
  return {
    score: weights > 0 ? round((100 * weighted) / weights) : null,
    completeness: questions > 0 ? answered / questions : 1,
    answered,
    questions,
    scoredObligations,
    obligations: obligations.length,
  };
}

/**
 * Scores are kept to 0.01 so that sums of halves never print as 66.66666666666667, and so that
 * equal inputs compare equal however the sum was ordered.
 */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Statuses that are gaps, in priority order for the summary and the report. */
export const GAP_STATUSES: readonly ObligationStatus[] = ['unmet', 'partial', 'unverified'];

const STRENGTH_ORDER: Record<Strength, number> = { mandatory: 0, discretionary: 1, recommended: 2 };
const GAP_ORDER: Record<string, number> = { unmet: 0, partial: 1, unverified: 2 };

/**
 * The most important gaps: treaty obligations before recommended ones, then by weight (heavier
 * first), then unmet before partial before unverified, then catalog order. An optional treaty
 * measure is never a gap: not using it is the State's lawful choice.
 */
export function priorityGaps(score: Score): ObligationScore[] {
  const order = new Map(score.obligations.map((o, i) => [o.id, i]));
  return score.obligations
    .filter((o) => o.strength !== 'discretionary' && GAP_STATUSES.includes(o.status))
    .sort(
      (a, b) =>
        STRENGTH_ORDER[a.strength] - STRENGTH_ORDER[b.strength] ||
        b.weight - a.weight ||
        (GAP_ORDER[a.status] ?? 9) - (GAP_ORDER[b.status] ?? 9) ||
        (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
}
