import { type Catalog, TIER_LABELS } from '../../catalog/model.js';
import type { AssessmentDiff } from '../../diff/model.js';
import type { Score } from '../../scoring/model.js';

/**
 * `opsc score --json`: aggregates 0–100, obligation scores S(o) in [0, 1], completeness 0–1.
 * overall and chapters: treaty obligations (mandatory) only. optional: the optional treaty
 * measures (discretionary), counted as used / partly used / not used, never scored.
 */
export interface ScoreJson {
  overall: { score: number | null; completeness: number };
  recommended: { score: number | null; completeness: number };
  optional: {
    obligations: number;
    used: number;
    partlyUsed: number;
    notUsed: number;
    unverified: number;
    completeness: number;
  };
  chapters: { id: string; title: string; score: number | null; completeness: number }[];
  obligations: {
    id: string;
    title: string;
    chapter: string;
    strength: string;
    tier: string;
    provisions: string[];
    status: string;
    score: number | null;
  }[];
  /** With --baseline: the baseline's date and scores, and the ids of obligations that moved. */
  baseline?: {
    date: string | null;
    file: string;
    overall: number | null;
    recommended: number | null;
    improved: string[];
    regressed: string[];
    gapsClosed: string[];
    gapsNew: string[];
  };
}

export function scoreJsonModel(catalog: Catalog, score: Score): ScoreJson {
  const titles = new Map(catalog.obligations.map((o) => [o.id, o]));
  return {
    overall: { score: score.overall.score, completeness: share(score.overall.completeness) },
    recommended: { score: score.recommended.score, completeness: share(score.recommended.completeness) },
    optional: {
      obligations: score.optional.obligations,
      used: score.optional.used,
      partlyUsed: score.optional.partlyUsed,
      notUsed: score.optional.notUsed,
      unverified: score.optional.unverified,
      completeness: share(score.optional.completeness),
    },
    chapters: score.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      score: c.score,
      completeness: share(c.completeness),
    })),
    obligations: score.obligations.map((o) => ({
      id: o.id,
      title: titles.get(o.id)?.title ?? o.id,
      chapter: o.chapter,
      strength: o.strength,
      tier: TIER_LABELS[o.strength],
      provisions: titles.get(o.id)?.provisions ?? [],
      status: o.status,
      score: o.score === null ? null : Math.round(o.score * 10000) / 10000,
    })),
  };
}

export function scoreJson(catalog: Catalog, score: Score, diff?: AssessmentDiff): string {
  const model = scoreJsonModel(catalog, score);
  if (diff) {
    const ids = (list: { id: string }[]) => list.map((o) => o.id);
    model.baseline = {
      date: diff.old.date,
      file: diff.old.file,
      overall: diff.overall.old,
      recommended: diff.recommended.old,
      improved: ids(diff.improved),
      regressed: ids(diff.regressed),
      gapsClosed: ids(diff.gapsClosed),
      gapsNew: ids(diff.gapsNew),
    };
  }
  return `${JSON.stringify(model, null, 2)}\n`;
}

function share(value: number): number {
  return Math.round(value * 10000) / 10000;
}
