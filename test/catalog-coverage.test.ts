import { describe, expect, it } from 'vitest';
import type { Catalog } from '../src/catalog/model.js';
import { isScored } from '../src/catalog/model.js';
import { BUNDLED_CATALOG } from '../src/cli/files.js';
import { loadCatalogDir } from './helpers/catalogs.js';

/**
 * The provisions that issue 3 ("The OPSC obligation catalog") requires the catalog to cover. This is the
 * one literal list in the test: it comes from the issue, not from the catalog.
 */
const REQUIRED_PROVISIONS = [
  '1',
  '2.a',
  '2.b',
  '2.c',
  '3.1.a.i.a',
  '3.1.a.i.b',
  '3.1.a.i.c',
  '3.1.a.ii',
  '3.1.b',
  '3.1.c',
  '3.2',
  '3.3',
  '3.4',
  '3.5',
  '4.1',
  '4.2.a',
  '4.2.b',
  '4.3',
  '5.1',
  '5.2',
  '5.3',
  '5.4',
  '5.5',
  '6.1',
  '6.2',
  '7.a.i',
  '7.a.ii',
  '7.b',
  '7.c',
  '8.1.a',
  '8.1.b',
  '8.1.c',
  '8.1.d',
  '8.1.e',
  '8.1.f',
  '8.1.g',
  '8.2',
  '8.3',
  '8.4',
  '8.5',
  '9.1',
  '9.2',
  '9.3',
  '9.4',
  '9.5',
  '10.1',
  '10.2',
  '10.3',
  '10.4',
] as const;
// Article 12 (reporting to the Committee) was in this list until catalog 2.0.0; since issue 9 (audit D02)
// the reporting history is recorded, unscored, in the assessment's status of the Protocol (treatyStatus).

/** Elements the issue says must each be tested by a question of their own (matched on the question text). */
const CSAM_ACTS = {
  producing: /\bproduc/i,
  distributing: /\bdistribut/i,
  disseminating: /\bdisseminat/i,
  importing: /\bimport/i,
  exporting: /\bexport/i,
  offering: /\boffer/i,
  selling: /\bsell/i,
  possessing: /\bpossess/i,
} as const;

/** Required provisions no obligation cites. */
function uncovered(catalog: Catalog, required: readonly string[]): string[] {
  const cited = new Set(catalog.obligations.flatMap((o) => o.provisions));
  return required.filter((id) => !cited.has(id));
}

/** Required provisions cited only by `recommended` obligations, i.e. never tested in the main score. */
function coveredOnlyByRecommended(catalog: Catalog, required: readonly string[]): string[] {
  const cited = new Set(catalog.obligations.filter((o) => o.strength !== 'recommended').flatMap((o) => o.provisions));
  return required.filter((id) => !cited.has(id));
}

/** Cited provision ids that are not in the instrument, as "obligation: id". */
function unknownCitations(catalog: Catalog): string[] {
  const known = new Set(catalog.instrument.provisions.map((p) => p.id));
  return catalog.obligations.flatMap((o) => o.provisions.filter((id) => !known.has(id)).map((id) => `${o.id}: ${id}`));
}

/** The scored question texts of the obligations (of a given strength) that cite a provision. */
function questionTexts(catalog: Catalog, provision: string, strengths = ['mandatory', 'discretionary']): string[] {
  return catalog.obligations
    .filter((o) => o.provisions.includes(provision) && strengths.includes(o.strength))
    .flatMap((o) => o.questions.filter(isScored).map((q) => q.text));
}

/** Acts of article 3(1)(c) that no question leads with (each question counts for the act it names first). */
function csamActsWithoutOwnQuestion(catalog: Catalog): string[] {
  const led = new Set<string>();
  for (const text of questionTexts(catalog, '3.1.c', ['mandatory'])) {
    let first: { act: string; at: number } | undefined;
    for (const [act, pattern] of Object.entries(CSAM_ACTS)) {
      const at = text.search(pattern);
      if (at >= 0 && (!first || at < first.at)) first = { act, at };
    }
    if (first) led.add(first.act);
  }
  return Object.keys(CSAM_ACTS).filter((act) => !led.has(act));
}

const catalog = loadCatalogDir(BUNDLED_CATALOG);

describe('catalog coverage of the OPSC (issue 3)', () => {
  it('cites every required provision in at least one obligation', () => {
    expect(uncovered(catalog, REQUIRED_PROVISIONS)).toEqual([]);
  });

  it('tests every required provision outside the recommended obligations', () => {
    expect(coveredOnlyByRecommended(catalog, REQUIRED_PROVISIONS)).toEqual([]);
  });

  it('cites only provision ids that exist in the instrument', () => {
    expect(unknownCitations(catalog)).toEqual([]);
  });

  it('the required list itself names only provisions of the instrument', () => {
    const known = new Set(catalog.instrument.provisions.map((p) => p.id));
    expect(REQUIRED_PROVISIONS.filter((id) => !known.has(id))).toEqual([]);
  });

  it('asks a separate mandatory question for each act of article 3(1)(c)', () => {
    expect(csamActsWithoutOwnQuestion(catalog)).toEqual([]);
  });

  it('asks about attempt and about complicity or participation (article 3(2))', () => {
    const texts = questionTexts(catalog, '3.2');
    expect(texts.some((t) => /\battempt/i.test(t))).toBe(true);
    expect(texts.some((t) => /\b(complicit|aid|abet|instigat|particip|taking part)/i.test(t))).toBe(true);
  });

  it('asks about the territory and about registered ships and aircraft (article 4(1))', () => {
    const texts = questionTexts(catalog, '4.1');
    expect(texts.some((t) => /territor/i.test(t))).toBe(true);
    expect(texts.some((t) => /\bship/i.test(t))).toBe(true);
    expect(texts.some((t) => /\baircraft/i.test(t))).toBe(true);
  });
});

describe('the coverage checks can fail', () => {
  it('reports a provision once the only obligations citing it are removed', () => {
    const broken = structuredClone(catalog);
    broken.obligations = broken.obligations.filter((o) => !o.provisions.includes('4.3'));
    expect(uncovered(broken, REQUIRED_PROVISIONS)).toEqual(['4.3']);
  });

  it('reports a provision covered only by a recommended obligation', () => {
    const broken = structuredClone(catalog);
    for (const o of broken.obligations) if (o.provisions.includes('9.4')) o.strength = 'recommended';
    expect(coveredOnlyByRecommended(broken, REQUIRED_PROVISIONS)).toEqual(['9.4']);
  });

  it('reports a citation that is not in the instrument', () => {
    const broken = structuredClone(catalog);
    const first = broken.obligations[0];
    if (!first) throw new Error('empty catalog');
    first.provisions = [...first.provisions, '3.9'];
    expect(unknownCitations(broken)).toEqual([`${first.id}: 3.9`]);
  });

  it('reports an act of article 3(1)(c) whose question is removed', () => {
    const broken = structuredClone(catalog);
    for (const o of broken.obligations) {
      if (o.provisions.includes('3.1.c')) o.questions = o.questions.filter((q) => !/^Is exporting/i.test(q.text));
    }
    expect(csamActsWithoutOwnQuestion(broken)).toEqual(['exporting']);
  });
});
