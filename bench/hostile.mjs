#!/usr/bin/env node
// Times `opsc validate` (whole process, built bin) on hostile files; prints the median of N runs.
// Usage: npm run build && node bench/hostile.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/opsc.js', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'opsc-bench-hostile-'));

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 9; i++) {
  const name = String.fromCharCode(97 + i);
  laughs.push(
    `${name}: &${name} [${Array(9)
      .fill(`*${String.fromCharCode(96 + i)}`)
      .join(',')}]`,
  );
}
const files = {
  'billion-laughs.yaml': `${laughs.join('\n')}\nobligations: *i\n`,
  'nested-brackets-1MB.yaml': '['.repeat(1024 * 1024),
  'nested-braces.yaml': `a: ${'{'.repeat(5000)}${'}'.repeat(5000)}`,
  'file-50MB.yaml': `obligations:\n${'  - x\n'.repeat(8_738_133)}`,
  'binary-junk.yaml': Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 7919 + 13) % 256)),
  'empty.yaml': '',
  'many-keys-9MB.yaml': Array.from({ length: 600_000 }, (_, i) => `k${i}: v`).join('\n'),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (args) => {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    last = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(samples), last };
};

console.log(`opsc validate on hostile input — median of ${runs} whole-process runs (node ${process.version})`);
const floor = time(['-e', '']);
console.log(`${'node -e "" (floor)'.padEnd(28)} ${floor.ms.toFixed(0).padStart(6)} ms`);
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(dir, name), content);
  const { ms, last } = time([bin, 'validate', name, '--format', 'json']);
  const finding = JSON.parse(last.stdout || '[]')[0];
  console.log(
    `${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  exit ${last.status}  ${finding ? finding.rule : 'clean'}`,
  );
}
rmSync(dir, { recursive: true, force: true });
