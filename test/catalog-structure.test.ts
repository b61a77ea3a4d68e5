import { describe, expect, it } from 'vitest';
import { type Catalog, isScored, STRENGTHS } from '../src/catalog/model.js';
import { BUNDLED_CATALOG } from '../src/cli/files.js';
import { loadCatalogDir } from './helpers/catalogs.js';

/** Obligations missing a recommendation, a scored question or a known chapter, as "id: what". */
function incomplete(catalog: Catalog): string[] {
  const chapters = new Set(catalog.instrument.chapters.map((c) => c.id));
  return catalog.obligations.flatMap((o) => [
    ...(o.recommendation?.trim() ? [] : [`${o.id}: no recommendation`]),
    ...(o.questions.some(isScored) ? [] : [`${o.id}: no scored question`]),
    ...(o.chapter && chapters.has(o.chapter) ? [] : [`${o.id}: no known chapter`]),
  ]);
}

/** Recommended obligations without a source document. */
function recommendedWithoutSource(catalog: Catalog): string[] {
  return catalog.obligations.filter((o) => o.strength === 'recommended' && !o.source?.trim()).map((o) => o.id);
}

/**
 * Obligations that come after a weaker one in the same chapter (questionnaire order must be
 * mandatory, then discretionary, then recommended), as "chapter: id".
 */
function outOfStrengthOrder(catalog: Catalog): string[] {
  const rank = (s: string) => STRENGTHS.indexOf(s as (typeof STRENGTHS)[number]);
  const weakestSoFar = new Map<string, number>();
  const problems: string[] = [];
  for (const o of catalog.obligations) {
    const seen = weakestSoFar.get(o.chapter) ?? 0;
    if (rank(o.strength) < seen) problems.push(`${o.chapter}: ${o.id}`);
    weakestSoFar.set(o.chapter, Math.max(seen, rank(o.strength)));
  }
  return problems;
}

/** Ids used more than once across obligations and questions together (one namespace for readers). */
function repeatedIds(catalog: Catalog): string[] {
  const ids = catalog.obligations.flatMap((o) => [o.id, ...o.questions.map((q) => q.id)]);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/** Conditions that would ask a question only after a "no" or "unknown", which could hide a gap. */
function conditionsOnNegativeAnswers(catalog: Catalog): string[] {
  return catalog.obligations.flatMap((o) =>
    o.questions.filter((q) => q.when?.in.some((a) => a === 'no' || a === 'unknown')).map((q) => q.id),
  );
}

const catalog = loadCatalogDir(BUNDLED_CATALOG);

describe('catalog structure', () => {
  it('gives every obligation a recommendation, a scored question and a chapter', () => {
    expect(incomplete(catalog)).toEqual([]);
  });

  it('gives every recommended obligation a source', () => {
    expect(recommendedWithoutSource(catalog)).toEqual([]);
  });

  it('puts mandatory obligations before discretionary and recommended ones in each chapter', () => {
    expect(outOfStrengthOrder(catalog)).toEqual([]);
  });

  it('uses each id once across obligations and questions', () => {
    expect(repeatedIds(catalog)).toEqual([]);
  });

  it('asks conditional questions only after a yes or partly', () => {
    expect(conditionsOnNegativeAnswers(catalog)).toEqual([]);
  });

  it('fills every chapter of the instrument with at least one mandatory obligation', () => {
    const empty = catalog.instrument.chapters
      .filter((c) => !catalog.obligations.some((o) => o.chapter === c.id && o.strength === 'mandatory'))
      .map((c) => c.id);
    expect(empty).toEqual([]);
  });
});

describe('the structure checks can fail', () => {
  const first = (c: Catalog) => {
    const o = c.obligations[0];
    if (!o) throw new Error('empty catalog');
    return o;
  };

  it('reports a missing recommendation, scored question and chapter', () => {
    const broken = structuredClone(catalog);
    const o = first(broken);
    o.recommendation = ' ';
    o.questions = o.questions.map((q) => ({ ...q, kind: 'text' as const }));
    o.chapter = 'nowhere';
    expect(incomplete(broken)).toEqual([
      `${o.id}: no recommendation`,
      `${o.id}: no scored question`,
      `${o.id}: no known chapter`,
    ]);
  });

  it('reports a recommended obligation without a source', () => {
    const broken = structuredClone(catalog);
    const o = first(broken);
    o.strength = 'recommended';
    delete o.source;
    expect(recommendedWithoutSource(broken)).toEqual([o.id]);
  });

  it('reports a mandatory obligation placed after a recommended one', () => {
    const broken = structuredClone(catalog);
    const chapter = first(broken).chapter;
    const mandatory = broken.obligations.find((o) => o.chapter === chapter && o.strength === 'mandatory');
    if (!mandatory) throw new Error('no mandatory obligation in the first chapter');
    broken.obligations = [...broken.obligations.filter((o) => o !== mandatory), mandatory];
    expect(outOfStrengthOrder(broken)).toEqual([`${chapter}: ${mandatory.id}`]);
  });

  it('reports an id used twice', () => {
    const broken = structuredClone(catalog);
    const o = first(broken);
    const q = o.questions[0];
    if (!q) throw new Error('no question');
    q.id = o.id;
    expect(repeatedIds(broken)).toEqual([o.id]);
  });
});
