import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules.js';
import { ROOT, runners } from './helpers/cli.js';

interface Expected {
  args: string[];
  exitCode: number;
  diagnostics: { file: string; line: number; column: number; severity: string; rule: string }[];
}

const FIXTURES = join(ROOT, 'fixtures', 'invalid');
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    name: entry.name,
    dir: join(FIXTURES, entry.name),
    expected: JSON.parse(readFileSync(join(FIXTURES, entry.name, 'expected.json'), 'utf8')) as Expected,
  }));

describe.each(runners)('validate on broken fixtures (%s)', (_how, run) => {
  it.each(cases)('$name', async ({ dir, expected }) => {
    const result = await run([...expected.args, '--format', 'json'], { cwd: dir });
    expect(result.stderr).toBe('');
    const found = JSON.parse(result.stdout) as Expected['diagnostics'] & { message: string }[];
    expect(found.map(({ file, line, column, severity, rule }) => ({ file, line, column, severity, rule }))).toEqual(
      expected.diagnostics,
    );
    for (const diagnostic of found) expect(diagnostic.message).toMatch(/\w.*[.?]$/);
    expect(result.code).toBe(expected.exitCode);
  });
});

describe('fixture coverage', () => {
  it('has a broken fixture for every rule that is not about file size or binary content', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.diagnostics.map((d) => d.rule)));
    const generatedInTests = ['file-too-large', 'not-text'];
    const missing = Object.keys(RULES).filter((rule) => !covered.has(rule) && !generatedInTests.includes(rule));
    expect(missing).toEqual([]);
  });
});
