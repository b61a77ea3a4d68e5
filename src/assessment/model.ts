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

export interface Assessment {
  instrument: string;
  catalog: { version: string; digest?: string };
  country: { code: string; name?: string };
  assessor?: string;
  created?: string;
  updated?: string;
  answers: Record<string, AnswerRecord>;
  /** Answers to questions a later catalog version removed, kept so nothing typed is lost. */
  retired?: Record<string, AnswerRecord>;
}
