// Answers questions as fast as it can, autosaving after each one exactly as `opsc assess` does
// (pure core → serializer → writeFileAtomic), and reports each answer on stdout once its save
// returned. The kill test SIGKILLs it: from outside at a random moment (KILL=timer), or from
// inside at the worst moments of the N-th save (KILL_AT=N): halfway through writing the bytes
// (KILL=in-write) or just before the rename (KILL=before-rename). Runs on the built dist/.
import fs, { existsSync, readFileSync, writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const mode = process.env.KILL ?? 'timer';
const killAt = Number(process.env.KILL_AT ?? 0);
let saves = 0;
if (mode !== 'timer') {
  // Patch node:fs before dist/ is imported; syncBuiltinESMExports makes `import { writeFileSync }`
  // in dist/cli/files.js see the patched function.
  const { writeFileSync, renameSync } = fs;
  fs.writeFileSync = (path, data, options) => {
    if (mode === 'in-write' && saves === killAt && typeof data === 'string') {
      writeFileSync(path, data.slice(0, Math.floor(data.length / 2)), options);
      process.kill(process.pid, 'SIGKILL');
    }
    return writeFileSync(path, data, options);
  };
  fs.renameSync = (from, to) => {
    if (mode === 'before-rename' && saves === killAt) process.kill(process.pid, 'SIGKILL');
    return renameSync(from, to);
  };
  syncBuiltinESMExports();
}

const { loadAssessment } = await import('../../dist/assessment/check.js');
const { serializeAssessment } = await import('../../dist/assessment/serialize.js');
const { loadCatalog } = await import('../../dist/catalog/load.js');
const { readCatalogDir, loadValidators, writeFileAtomic } = await import('../../dist/cli/files.js');
const { applyAnswer, createQuestionnaire, firstOpen, newAssessment } = await import(
  '../../dist/questionnaire/questionnaire.js'
);
const { createSchemaChecker } = await import('../../dist/schema/check.js');
const { expectedAnswer } = await import('./expected-answer.mjs');

const [catalogDir, file] = process.argv.slice(2);
const schemas = createSchemaChecker(loadValidators());
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
const save = () => {
  saves++;
  writeFileAtomic(file, serializeAssessment(assessment, { schemaPath: 's.json', catalog }));
};
save();
for (;;) {
  const index = firstOpen(q, assessment.answers);
  if (index === undefined) break;
  const id = q.entries[index].question.id;
  assessment = applyAnswer(q, assessment, id, expectedAnswer(id), new Date().toISOString());
  save();
  writeSync(1, `saved ${id}\n`);
}
writeSync(1, 'done\n');
