#!/usr/bin/env node
// Writes assessments of fictional countries for `opsc compare`: the dozen demo countries in
// fixtures/countries/ (README example), or N synthetic ones for the benchmarks. Every answer comes
// from a seeded generator, so the same arguments give the same files; the catalog's conditions
// are applied by the questionnaire core (recomputeSkips), exactly as `opsc assess` applies them.
//
//   node scripts/demo-countries.mjs                      the dozen demo countries → fixtures/countries
//   node scripts/demo-countries.mjs --count 196 --out DIR [--seed 7]
//
// Uses the built code (dist/): `npm run demo:countries` builds first.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serializeAssessment } from '../dist/assessment/serialize.js';
import { loadCatalog } from '../dist/catalog/load.js';
import { isScored } from '../dist/catalog/model.js';
import { BUNDLED_CATALOG, loadValidators, PACKAGE_ROOT, readCatalogDir } from '../dist/cli/files.js';
import { createQuestionnaire, recomputeSkips } from '../dist/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../dist/schema/check.js';

/**
 * The demo countries: a name, how far its law goes (`level`, 0–1), where it is stronger or weaker
 * than that, and how much of the questionnaire it has answered. Varied on purpose: a reformer, a
 * federation with gaps in procedure, a State that criminalises but does not protect, a late
 * starter with an incomplete assessment…
 */
const DEMO = [
  { code: 'XAC', name: 'Kingdom of Belmora', level: 0.92, strong: ['prohibition', 'sanctions'], weak: [] },
  {
    code: 'XAD',
    name: 'Republic of Castavia',
    level: 0.8,
    strong: ['victims-in-proceedings'],
    weak: ['jurisdiction-extradition'],
  },
  {
    code: 'XAE',
    name: 'Federal Republic of Dunmark',
    level: 0.7,
    strong: ['prohibition'],
    weak: ['recovery-compensation', 'victims-in-proceedings'],
  },
  { code: 'XAF', name: 'Estrovian Republic', level: 0.62, strong: ['international-cooperation'], weak: ['prevention'] },
  { code: 'XAG', name: 'Republic of Farundi', level: 0.55, strong: [], weak: ['sanctions'], completeness: 0.85 },
  { code: 'XAH', name: 'Grand Duchy of Galtria', level: 0.88, strong: ['general-measures'], weak: ['prevention'] },
  {
    code: 'XAI',
    name: 'Islands of Halvenna',
    level: 0.45,
    strong: ['prevention'],
    weak: ['jurisdiction-extradition', 'international-cooperation'],
  },
  { code: 'XAJ', name: 'Republic of Istravo', level: 0.35, strong: [], weak: ['prohibition', 'sanctions'] },
  {
    code: 'XAK',
    name: 'State of Jorvania',
    level: 0.75,
    strong: ['recovery-compensation'],
    weak: [],
    completeness: 0.6,
  },
  {
    code: 'XAL',
    name: 'Union of Kelmont',
    level: 0.25,
    strong: [],
    weak: ['victims-in-proceedings'],
    completeness: 0.4,
  },
  { code: 'XAM', name: 'Republic of Lorvenia', level: 0.66, strong: ['sanctions'], weak: ['general-measures'] },
  {
    code: 'XAN',
    name: 'Principality of Mardessa',
    level: 0.5,
    strong: ['victims-in-proceedings', 'recovery-compensation'],
    weak: ['prohibition'],
  },
];

const NAMES_A = [
  'Al',
  'Bel',
  'Cor',
  'Dal',
  'Esk',
  'Fen',
  'Gor',
  'Hal',
  'Ith',
  'Jor',
  'Kal',
  'Lun',
  'Mor',
  'Nar',
  'Or',
  'Pel',
];
const NAMES_B = ['avia', 'onia', 'mark', 'istan', 'ora', 'and', 'esia', 'uria', 'gard', 'oria', 'enna', 'ovia'];

/** mulberry32: small, fast and good enough to draw answers reproducibly. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** User-assigned ISO 3166-1 codes XAA–XZZ, skipping the two that the gap-report demo uses. */
function syntheticCode(i) {
  const n = i + 2;
  return `X${String.fromCharCode(65 + Math.floor(n / 26))}${String.fromCharCode(65 + (n % 26))}`;
}

function syntheticProfile(i, draw, chapters) {
  const pickChapter = () => chapters[Math.floor(draw() * chapters.length)];
  return {
    code: syntheticCode(i),
    name: `Republic of ${NAMES_A[i % NAMES_A.length]}${NAMES_B[Math.floor(i / NAMES_A.length) % NAMES_B.length]}${i >= NAMES_A.length * NAMES_B.length ? ` ${Math.floor(i / (NAMES_A.length * NAMES_B.length)) + 1}` : ''}`,
    level: 0.2 + draw() * 0.75,
    strong: [pickChapter()],
    weak: [pickChapter()],
    completeness: draw() < 0.2 ? 0.5 + draw() * 0.5 : 1,
  };
}

