import type { Assessment } from '../assessment/model.js';
import type { Catalog, Strength } from '../catalog/model.js';
import { OBLIGATION_STATUSES, type ObligationStatus, type Score } from '../scoring/model.js';

/**
 * The comparative model over many countries' assessments of one catalog: one pure function, which
 * every compare format (Markdown, CSV, JSON, PDF, XLSX) renders. Ids are looked up in Maps and
 * per-country values are arrays aligned with `chapters` and `obligations`, never plain objects
 * keyed by an id (an id may be "constructor").
 */

export interface CompareEntry {
  /** The file as shown to the user. */
  file: string;
  assessment: Assessment;
  score: Score;
  fictional: boolean;
  /** The assessment was made with another catalog version and brought to this one in memory. */
  migratedFrom?: string;
}

export interface CompareOptions {
  date: string;
  toolVersion: string;
  /** Keep every assessment of a country, not only the latest. */
  all: boolean;
}

export interface CountryRow {
  /** 1-based; countries with the same displayed score share a rank. Null when there is no score. */
  rank: number | null;
  code: string;
  name: string;
  file: string;
  /** The assessment's own date: `updated`, else `created`, else "". */
  date: string;
  fictional: boolean;
  migratedFrom?: string;
  /** 0–100, or null when nothing is answered yet. */
  overall: number | null;
  completeness: number;
  /** Below 100 % completeness the score can still move. */
  provisional: boolean;
  /** Aligned with ComparisonModel.chapters. */
  chapterScores: (number | null)[];
  /** Aligned with ComparisonModel.obligations. */
  statuses: ObligationStatus[];
  /** The most important open treaty gaps: unmet before partly met, heavier first. */
  gaps: { id: string; title: string; status: ObligationStatus }[];
  /** Another assessment of the same country was left out (or, with --all, exists). */
  duplicate: boolean;
}

export interface ObligationColumn {
  id: string;
  title: string;
  chapter: string;
  strength: Strength;
  /** How many of the compared countries are in each status. */
  counts: Record<ObligationStatus, number>;
}

export interface DuplicateGroup {
  code: string;
  files: string[];
  /** The file used, or null with --all (every file is used). */
  used: string | null;
}

export interface ComparisonModel {
  title: string;
  instrument: { id: string; title: string; shortTitle: string; version: string };
  date: string;
  toolVersion: string;
  chapters: { id: string; title: string }[];
  obligations: ObligationColumn[];
  countries: CountryRow[];
  duplicates: DuplicateGroup[];
}

export const COMPARE_TITLE = 'Comparative review of national law';
export const GAPS_PER_COUNTRY = 3;

/** A letter for every status, so the heat map reads in black and white and without colour vision. */
export const STATUS_SYMBOLS: Record<ObligationStatus, string> = {
  met: 'M',
  partial: 'P',
  unmet: 'N',
  used: 'Y',
  'partly-used': 'y',
  'not-used': 'O',
  unverified: 'U',
  'not-applicable': '–',
  reserved: 'R',
  unanswered: '·',
};

export const STATUS_LEGEND: [ObligationStatus, string][] = [
  ['met', 'met'],
  ['partial', 'partly met'],
  ['unmet', 'not met'],
  ['used', 'optional measure used'],
  ['partly-used', 'optional measure partly used'],
  ['not-used', 'optional measure not used'],
  ['unverified', 'unverified'],
  ['not-applicable', 'not applicable'],
  ['reserved', 'reserved'],
  ['unanswered', 'not answered'],
];

function assessmentDate(assessment: Assessment): string {
  return assessment.updated ?? assessment.created ?? '';
}

/** Rounded as displayed, so two countries shown with the same score share a rank. */
function displayed(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10) / 10;
}

