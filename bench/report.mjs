#!/usr/bin/env node
// How long `opsc report` takes on a catalog the size of the full OPSC content (~70 obligations,
// ~130 questions over the 8 chapters), with a complete assessment. Not a test: timings depend on
// the machine, so this prints figures instead of asserting them. Target: under 1 s per report.
//
//   npm run bench:report            (builds first)   node bench/report.mjs [runs]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'opsc-bench-'));
const catalogDir = join(dir, 'catalog');
mkdirSync(catalogDir);
copyFileSync(join(ROOT, 'obligations/opsc/instrument.yaml'), join(catalogDir, 'instrument.yaml'));

const chapters = [
  'general-measures',
  'prevention',
  'prohibition',
  'sanctions',
  'jurisdiction-extradition',
  'victims-in-proceedings',
  'recovery-compensation',
  'international-cooperation',
];
const provisions = [
  '1',
  '2.a',
  '2.b',
  '2.c',
  '3.1.a.i.a',
  '3.1.b',
  '3.1.c',
  '3.4',
  '4.2.a',
  '5.1',
  '8.1.a',
  '8.1.e',
  '9.1',
  '9.3',
  '10.1',
];
const strengths = ['mandatory', 'mandatory', 'discretionary', 'recommended'];
const sentence =
  'The law provides for this measure in every case that the Protocol describes, for every child under 18 years of age';
const answers = {};
const pattern = ['yes', 'partly', 'no', 'unknown', 'yes', 'partly'];
let q = 0;
chapters.forEach((chapter, c) => {
  const obligations = [];
  for (let i = 0; i < 9; i++) {
    const id = `bench-${c}-${i}`;
    const count = i % 3 === 0 ? 1 : 2;
    const questions = [];
    for (let j = 0; j < count; j++) {
      const qid = `${id}-q${j}`;
      questions.push({
        id: qid,
        text: `${sentence}? (${qid})`,
        ...(j > 0 ? { when: { question: `${id}-q0`, in: ['yes', 'partly'] } } : {}),
      });
      answers[qid] = {
        answer: pattern[q++ % pattern.length],
        citation: `Penal Code of Benchland 2020, s. ${100 + q}`,
        notes: `${sentence}.`,
      };
    }
    const strength = strengths[(c + i) % strengths.length];
    obligations.push({
      id,
      title: `Benchmark obligation ${c + 1}.${i + 1} with a realistic title length`,
      provisions: [provisions[(c * 9 + i) % provisions.length]],
      chapter,
      strength,
      ...(strength === 'recommended' ? { source: 'CRC/C/156' } : {}),
      weight: 1 + ((c + i) % 5),
      summary: `${sentence}. ${sentence}.`,
      recommendation: `Amend the law so that ${sentence.toLowerCase()}.`,
      questions,
    });
  }
  writeFileSync(join(catalogDir, `${String(c + 1).padStart(2, '0')}-${chapter}.yaml`), stringify({ obligations }));
});
// Conditions: a follow-up skipped by a "no"/"unknown" base answer is stored as skipped.
for (const [id, record] of Object.entries(answers)) {
  if (id.endsWith('-q1') && ['no', 'unknown'].includes(answers[id.replace(/-q1$/, '-q0')].answer)) {
    answers[id] = { answer: 'skipped' };
  }
  void record;
}
const instrumentVersion = /^version: (.+)$/m.exec(readFileSync(join(catalogDir, 'instrument.yaml'), 'utf8'))?.[1];
const assessment = join(dir, 'benchland.yaml');
writeFileSync(
  assessment,
  stringify({
    instrument: 'opsc',
    catalog: { version: instrumentVersion },
    country: { code: 'XBE', name: 'Benchland' },
    assessor: 'bench',
    answers,
  }),
);

const bin = join(ROOT, 'bin/opsc.js');
const check = spawnSync(process.execPath, [bin, 'validate', '--catalog', catalogDir, catalogDir, assessment], {
  encoding: 'utf8',
});
if (check.status !== 0) {
  process.stderr.write(check.stdout + check.stderr);
  process.exit(2);
}

// CPU time (user + sys) is reported beside wall time: on a shared machine the wall time mostly
// measures the neighbours. GNU time gives it when installed.
const gnuTime = existsSync('/usr/bin/time');
const time = (args) => {
  const start = performance.now();
  const result = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, bin, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(result.stderr);
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  const stderr = result.stderr.replace(/CPU [\d.]+ [\d.]+\s*$/, '');
  return { ms, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, stderr };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measure = (label, args) => {
  const times = [];
  const cpus = [];
  let last = '';
  for (let i = 0; i < runs; i++) {
    const { ms, cpu, stderr } = time(args);
    times.push(ms);
    if (cpu !== undefined) cpus.push(cpu);
    last = stderr.trim();
  }
  const cpu = cpus.length ? `, CPU median ${median(cpus).toFixed(0)} ms` : '';
  process.stdout.write(
    `${label.padEnd(26)} wall median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms${cpu} (${runs} runs)${last ? `  ${last}` : ''}\n`,
  );
};

process.stdout.write(
  `catalog: ${Object.keys(answers).length} questions, 72 obligations, 8 chapters (${catalogDir}); load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs\n`,
);
measure('node (no-op)', ['--version']);
measure('opsc score', ['score', assessment, '--catalog', catalogDir, '--json']);
measure('opsc report --format md', ['report', assessment, '--catalog', catalogDir, '--format', 'md']);
measure('opsc report (pdf)', [
  'report',
  assessment,
  '--catalog',
  catalogDir,
  '-o',
  join(dir, 'out.pdf'),
  '--date',
  '2026-03-01',
]);
