import type { ScaleAnswer } from '../catalog/model.js';

/** What a stored answer may hold: the scale, or "skipped" when a condition was not met. */
export type StoredAnswer = ScaleAnswer | 'skipped';

export interface AnswerRecord {
  answer?: StoredAnswer | null;
  /** With `answer: skipped`: the answer given before the condition stopped being met, restored if it is met again. */
  previous?: ScaleAnswer;
  text?: string | null;
  citation?: string | null;
  notes?: string | null;
  flagged?: boolean;
  /** Digest of the question's wording when it was answered (set by opsc assess and opsc template). */
  asked?: string;
}

/** A reservation or declaration the State made to the treaty. */
export interface Reservation {
  /** reservation: the provisions named leave the main score. declaration: listed only. */
  kind: 'reservation' | 'declaration';
  /** Treaty provision ids it touches; an id covers its sub-provisions (3.1 covers 3.1.a.ii). */
  provisions?: string[];
  text: string;
  date?: string;
}

/** The status of the treaty for the State: recorded, printed, never scored. */
export interface TreatyStatus {
  ratification?: { kind?: 'ratification' | 'accession' | 'succession'; date?: string; signed?: string };
  nationalLaw?: string | null;
  reporting?: string | null;
  reservations?: Reservation[];
}

export interface Assessment {
  instrument: string;
  catalog: { version: string; digest?: string };
  country: { code: string; name?: string };
  assessor?: string;
  created?: string;
  updated?: string;
  treatyStatus?: TreatyStatus;
  answers: Record<string, AnswerRecord>;
  /** Answers to questions a later catalog version removed, kept so nothing typed is lost. */
  retired?: Record<string, AnswerRecord>;
  /** The Committee's latest recommendations to this State, each tied to the obligations it concerns. */
  recommendations?: CommitteeRecommendation[];
  /** The action plan: per obligation id (an open gap), what is planned to close it. */
  actions?: Record<string, PlannedAction>;
}

/** One recommendation of the Committee's concluding observations. */
export interface CommitteeRecommendation {
  /** Document symbol, e.g. CRC/C/OPSC/XAA/CO/1. */
  symbol: string;
  /** Paragraph number as printed, e.g. 25 or "25 (b)". */
  paragraph: string | number;
  text: string;
  /** Obligation ids of the catalog that the recommendation concerns. */
  obligations: string[];
}

/** A file of the Committee's recommendations (schemas/observations.schema.json). */
export interface Observations {
  instrument?: string;
  country?: { code: string; name?: string };
  recommendations: CommitteeRecommendation[];
}

export const ACTION_STATUSES = ['planned', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What is planned to close a gap. */
export interface PlannedAction {
  owner: string;
  /** YYYY-MM-DD. */
  due?: string;
  status?: ActionStatus;
  note?: string;
}

/**
 * The record stored under an id, and only an own one: ids such as "constructor" or "toString"
 * are ordinary question ids, never Object.prototype's members (W7).
 */
export function own<T>(records: Record<string, T> | undefined, id: string): T | undefined {
  return records !== undefined && Object.hasOwn(records, id) ? records[id] : undefined;
}
