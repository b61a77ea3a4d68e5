// Answers questions as fast as it can, autosaving after each one exactly as `opsc assess` does
// (pure core → serializer → atomic write), and reports each answer on stdout once it is saved.
// The kill test SIGKILLs it at random moments. Runs on the built dist/.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { loadAssessment } from '../../dist/assessment/check.js';
import { serializeAssessment } from '../../dist/assessment/serialize.js';
import { loadCatalog } from '../../dist/catalog/load.js';
import { readCatalogDir, readSchemas, writeFileAtomic } from '../../dist/cli/files.js';
import { applyAnswer, createQuestionnaire, firstOpen, newAssessment } from '../../dist/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../../dist/schema/check.js';
import { expectedAnswer } from './expected-answer.mjs';

const [catalogDir, file] = process.argv.slice(2);
const schemas = createSchemaChecker(readSchemas());
const { catalog } = loadCatalog(readCatalogDir(catalogDir, process.cwd()), schemas);
const q = createQuestionnaire(catalog);
let assessment;
if (existsSync(file)) {
  const loaded = loadAssessment({ path: file, bytes: readFileSync(file) }, catalog, schemas);
  if (!loaded.assessment) {
    process.stderr.write(`cannot resume: ${JSON.stringify(loaded.diagnostics)}\n`);
    process.exit(3);
  }
  assessment = loaded.assessment;
} else {
  assessment = newAssessment(q, { country: { code: 'XAA' }, now: new Date().toISOString() });
}
const save = () => writeFileAtomic(file, serializeAssessment(assessment, { schemaPath: 's.json', catalog }));
save();
for (;;) {
  const index = firstOpen(q, assessment.answers);
  if (index === undefined) break;
  const id = q.entries[index].question.id;
  assessment = applyAnswer(q, assessment, id, expectedAnswer(id), new Date().toISOString());
  // Synchronous writes to the pipe: the parent sees "saving" before the save starts.
  writeSync(1, `saving ${id}\n`);
  save();
  writeSync(1, `saved ${id}\n`);
}
writeSync(1, 'done\n');
