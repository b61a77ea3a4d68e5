#!/usr/bin/env node
// npm run bench: whole-process timings (median of repeated runs) and peak memory, side by side,
// then a large fuzzing run. Prints the figures and writes them to BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'opsc.js');
const ajvCli = join(root, 'node_modules', 'ajv-cli', 'dist', 'index.js');
const rssPreload = join(root, 'bench', 'rss.cjs');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 11;
const work = mkdtempSync(join(tmpdir(), 'opsc-bench-'));
const rssFile = join(work, 'rss.txt');
const demo = join(root, 'fixtures', 'assessments', 'xaa-aldoria.yaml');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `node ARGS` n times; returns the median wall time (ms) and the largest peak RSS (MB). */
function measure(args, runs = RUNS, expectCodes = [0, 1]) {
  const samples = [];
  writeFileSync(rssFile, '');
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--require', rssPreload, ...args], {
      cwd: root,
      env: { ...process.env, OPSC_BENCH_RSS: rssFile, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!expectCodes.includes(result.status)) {
      throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    }
  }
  const rss = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
  return { ms: median(samples), rssMB: Math.max(...rss) / 1024 };
}

const rows = [];
function row(group, label, figures) {
  rows.push({ group, label, ...figures });
  console.log(
    `${group.padEnd(12)} ${label.padEnd(52)} ${figures.ms.toFixed(0).padStart(7)} ms ${figures.rssMB.toFixed(0).padStart(6)} MB`,
  );
}

console.log(`opsc benchmarks — median of ${RUNS} whole-process runs; peak RSS`);
const floor = measure(['-e', '']);
row('start-up', 'node -e "" (the floor)', floor);
row('start-up', 'opsc --help', measure([bin, '--help']));
const validate = measure([bin, 'validate']);
row('validate', 'opsc validate (shipped catalog, 9 files)', validate);
const obligationFiles = ['obligations/opsc/0*.yaml'];
const ajvArgs = (schema, data) => [
  ajvCli,
  'validate',
  '-s',
  schema,
  '-d',
  data,
  '-c',
  'ajv-formats',
  '--spec=draft7',
  '--all-errors',
  '--strict-required=false',
  '--allow-union-types',
];
const ajvObligations = measure(ajvArgs('schemas/obligation.schema.json', obligationFiles[0]));
const ajvInstrument = measure(ajvArgs('schemas/instrument.schema.json', 'obligations/opsc/instrument.yaml'));
row('validate', 'ajv-cli on the same files (2 runs: obligations + instrument)', {
  ms: ajvObligations.ms + ajvInstrument.ms,
  rssMB: Math.max(ajvObligations.rssMB, ajvInstrument.rssMB),
});
row('validate', 'ajv-cli, obligation files only (1 run)', ajvObligations);
const haveReport = existsSync(demo);
let reportShipped;
if (haveReport) {
  row('score', 'opsc score (shipped catalog, demo assessment)', measure([bin, 'score', demo]));
  reportShipped = measure([bin, 'report', demo, '--output', join(work, 'demo.pdf'), '--date', '2026-01-01']);
  row('report', 'opsc report → PDF (shipped catalog, demo assessment)', reportShipped);
}

const scale = [];
for (const count of [100, 1000, 10000]) {
  const dir = join(work, `scale-${count}`);
  const { catalogDir, assessment } = generate(dir, count);
  const runs = count >= 10000 ? Math.min(RUNS, 5) : RUNS;
  const v = measure([bin, 'validate', catalogDir], runs);
  const va = measure([bin, 'validate', '--catalog', catalogDir, assessment], runs);
  row('scale', `validate catalog, ${count} obligations`, v);
  row('scale', `validate assessment, ${count} obligations`, va);
  const entry = { count, validate: v, validateAssessment: va };
  if (haveReport) {
    entry.score = measure([bin, 'score', assessment, '--catalog', catalogDir, '--json'], runs);
    entry.report = measure(
      [bin, 'report', assessment, '--catalog', catalogDir, '-o', join(dir, 'r.pdf'), '--date', '2026-01-01'],
      runs,
    );
    row('scale', `score, ${count} obligations`, entry.score);
    row('scale', `report → PDF, ${count} obligations`, entry.report);
  }
  scale.push(entry);
}

// Many countries: 196 generated assessments (a 196-country review), compared and reported in a batch.
const many = join(work, 'countries-196');
spawnSync(process.execPath, [join(root, 'scripts', 'demo-countries.mjs'), '--count', '196', '--out', many], {
  cwd: root,
});
const manyRuns = quick ? 1 : 3;
const manyRows = [
  ['opsc compare, 196 assessments → Markdown', [bin, 'compare', many, '-o', join(work, 'c.md')], '≤ 5 s'],
  [
    'opsc compare, 196 assessments → PDF',
    [bin, 'compare', many, '-o', join(work, 'c.pdf'), '--date', '2026-01-01'],
    '≤ 5 s',
  ],
  [
    'opsc report DIR --output-dir, 196 PDF reports (every core)',
    [bin, 'report', many, '--output-dir', join(work, 'reports'), '--force', '--date', '2026-01-01'],
    '≤ 30 s with the comparison, ≤ 1 GB',
  ],
].map(([label, args, goal]) => {
  const figures = measure(args, manyRuns);
  row('many', label, figures);
  return { label, goal, ...figures };
});