/** Builds the comparison. Pure: same inputs, same result. */
export function buildComparison(
  catalog: Catalog,
  entries: readonly CompareEntry[],
  options: CompareOptions,
): ComparisonModel {
  const byCountry = new Map<string, CompareEntry[]>();
  for (const entry of entries) {
    const list = byCountry.get(entry.assessment.country.code) ?? [];
    list.push(entry);
    byCountry.set(entry.assessment.country.code, list);
  }
  const duplicates: DuplicateGroup[] = [];
  const used: CompareEntry[] = [];
  const duplicated = new Set<string>();
  for (const [code, list] of byCountry) {
    // Latest first; the file name breaks a tie so the choice does not depend on reading order.
    const sorted = [...list].sort(
      (a, b) =>
        assessmentDate(b.assessment).localeCompare(assessmentDate(a.assessment)) || a.file.localeCompare(b.file),
    );
    if (sorted.length > 1) {
      duplicated.add(code);
      duplicates.push({
        code,
        files: sorted.map((e) => e.file),
        used: options.all ? null : (sorted[0]?.file ?? null),
      });
    }
    used.push(...(options.all ? sorted : sorted.slice(0, 1)));
  }

  const chapters = catalog.instrument.chapters.map((c) => ({ id: c.id, title: c.title }));
  const obligations = catalog.obligations;
  const rows: CountryRow[] = used.map((entry) => {
    const { assessment, score } = entry;
    const chapterScore = new Map(score.chapters.map((c) => [c.id, c.score]));
    const obligationScore = new Map(score.obligations.map((o) => [o.id, o]));
    const statuses = obligations.map((o) => obligationScore.get(o.id)?.status ?? 'unanswered');
    const gaps = obligations
      .map((o, i) => ({ o, status: statuses[i] ?? 'unanswered' }))
      .filter(({ o, status }) => o.strength === 'mandatory' && (status === 'unmet' || status === 'partial'))
      .sort((a, b) => Number(a.status === 'partial') - Number(b.status === 'partial') || b.o.weight - a.o.weight)
      .slice(0, GAPS_PER_COUNTRY)
      .map(({ o, status }) => ({ id: o.id, title: o.title, status }));
    const row: CountryRow = {
      rank: null,
      code: assessment.country.code,
      name: assessment.country.name ?? assessment.country.code,
      file: entry.file,
      date: assessmentDate(assessment),
      fictional: entry.fictional,
      overall: score.overall.score,
      completeness: score.overall.completeness,
      provisional: score.overall.completeness < 1,
      chapterScores: chapters.map((c) => chapterScore.get(c.id) ?? null),
      statuses,
      gaps,
      duplicate: duplicated.has(assessment.country.code),
    };
    if (entry.migratedFrom !== undefined) row.migratedFrom = entry.migratedFrom;
    return row;
  });

  rows.sort(
    (a, b) =>
      (displayed(b.overall) ?? -1) - (displayed(a.overall) ?? -1) ||
      a.name.localeCompare(b.name, 'en') ||
      a.file.localeCompare(b.file),
  );
  rows.forEach((row, i) => {
    if (row.overall === null) return;
    const previous = rows[i - 1];
    row.rank =
      previous && previous.rank !== null && displayed(previous.overall) === displayed(row.overall)
        ? previous.rank
        : i + 1;
  });

  const columns: ObligationColumn[] = obligations.map((o, i) => {
    const counts = Object.fromEntries(OBLIGATION_STATUSES.map((s) => [s, 0])) as Record<ObligationStatus, number>;
    for (const row of rows) {
      const status = row.statuses[i] ?? 'unanswered';
      counts[status] += 1;
    }
    return { id: o.id, title: o.title, chapter: o.chapter, strength: o.strength, counts };
  });

  return {
    title: COMPARE_TITLE,
    instrument: {
      id: catalog.instrument.id,
      title: catalog.instrument.title,
      shortTitle: catalog.instrument.shortTitle,
      version: catalog.instrument.version,
    },
    date: options.date,
    toolVersion: options.toolVersion,
    chapters,
    obligations: columns,
    countries: rows,
    duplicates: duplicates.sort((a, b) => a.code.localeCompare(b.code)),
  };
}
