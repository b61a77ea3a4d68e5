#!/usr/bin/env node
// How long one answer → next prompt takes in `opsc assess`, including the autosave: the pure
// core (store the answer, recompute skips, find the next question, progress for the header) +
// serializer + atomic write (temp file, fsync, rename). Prompt rendering is not included.
//
//   npm run build && node bench/assess-step.mjs [questions...]     (default: bundled catalog, 120, 1000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeAssessment } from '../dist/assessment/serialize.js';
import { assessmentHeader } from '../dist/assessment/template.js';
import { catalogDigest, loadCatalog } from '../dist/catalog/load.js';
import { BUNDLED_CATALOG, loadValidators, readCatalogDir, writeFileAtomic } from '../dist/cli/files.js';
import {
  applyAnswer,
  createQuestionnaire,
  firstOpen,
  newAssessment,
  nextInWalk,
  positionLine,
  summarize,
} from '../dist/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../dist/schema/check.js';

const bundled = loadCatalog(
  readCatalogDir(BUNDLED_CATALOG, process.cwd()),
  createSchemaChecker(loadValidators()),
).catalog;

/** The bundled instrument with `n` generated questions (4 per obligation, one conditional). */
function generated(n) {
  const chapters = bundled.instrument.chapters;
  const obligations = [];
  for (let o = 0; o * 4 < n; o++) {
    const questions = [];
    for (let k = 0; k < 4 && o * 4 + k < n; k++) {
      questions.push({
        id: `gen-${o}-${k}`,
        text: `Does national law cover element ${k} of obligation ${o}, in every case the treaty names, for every child under 18?`,
        help: 'Answer "partly" if it is covered only for some children or some forms of the conduct.',
        ...(k === 1 ? { when: { question: `gen-${o}-0`, in: ['yes', 'partly'] } } : {}),
      });
    }
    obligations.push({
      id: `gen-${o}`,
      title: `Generated obligation ${o}`,
      provisions: ['3.1.c'],
      chapter: chapters[o % chapters.length].id,
      strength: 'mandatory',
      weight: 3,
      summary: 'Generated.',
      recommendation: 'Generated.',
      questions,
    });
  }
  const catalog = { instrument: bundled.instrument, obligations, digest: '' };
  catalog.digest = catalogDigest(catalog);
  return catalog;
}

function bench(label, catalog) {
  const q = createQuestionnaire(catalog);
  const dir = mkdtempSync(join(tmpdir(), 'opsc-bench-'));
  const file = join(dir, 'a.yaml');
  let a = newAssessment(q, {
    country: { code: 'KEN', name: 'Kenya' },
    assessor: 'Bench',
    now: new Date().toISOString(),
  });
  const save = () =>
    writeFileAtomic(
      file,
      serializeAssessment(a, { schemaPath: 's.json', catalog, header: assessmentHeader(a, catalog) }),
    );
  const times = [];
  let bytes = 0;
  let pos = firstOpen(q, a.answers);
  const scale = ['yes', 'partly', 'no', 'unknown'];
  let i = 0;
  while (pos !== undefined) {
    const entry = q.entries[pos];
    const t0 = process.hrtime.bigint();
    // One answered question = three saves in opsc assess: the answer, the citation, the note.
    a = applyAnswer(q, a, entry.question.id, { answer: scale[i++ % 4] }, new Date().toISOString());
    save();
    a = applyAnswer(q, a, entry.question.id, { citation: `Act ${i}, s. ${i % 17}` }, new Date().toISOString());
    save();
    a = applyAnswer(q, a, entry.question.id, { notes: null }, new Date().toISOString());
    const text = serializeAssessment(a, { schemaPath: 's.json', catalog, header: assessmentHeader(a, catalog) });
    writeFileAtomic(file, text);
    bytes = text.length;
    pos = nextInWalk(q, a.answers, pos, 'open');
    if (pos !== undefined) {
      summarize(q, a.answers);
      positionLine(q, q.entries[pos]);
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rmSync(dir, { recursive: true, force: true });
  times.sort((x, y) => x - y);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
  console.log(
    `${label.padEnd(22)} ${String(q.entries.length).padStart(5)} questions  ${String(times.length).padStart(5)} steps  file ${(bytes / 1024).toFixed(0).padStart(5)} KB  step median ${pct(50)} ms  p95 ${pct(95)} ms  max ${times[times.length - 1].toFixed(2)} ms`,
  );
}

const sizes = process.argv.slice(2).map(Number);
console.log(`node ${process.version}, ${process.platform}; each step = 3 atomic saves + next question + progress`);
if (sizes.length === 0) bench('bundled catalog', bundled);
for (const n of sizes.length ? sizes : [120, 1000]) bench(`generated ${n}`, generated(n));
