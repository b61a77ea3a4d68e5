#!/usr/bin/env node
// The real thing: `opsc assess` (built bin) in a pseudo-terminal on a generated catalog, answering
// "Yes", an empty citation and an empty note to each question. Prints how long it takes from the
// Enter that completes a question (which saves) to the next question on the screen, as the user
// sees it: core + autosave + rendering + terminal I/O.
//
//   npm run build && node bench/assess-pty.mjs [questions] [answers]    (default: 120 60)
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import pty from '@lydell/node-pty';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const questions = Number(process.argv[2] ?? 120);
const answers = Math.min(questions, Number(process.argv[3] ?? 60));
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

const dir = mkdtempSync(join(tmpdir(), 'opsc-bench-pty-'));
const catalogDir = join(dir, 'catalog');
mkdirSync(catalogDir);
copyFileSync(join(ROOT, 'obligations', 'opsc', 'instrument.yaml'), join(catalogDir, 'instrument.yaml'));
const lines = ['obligations:'];
for (let o = 0; o * 4 < questions; o++) {
  lines.push(
    `  - id: gen-${o}`,
    `    title: Generated obligation ${o}`,
    '    provisions: ["3.1.c"]',
    `    chapter: ${chapters[o % 8]}`,
    '    strength: mandatory',
    '    weight: 3',
    '    summary: Generated.',
    '    recommendation: Generated.',
    '    questions:',
  );
  for (let k = 0; k < 4 && o * 4 + k < questions; k++) {
    lines.push(
      `      - id: gen-${o}-${k}`,
      `        text: Q${o}-${k} does national law cover this element of obligation ${o} for every child under 18?`,
      '        help: Answer "partly" if it is covered only for some children or some forms of the conduct.',
      ...(k === 1 ? [`        when: { question: gen-${o}-0, in: [yes, partly] }`] : []),
    );
  }
}
writeFileSync(join(catalogDir, '10-generated.yaml'), `${lines.join('\n')}\n`);

// Questions are asked in chapter order; the bench only needs each next question's marker text.
const term = pty.spawn(
  process.execPath,
  [
    join(ROOT, 'bin', 'opsc.js'),
    'assess',
    'a.yaml',
    '--catalog',
    catalogDir,
    '--country',
    'KEN',
    '--assessor',
    'Bench',
  ],
  {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: dir,
    env: { PATH: process.env.PATH, TERM: 'xterm-256color', NO_COLOR: '1' },
  },
);
let screen = '';
let waiter;
term.onData((d) => {
  screen += d;
  if (waiter && stripVTControlCharacters(screen).includes(waiter.text, waiter.from)) {
    const w = waiter;
    waiter = undefined;
    w.resolve(process.hrtime.bigint());
  }
});
const waitFor = (text) =>
  new Promise((resolve, reject) => {
    const from = Math.max(0, stripVTControlCharacters(screen).length - 200);
    if (stripVTControlCharacters(screen).includes(text, from)) return resolve(process.hrtime.bigint());
    waiter = { text, from, resolve };
    setTimeout(
      () =>
        reject(
          new Error(`timeout waiting for ${text}; screen ends with:\n${stripVTControlCharacters(screen).slice(-800)}`),
        ),
      30_000,
    ).unref();
  });

const times = [];
await waitFor('does national law cover');
for (let i = 0; i < answers; i++) {
  term.write('\r'); // Yes
  await waitFor('Citation');
  term.write('\r');
  await waitFor('Note (optional)');
  const t0 = process.hrtime.bigint();
  term.write('\r');
  const t1 = await waitFor(i + 1 < answers ? '? Q' : '?');
  times.push(Number(t1 - t0) / 1e6);
}
term.kill();
rmSync(dir, { recursive: true, force: true });
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(
  `${questions} questions, ${times.length} answered in a pty: Enter on the last field → next question shown: median ${pct(50)} ms, p95 ${pct(95)} ms, max ${times[times.length - 1].toFixed(1)} ms`,
);
process.exit(0);
