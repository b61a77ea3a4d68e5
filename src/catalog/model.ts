/** The answer scale shared by every scored question. */
export const SCALE = ['yes', 'partly', 'no', 'unknown', 'not-applicable'] as const;
export type ScaleAnswer = (typeof SCALE)[number];

/**
 * The three tiers of the score model.
 * mandatory: a treaty obligation ("shall", also "shall … subject to national law / where
 *   appropriate", which govern how, not whether): the overall and chapter scores.
 * discretionary: an optional treaty measure (the text makes the measure itself optional: "may",
 *   "may consider"): never in the overall or chapter scores, shown as used / partly used / not used.
 * recommended: beyond the treaty (Committee or specialist guidance, with a `source`): the separate
 *   recommended score.
 */
export const STRENGTHS = ['mandatory', 'discretionary', 'recommended'] as const;
export type Strength = (typeof STRENGTHS)[number];

/** How far from the treaty minimum a tier is: a condition may only look at the same tier or a stronger one. */
export const TIER_RANK: Record<Strength, number> = { mandatory: 0, discretionary: 1, recommended: 2 };

/** The tiers as the report names them. */
export const TIER_LABELS: Record<Strength, string> = {
  mandatory: 'treaty obligation',
  discretionary: 'optional treaty measure',
  recommended: 'beyond the treaty',
};

export const WEIGHT_RANGE = { min: 1, max: 5 } as const;

export interface Provision {
  id: string;
  label: string;
  text: string;
}

export interface Chapter {
  id: string;
  title: string;
  description?: string;
  source?: string;
}

export interface Instrument {
  id: string;
  title: string;
  shortTitle: string;
  adoption: { by: string; date: string };
  entryIntoForce: string;
  textSource: { citation: string; copy?: string; url?: string };
  version: string;
  chapters: Chapter[];
  provisions: Provision[];
}

export interface Condition {
  question: string;
  in: ScaleAnswer[];
  /**
   * What a skipped question counts as. inherit (default): the answer that skipped it (a "no" to
   * "Is X an offence?" also scores "the penalty for X" 0). not-applicable: the question presupposes
   * what the earlier answer says the State lawfully lacks, so it is left out of the score and the
   * gap is counted once, at the earlier question.
   */
  otherwise?: 'inherit' | 'not-applicable';
}

export interface Question {
  id: string;
  text: string;
  help?: string;
  kind?: 'scale' | 'text';
  when?: Condition;
  /** What to do when this question is answered no or partly; the obligation's recommendation is the fallback. */
  recommendation?: string;
}

export interface Obligation {
  id: string;
  title: string;
  provisions: string[];
  chapter: string;
  strength: Strength;
  source?: string;
  weight: number;
  summary: string;
  recommendation: string;
  references?: string[];
  allowNotApplicable?: boolean;
  questions: Question[];
}

/** A loaded, checked catalog: obligations in questionnaire order (by chapter, then file order). */
export interface Catalog {
  instrument: Instrument;
  obligations: Obligation[];
  /** sha256 of the catalog's content (not its formatting), recorded in assessments. */
  digest: string;
}

export function isScored(question: Question): boolean {
  return (question.kind ?? 'scale') === 'scale';
}

/** Every question in questionnaire order, with the obligation it belongs to. */
export function questionsInOrder(catalog: Catalog): { obligation: Obligation; question: Question }[] {
  return catalog.obligations.flatMap((obligation) =>
    obligation.questions.map((question) => ({ obligation, question })),
  );
}
