/** The answer scale shared by every scored question. */
export const SCALE = ['yes', 'partly', 'no', 'unknown', 'not-applicable'] as const;
export type ScaleAnswer = (typeof SCALE)[number];

export const STRENGTHS = ['mandatory', 'discretionary', 'recommended'] as const;
export type Strength = (typeof STRENGTHS)[number];

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
}

export interface Question {
  id: string;
  text: string;
  help?: string;
  kind?: 'scale' | 'text';
  when?: Condition;
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
