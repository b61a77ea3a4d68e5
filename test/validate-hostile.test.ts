import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, runInProcess } from './helpers/cli.js';

/** Files that try to exhaust the parser; each must end in a clear diagnostic, never a crash. */
const hostile: Record<string, { content: () => string | Buffer; rule: string; message: RegExp }> = {
  'billion-laughs.yaml': {
    content: () => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      return `${lines.join('\n')}\nobligations: *i\n`;
    },
    rule: 'yaml-alias',
    message: /aliases such as \*a are not allowed in these files \(73 aliases in this file\)/,
  },
  'deep-brackets.yaml': { content: () => '['.repeat(1_000_000), rule: 'yaml-too-deep', message: /nested more than/ },
  'deep-braces.yaml': {
    content: () => `a: ${'{'.repeat(5000)}${'}'.repeat(5000)}`,
    rule: 'yaml-too-deep',
    message: /nested more than/,
  },
  'deep-dashes.yaml': { content: () => `${'- '.repeat(200_000)}x`, rule: 'yaml-too-deep', message: /nested entries/ },
  'deep-indent.yaml': {
    content: () => Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
    rule: 'yaml-too-deep',
    message: /Indentation/,
  },
  'huge.yaml': {
    content: () => `obligations:\n${'  - x\n'.repeat(9_000_000)}`,
    rule: 'file-too-large',
    message: /File is 51\.5 MB; the limit is 4\.0 MB/,
  },
  'junk.yaml': {
    content: () => Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 256)),
    rule: 'not-text',
    message: /not UTF-8 text/,
  },
  'nul.yaml': { content: () => 'obligations:\n  - id: a\0b\n', rule: 'not-text', message: /NUL byte/ },
  'empty.yaml': { content: () => '', rule: 'yaml-empty', message: /File is empty/ },
  'comments-only.yaml': { content: () => '# nothing here\n', rule: 'yaml-empty', message: /File is empty/ },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsc-hostile-'));
  for (const [name, { content }] of Object.entries(hostile)) writeFileSync(join(dir, name), content());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate on hostile input', () => {
  it.each(Object.entries(hostile))(
    '%s: a clear diagnostic from the real bin, no stack trace',
    (name, { rule, message }) => {
      const result = runBin(['validate', name, '--format', 'json'], { cwd: dir });
      expect(result.stderr).toBe('');
      const diagnostics = JSON.parse(result.stdout) as { rule: string; message: string; file: string }[];
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ file: name, rule });
      expect(diagnostics[0]?.message).toMatch(message);
      expect(result.code).toBe(1);
    },
  );

  it('stylish output names the file, line and column and carries no stack trace', async () => {
    const result = await runInProcess(['validate', 'deep-brackets.yaml'], { cwd: dir });
    expect(result.stdout).toMatch(/^deep-brackets\.yaml:1:33 {2}error {2}Brackets are nested more than 32 deep/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
  });
});
