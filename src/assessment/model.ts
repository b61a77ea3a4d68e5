import type { ScaleAnswer } from '../catalog/model.js';

/** What a stored answer may hold: the scale, or "skipped" when a condition was not met. */
export type StoredAnswer = ScaleAnswer | 'skipped';

export interface AnswerRecord {
  answer?: StoredAnswer | null;
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
}