function answerFor(draw, level, allowNotApplicable) {
  const x = draw();
  if (allowNotApplicable && x > 0.985) return 'not-applicable';
  if (x < level * 0.85) return 'yes';
  if (x < level) return 'partly';
  if (x < level + (1 - level) * 0.15) return 'unknown';
  return 'no';
}

function assessmentFor(catalog, profile, seed) {
  const draw = random(seed);
  const q = createQuestionnaire(catalog);
  const answers = {};
  for (const { obligation, question } of q.entries) {
    if ((profile.completeness ?? 1) < 1 && draw() > (profile.completeness ?? 1)) {
      answers[question.id] = isScored(question) ? { answer: null } : { text: null };
      continue;
    }
    if (!isScored(question)) {
      answers[question.id] = { text: `Described in the ${profile.name} country report (fictional).` };
      continue;
    }
    const shift = profile.strong.includes(obligation.chapter)
      ? 0.2
      : profile.weak.includes(obligation.chapter)
        ? -0.3
        : 0;
    const level = Math.min(0.98, Math.max(0.02, profile.level + shift));
    const answer = answerFor(draw, level, obligation.allowNotApplicable === true);
    const record = { answer };
    if (answer === 'yes' || answer === 'partly') {
      record.citation = `${chapterStatute(obligation.chapter, profile.name)}, s. ${10 + Math.floor(draw() * 390)}`;
    }
    if (answer === 'partly') record.notes = 'Covers some of the conduct or some children only (fictional).';
    answers[question.id] = record;
  }
  const settled = recomputeSkips(q, answers);
  for (const [id, record] of Object.entries(settled)) {
    if (record.answer === 'skipped') settled[id] = { answer: 'skipped' };
  }
  return {
    instrument: catalog.instrument.id,
    catalog: { version: catalog.instrument.version, digest: catalog.digest },
    country: { code: profile.code, name: profile.name },
    assessor: `Demo data for opsc compare: ${profile.name} is fictional`,
    created: '2026-06-01',
    updated: `2026-${String(7 + (seed % 5)).padStart(2, '0')}-${String(1 + (seed % 27)).padStart(2, '0')}`,
    answers: settled,
  };
}

function chapterStatute(chapter, name) {
  const short = name.split(' ').at(-1);
  if (chapter === 'prohibition' || chapter === 'sanctions') return `Penal Code of ${short}`;
  if (chapter === 'victims-in-proceedings') return `Criminal Procedure Code of ${short}`;
  if (chapter === 'jurisdiction-extradition' || chapter === 'international-cooperation')
    return `Extradition Act of ${short}`;
  return `Children Act of ${short}`;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    catalog: { type: 'string' },
  },
});
const catalogDir = values.catalog ? resolve(values.catalog) : BUNDLED_CATALOG;
const { catalog, diagnostics } = loadCatalog(
  readCatalogDir(catalogDir, process.cwd()),
  createSchemaChecker(loadValidators()),
);
if (!catalog) {
  for (const d of diagnostics) process.stderr.write(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}\n`);
  process.exit(2);
}
const count = values.count === undefined ? DEMO.length : Number(values.count);
const seed = Number(values.seed ?? 1);
const outDir = resolve(values.out ?? join(PACKAGE_ROOT, 'fixtures', 'countries'));
mkdirSync(outDir, { recursive: true });
// The folder holds only what this run writes, so a smaller run leaves no stale country behind.
for (const name of readdirSync(outDir)) if (/^x[a-z]{2}-.*\.yaml$/.test(name)) rmSync(join(outDir, name));
const draw = random(seed);
const chapters = catalog.instrument.chapters.map((c) => c.id);
for (let i = 0; i < count; i++) {
  const profile = values.count === undefined ? DEMO[i] : syntheticProfile(i, draw, chapters);
  const schemaPath = relative(outDir, join(PACKAGE_ROOT, 'schemas', 'assessment.schema.json'))
    .split('\\')
    .join('/');
  const text = serializeAssessment(assessmentFor(catalog, profile, seed * 1000 + i), {
    schemaPath,
    header: [
      `DEMO: ${profile.name} is a fictional country (${profile.code} is an ISO 3166-1 user-assigned code); every statute`,
      'cited is invented. Generated by scripts/demo-countries.mjs; re-run `npm run demo:countries` after a catalog change.',
    ],
  });
  const slug = profile.name
    .toLowerCase()
    .replace(/^(republic|kingdom|state|union|grand duchy|principality|islands|federal republic) of /, '')
    .replace(/[^a-z0-9]+/g, '-');
  writeFileSync(join(outDir, `${profile.code.toLowerCase()}-${slug}.yaml`), text);
}
process.stdout.write(`wrote ${count} assessments to ${relative(process.cwd(), outDir) || '.'}\n`);
