// One `opsc assess` session reduced to its save: loads the file, adopts it as opsc assess does,
// waits for a shared instant, answers one question and saves through the real assessment store.
// Prints "saved" or "conflict: <message>". Runs on the built dist/. Used by the D1 race test.
import { readFileSync, writeSync } from 'node:fs';

const { loadAssessment } = await import('../../dist/assessment/check.js');
const { loadCatalog } = await import('../../dist/catalog/load.js');
const { readCatalogDir, loadValidators } = await import('../../dist/cli/files.js');
const { createAssessmentStore } = await import('../../dist/cli/assessment-store.js');
const { applyAnswer, createQuestionnaire } = await import('../../dist/questionnaire/questionnaire.js');
const { createSchemaChecker } = await import('../../dist/schema/check.js');

const [catalogDir, file, id, text, startAt] = process.argv.slice(2);
const schemas = createSchemaChecker(loadValidators());
const { catalog } = loadCatalog(readCatalogDir(catalogDir, process.cwd()), schemas);
const q = createQuestionnaire(catalog);
const { assessment } = loadAssessment({ path: file, bytes: readFileSync(file) }, catalog, schemas);
const store = createAssessmentStore(file, file, catalog);
store.adopt(assessment);
const answered = applyAnswer(q, assessment, id, { text }, new Date().toISOString());
if (Date.now() >= Number(startAt)) {
  writeSync(1, 'late: started after the shared instant\n');
  process.exit(0);
}
while (Date.now() < Number(startAt)) {
  // Both sessions press Enter at the same instant.
}
try {
  store.save(answered);
  writeSync(1, 'saved\n');
} catch (error) {
  writeSync(1, `conflict: ${error.message}\n`);
}