console.log('\nfuzzing: 2,500 runs of each of the four loader properties (10,000 cases) and 250 CLI runs');
const fuzzStart = Date.now();
// npm test fuzzes with a fixed seed; the long run here explores a new one each time (printed).
const fuzzSeed = process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31);
const fuzz = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/fuzz-loaders.test.ts'],
  {
    cwd: root,
    env: { ...process.env, FUZZ_RUNS: quick ? '250' : '2500', FUZZ_SEED: fuzzSeed, NO_COLOR: '1' },
    encoding: 'utf8',
  },
);
const fuzzSeconds = (Date.now() - fuzzStart) / 1000;
const fuzzSummary = (fuzz.stdout.match(/Tests\s+.*$/m) ?? ['no summary'])[0].trim();
console.log(`${fuzzSummary} in ${fuzzSeconds.toFixed(0)} s (exit ${fuzz.status})`);
rmSync(work, { recursive: true, force: true });

// opsc assess: the answer → next prompt step, in the core and in a real pseudo-terminal.
const assessFigures = [
  ['bench/assess-step.mjs'],
  ['bench/assess-pty.mjs', '120'],
  ['bench/assess-pty.mjs', '1000'],
].map((args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const text = (result.stdout || result.stderr).trim();
  console.log(text);
  return text;
});

const cpu = cpus();
const fmt = (f) => `${f.ms.toFixed(0)} ms`;
const mem = (f) => `${f.rssMB.toFixed(0)} MB`;
const lines = [
  '# Benchmarks',
  '',
  `Last run: ${new Date().toISOString().slice(0, 10)}, \`npm run bench\`${quick ? ' --quick' : ''}. Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}, Node.js ${process.version}.`,
  '',
  `Each figure is the median wall time of ${RUNS} whole-process runs (5 at 10,000 obligations), started with`,
  '`node --require bench/rss.cjs …`; memory is the largest peak resident set size seen.',
  '',
  '## Start-up and the shipped catalog',
  '',
  '| what | time | peak memory | vs. bare node |',
  '| --- | ---: | ---: | ---: |',
  ...rows
    .filter((r) => r.group !== 'scale' && r.group !== 'many')
    .map((r) => `| ${r.label} | ${fmt(r)} | ${mem(r)} | ${(r.ms / floor.ms).toFixed(1)}× |`),
  '',
  '## Scale (generated catalogs, 2 questions per obligation, complete assessments)',
  '',
  `| obligations | validate catalog | validate assessment |${haveReport ? ' score | report (PDF) |' : ''}`,
  `| ---: | ---: | ---: |${haveReport ? ' ---: | ---: |' : ''}`,
  ...scale.map(
    (s) =>
      `| ${s.count.toLocaleString('en')} | ${fmt(s.validate)}, ${mem(s.validate)} | ${fmt(s.validateAssessment)}, ${mem(s.validateAssessment)} |${
        haveReport ? ` ${fmt(s.score)}, ${mem(s.score)} | ${fmt(s.report)}, ${mem(s.report)} |` : ''
      }`,
  ),
  '',
  `## Many countries (196 generated assessments, \`scripts/demo-countries.mjs --count 196\`; median of ${manyRuns})`,
  '',
  '| what | time | peak memory | goal |',
  '| --- | ---: | ---: | --- |',
  ...manyRows.map((r) => `| ${r.label} | ${fmt(r)} | ${mem(r)} | ${r.goal} |`),
  '',
  '## opsc assess: one answer → the next question',
  '',
  '`bench/assess-step.mjs` times the core, the serializer and three atomic saves per answer;',
  '`bench/assess-pty.mjs` drives the real bin in a pseudo-terminal (Enter on the last field → next question on screen).',
  '',
  '```',
  ...assessFigures,
  '```',
  '',
  '## Fuzzing',
  '',
  `\`FUZZ_RUNS=${quick ? 250 : 2500} FUZZ_SEED=${fuzzSeed} vitest run test/fuzz-loaders.test.ts\`: ${fuzzSummary.replace(/\s+/g, ' ')} in ${fuzzSeconds.toFixed(0)} s (exit ${fuzz.status}).`,
  '',
];
// The start-up section written by bench/startup.mjs (hyperfine, before/after) is kept as it is.
const previous = existsSync(join(root, 'BENCHMARKS.md')) ? readFileSync(join(root, 'BENCHMARKS.md'), 'utf8') : '';
const kept = /<!-- startup:begin -->[\s\S]*<!-- startup:end -->/.exec(previous)?.[0];
writeFileSync(join(root, 'BENCHMARKS.md'), `${lines.join('\n')}\n${kept ? `\n${kept}\n` : ''}`);
console.log('\nwrote BENCHMARKS.md');
if (fuzz.status !== 0) process.exitCode = 1;
