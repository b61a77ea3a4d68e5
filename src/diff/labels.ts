import { STATUS_LABELS } from '../report/model.js';
import type { AssessmentDiff, ObligationState } from './model.js';

/** The headings every diff format prints, worded for the mode: two cycles, or two assessors. */
export interface DiffHeadings {
  title: string;
  scores: string;
  improved: string;
  regressed: string;
  otherStatus: string;
  gapsClosed: string;
  gapsNew: string;
  questions: string;
  catalog: string;
  /** The column of score differences. */
  delta: string;
}

export function diffHeadings(diff: AssessmentDiff): DiffHeadings {
  const country = `${diff.country.name} (${diff.country.code})`;
  if (diff.mode === 'assessors') {
    return {
      title: `Where the assessments differ: ${country}`,
      scores: 'Scores side by side',
      improved: `Obligations rated higher by ${diff.new.label}`,
      regressed: `Obligations rated lower by ${diff.new.label}`,
      otherStatus: 'Obligations with another status',
      gapsClosed: `Gaps only ${diff.old.label} reports`,
      gapsNew: `Gaps only ${diff.new.label} reports`,
      questions: 'Where the assessments differ: answers, citations and notes',
      catalog: 'Catalog differences (listed apart, not counted as a difference)',
      delta: 'Difference',
    };
  }
  return {
    title: `What changed since ${diff.old.label}: ${country}`,
    scores: 'Scores',
    improved: 'Obligations improved',
    regressed: 'Obligations regressed',
    otherStatus: 'Obligations with another status',
    gapsClosed: 'Gaps closed',
    gapsNew: 'New gaps',
    questions: 'Answers changed',
    catalog: 'Catalog changes (listed apart, not counted as change)',
    delta: 'Change',
  };
}

export function stateLabel(s: ObligationState): string {
  return `${STATUS_LABELS[s.status]}${s.score === null ? '' : ` (${formatNumber(s.score)})`}`;
}

/** "+12.5", "−3", "0", "–" (none). */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '–';
  const rounded = Math.round(delta * 10) / 10;
  if (rounded > 0) return `+${rounded}`;
  if (rounded < 0) return `−${Math.abs(rounded)}`;
  return '0';
}

export function formatNumber(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10);
}

export const FIELD_LABELS = { answer: 'answer', text: 'text', citation: 'citation', notes: 'notes' } as const;
