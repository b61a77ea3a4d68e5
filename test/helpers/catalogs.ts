import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Assessment } from '../../src/assessment/model.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog, Obligation, Question, Strength } from '../../src/catalog/model.js';
import { loadValidators, readCatalogDir } from '../../src/cli/files.js';
import { createSchemaChecker } from '../../src/schema/check.js';
import { ROOT } from './cli.js';

export const SAMPLE_CATALOG = join(ROOT, 'fixtures/catalogs/sample');
export const SAMPLE_ASSESSMENTS = join(ROOT, 'fixtures/sample-assessments');

/** The sample catalog (fixtures/catalogs/sample), loaded and checked as the CLI does. */
export function sampleCatalog(): Catalog {
  return loadCatalogDir(SAMPLE_CATALOG);
}

export function sampleAssessment(name: 'xaa-aldoria' | 'xab-verenia'): Assessment {
  return parse(readFileSync(join(SAMPLE_ASSESSMENTS, `${name}.yaml`), 'utf8')) as Assessment;
}

export interface ObligationSpec {
  id: string;
  chapter?: string;
  strength?: Strength;
  weight?: number;
  allowNotApplicable?: boolean;
  questions: (string | (Partial<Question> & { id: string }))[];
}

/** A small in-memory catalog for unit tests: only what the score model reads is meaningful. */
export function makeCatalog(obligations: ObligationSpec[], chapters = ['one', 'two', 'three']): Catalog {
  return {
    instrument: {
      id: 'opsc',
      title: 'Test instrument',
      shortTitle: 'TEST',
      adoption: { by: 'nobody', date: '2000-01-01' },
      entryIntoForce: '2000-01-02',
      textSource: { citation: 'test' },
      version: '0.0.0-test',
      chapters: chapters.map((id) => ({ id, title: `Chapter ${id}` })),
      provisions: [{ id: '1', label: 'art. 1', text: 'Text of article 1.' }],
    },
    obligations: obligations.map(
      (o): Obligation => ({
        id: o.id,
        title: `Obligation ${o.id}`,
        provisions: ['1'],
        chapter: o.chapter ?? chapters[0] ?? 'one',
        strength: o.strength ?? 'mandatory',
        weight: o.weight ?? 1,
        summary: 'summary',
        recommendation: 'recommendation',
        ...(o.allowNotApplicable ? { allowNotApplicable: true } : {}),
        questions: o.questions.map((q) =>
          typeof q === 'string' ? { id: q, text: `Question ${q}?` } : { text: `Question ${q.id}?`, ...q },
        ),
      }),
    ),
    digest: 'sha256-test',
  };
}

/** An assessment with the given answers (question id → answer). */
export function answers(map: Record<string, Assessment['answers'][string]['answer']>): Pick<Assessment, 'answers'> {
  return { answers: Object.fromEntries(Object.entries(map).map(([id, answer]) => [id, { answer }])) };
}

/** The small catalog with conditions, a text question, an empty chapter and not-applicable. */
export const FLOW_CATALOG = join(ROOT, 'fixtures', 'catalogs', 'flow');

/** A catalog folder, read and checked by the project's own loader; throws if it has errors. */
export function loadCatalogDir(dir: string): Catalog {
  const { catalog, diagnostics } = loadCatalog(readCatalogDir(dir, ROOT), createSchemaChecker(loadValidators()));
  if (!catalog) throw new Error(`Test catalog ${dir} has errors: ${JSON.stringify(diagnostics, null, 2)}`);
  return catalog;
}

export function tempDir(prefix = 'opsc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of a catalog folder in a temp dir, with text replacements applied to its files. */
export function editedCatalog(from: string, edits: Record<string, [string, string][]>): string {
  const dir = join(tempDir('opsc-catalog-'), 'catalog');
  cpSync(from, dir, { recursive: true });
  for (const [file, replacements] of Object.entries(edits)) {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [a, b] of replacements) {
      if (!text.includes(a)) throw new Error(`editedCatalog: "${a}" not in ${file}`);
      text = text.replace(a, b);
    }
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
