import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Assessment } from '../src/assessment/model.js';
import { BUNDLED_CATALOG } from '../src/cli/files.js';
import { createQuestionnaire, diffCatalog, migrate, summarize } from '../src/questionnaire/questionnaire.js';
import { loadCatalogDir } from './helpers/catalogs.js';
import { ROOT } from './helpers/cli.js';

/**
 * A demo assessment made with catalog 1.1.0 (kept as fixtures/assessments-1.1.0/) opened with the
 * shipped catalog 2.0.0: the questions 2.0.0 took out (obligations/opsc/CHANGELOG.md, "Retired
 * questions") are listed and kept under `retired`, every other answer stays, and only new questions
 * are open.
 */
const RETIRED_IN_2_0_0 = [
  'ratification-reservations',
  'status-in-national-law',
  'initial-report-submitted',
  'periodic-reporting-current',
  'latest-concluding-observations',
  'three-practices-prohibited',
  'related-instruments',
  'data-disaggregated',
  'laws-disseminated',
  'child-participation',
  'advertising-online-links',
  'tourism-legal-duty',
  'sale-non-monetary-consideration',
  'prostitution-non-monetary',
  'sale-organs-acts',
  'sale-organs-consent-irrelevant',
  'sale-labour-acts',
  'adoption-inducing-payment',
  'adoption-authority',
  'adoption-hague-party',
  'csam-import',
  'legal-persons-sanctions',
  'consent-no-defence',
  'sale-no-exploitation-needed',
  'penalty-sale',
  'penalty-prostitution',
  'penalty-csam-production',
  'penalty-csam-dealing',
  'confiscation-proceeds-all',
  'closure-temporary-definitive',
  'aggravation-listed',
  'bar-work-children',
  'jurisdiction-territorial',
  'extradition-all-offences',
  'special-measures-witness',
  'info-rights-role',
  'info-progress-outcome',
  'compensation-orders-executed',
  'age-assessment',
  'training-legal',
  'training-psychological',
  'limit-interviews',
  'recovery-services',
  'reintegration-services',
  'compensation-claim',
  'compensation-representative',
  'safe-repatriation',
];

const q = createQuestionnaire(loadCatalogDir(BUNDLED_CATALOG));
const old = parse(readFileSync(join(ROOT, 'fixtures/assessments-1.1.0/xaa-aldoria.yaml'), 'utf8')) as Assessment;

describe('a 1.1.0 assessment opened with catalog 2.0.0', () => {
  it('is a 1.1.0 assessment', () => {
    expect(old.catalog.version).toBe('1.1.0');
  });

  it('lists exactly the retired questions as removed', () => {
    const diff = diffCatalog(q, old);
    expect(diff.differs).toBe(true);
    expect(diff.to.version).toBe('2.0.0');
    expect([...diff.removed].sort()).toEqual([...RETIRED_IN_2_0_0].sort());
  });

  it('keeps the retired answers under retired, keeps every other answer, and opens only new questions', () => {
    const migrated = migrate(q, old);
    expect(Object.keys(migrated.retired ?? {}).sort()).toEqual([...RETIRED_IN_2_0_0].sort());
    expect(migrated.retired?.['penalty-sale']).toEqual(old.answers['penalty-sale']);
    for (const [id, record] of Object.entries(old.answers)) {
      if (RETIRED_IN_2_0_0.includes(id) || record.answer === 'skipped') continue;
      expect(migrated.answers[id]?.answer, id).toBe(record.answer);
    }
    const open = summarize(q, migrated.answers).unanswered.map((e) => e.question.id);
    const added = diffCatalog(q, old).added.map((e) => e.question.id);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((id) => added.includes(id))).toBe(true);
  });
});
