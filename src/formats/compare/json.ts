import type { ComparisonModel } from '../../compare/model.js';

/**
 * The comparison as JSON. Per-country statuses become objects keyed by obligation id here, at the
 * edge, where JSON.stringify writes "constructor" like any other key.
 */
export function compareJson(model: ComparisonModel): string {
  const countries = model.countries.map(({ chapterScores, statuses, ...c }) => ({
    ...c,
    chapters: Object.fromEntries(model.chapters.map((ch, i) => [ch.id, chapterScores[i] ?? null])),
    obligations: Object.fromEntries(model.obligations.map((o, i) => [o.id, statuses[i] ?? 'unanswered'])),
  }));
  return `${JSON.stringify({ ...model, countries }, null, 2)}\n`;
}
