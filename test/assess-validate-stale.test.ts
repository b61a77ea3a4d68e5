import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeAssessment } from '../src/assessment/serialize.js';
import { applyAnswer, createQuestionnaire, newAssessment } from '../src/questionnaire/questionnaire.js';
import { editedCatalog, FLOW_CATALOG, loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { runners } from './helpers/cli.js';

// A file answered against catalog 1.0.0 whose question "victim-support" the new catalog removed.
const catalog = loadCatalogDir(FLOW_CATALOG);
const q = createQuestionnaire(catalog);
let old = newAssessment(q, { country: { code: 'KEN', name: 'Kenya' }, now: '2026-01-01' });
old = applyAnswer(q, old, 'victim-support', { answer: 'yes' }, '2026-01-01');
const text = serializeAssessment(old, { schemaPath: 'x.json', catalog });
const v2 = editedCatalog(FLOW_CATALOG, {
  'instrument.yaml': [['version: 1.0.0', 'version: 1.1.0']],
  '30-victims.yaml': [['      - id: victim-support\n', '      - id: victim-support-services\n']],
});

describe.each(runners)('opsc validate on a file made with an older catalog (%s)', (_name, run) => {
  it('warns (exit 0) about answers that only the catalog change made unknown, and says how to update', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), text);
    const result = await run(['validate', 'a.yaml', '--catalog', v2], { cwd: dir });
    expect(result.stdout).toContain('catalog-version-mismatch');
    expect(result.stdout).toMatch(/warning.*No question "victim-support" in the catalog/);
    expect(result.stdout).toContain('run "opsc assess" on it to update it');
    expect(result.code).toBe(0);
  });

  it('still fails an unknown question id when the catalog is the same', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), text.replace('  victim-support:', '  victim-suport:'));
    const result = await run(['validate', 'a.yaml', '--catalog', FLOW_CATALOG], { cwd: dir });
    expect(result.stdout).toMatch(/error.*No question "victim-suport"/);
    expect(result.code).toBe(1);
  });
});
