import type { Catalog, Condition, Strength } from './model.js';

/** The catalog as `opsc list` shows it; `--json` prints exactly this. */
export interface CatalogListing {
  instrument: { id: string; title: string; shortTitle: string; version: string; digest: string };
  chapters: { id: string; title: string; obligations: number }[];
  obligations: {
    id: string;
    title: string;
    chapter: string;
    strength: Strength;
    provisions: string[];
    /** kind tells a client a free-text question (recorded, not scored) from a scale question. */
    questions: {
      id: string;
      kind: 'scale' | 'text';
      text: string;
      help?: string;
      when?: Condition;
      recommendation?: string;
    }[];
  }[];
}

export function catalogListing(catalog: Catalog): CatalogListing {
  const { instrument } = catalog;
  return {
    instrument: {
      id: instrument.id,
      title: instrument.title,
      shortTitle: instrument.shortTitle,
      version: instrument.version,
      digest: catalog.digest,
    },
    chapters: instrument.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      obligations: catalog.obligations.filter((o) => o.chapter === c.id).length,
    })),
    obligations: catalog.obligations.map((o) => ({
      id: o.id,
      title: o.title,
      chapter: o.chapter,
      strength: o.strength,
      provisions: o.provisions,
      questions: o.questions.map((q) => ({
        id: q.id,
        kind: q.kind ?? 'scale',
        text: q.text,
        ...(q.help ? { help: q.help } : {}),
        ...(q.when ? { when: q.when } : {}),
        ...(q.recommendation ? { recommendation: q.recommendation } : {}),
      })),
    })),
  };
}

/** Printed provision labels ("art. 3(1)(c)") for ids, from the instrument. */
export function provisionLabels(catalog: Catalog, ids: readonly string[]): string[] {
  const labels = new Map(catalog.instrument.provisions.map((p) => [p.id, p.label]));
  return ids.map((id) => labels.get(id) ?? id);
}
