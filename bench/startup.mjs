#!/usr/bin/env node
// node bench/startup.mjs [--base DIR]: start-up of `opsc --help` and `opsc validate` with hyperfine
// (median of warm runs), in English and French, and — with --base, a built checkout of an earlier
// commit — the same before the change. Writes the table into BENCHMARKS.md between its markers
// (npm run bench keeps that section).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const baseIndex = process.argv.indexOf('--base');
const base = baseIndex > 0 ? process.argv[baseIndex + 1] : undefined;
const RUNS = 30;
const BEGIN = '<!-- startup:begin -->';
const END = '<!-- startup:end -->';

if (spawnSync('hyperfine', ['--version']).status !== 0) {
  console.error('bench/startup.mjs needs hyperfine (apt-get install hyperfine).');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'opsc-startup-'));
/** Median and spread of `command` in ms, run from `cwd`. */
function hyperfine(command, cwd) {
  const out = join(work, 'h.json');
  const result = spawnSync(
    'hyperfine',
    ['--warmup', '3', '--runs', String(RUNS), '-N', '--export-json', out, '-i', command],
    { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', OPSC_LANG: '' } },
  );
  if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr}`);
  const r = JSON.parse(readFileSync(out, 'utf8')).results[0];
  return { median: r.median * 1000, stddev: r.stddev * 1000, cpu: (r.user + r.system) * 1000 };
}

const cases = [
  ['node -e ""', 'node -e ""', false],
  ['opsc --help', 'node bin/opsc.js --help', true],
  ['opsc validate', 'node bin/opsc.js validate', true],
  ['opsc --help --lang fr', 'node bin/opsc.js --help --lang fr', false],
  ['opsc validate --lang fr', 'node bin/opsc.js validate --lang fr', false],
];
const rows = [];
for (const [label, command, hasBefore] of cases) {
  const after = hyperfine(command, root);
  const before = base && hasBefore ? hyperfine(command, base) : undefined;
  const fmt = (f) => `${f.median.toFixed(0)} ms ± ${f.stddev.toFixed(0)} (CPU ${f.cpu.toFixed(0)} ms)`;
  rows.push(
    `| ${label} | ${before ? fmt(before) : '–'} | ${fmt(after)} | ${before ? `${(after.median - before.median).toFixed(0)} ms (CPU ${(after.cpu - before.cpu).toFixed(0)} ms)` : '–'} |`,
  );
  console.log(rows.at(-1));
}
rmSync(work, { recursive: true, force: true });

const section = [
  BEGIN,
  '## Start-up with the message catalogs (hyperfine)',
  '',
  `\`node bench/startup.mjs --base <checkout before i18n>\`, ${new Date().toISOString().slice(0, 10)}: hyperfine median wall time ± standard deviation of ${RUNS} runs after 3 warm-ups, and mean CPU time (user + system; less sensitive to other processes on a shared machine), Node.js ${process.version}. "Before" is the commit before src/i18n/ (no i18next, English strings in the code); "after" loads i18next and only the active language's messages (plus English, the fallback for messages not yet translated).`,
  '',
  '| command | before | after | difference |',
  '| --- | ---: | ---: | ---: |',
  ...rows,
  END,
].join('\n');
const file = join(root, 'BENCHMARKS.md');
const current = readFileSync(file, 'utf8');
const start = current.indexOf(BEGIN);
const end = current.indexOf(END);
const next =
  start >= 0 && end > start
    ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
    : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(file, next);
console.log('wrote the start-up section of BENCHMARKS.md');
