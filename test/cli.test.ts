import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin, runInProcess, runners } from './helpers/cli.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const MINIMAL = join(ROOT, 'fixtures', 'catalogs', 'minimal');

describe.each(runners)('command line (%s)', (_how, run) => {
  it('prints the version', async () => {
    const result = await run(['--version']);
    expect(result.stdout.trim()).toBe(version);
    expect(result.code).toBe(0);
  });

  it.each([[[]], [['validate']], [['list']], [['assess']], [['template']], [['score']], [['report']]])(
    'help for %j has examples and exits 0',
    async (command) => {
      const result = await run([...command, '--help']);
      expect(result.stdout).toMatch(/Usage: opsc/);
      expect(result.stdout).toMatch(/Examples:\n {2}\$ opsc/);
      expect(result.code).toBe(0);
    },
  );

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['validate', '--format', 'xml'], /argument 'xml' is invalid/],
    [['validate', '--bogus'], /unknown option '--bogus'/],
    [['list', 'extra'], /too many arguments/],
  ])('usage error %j exits 2 with a message', async (argv, message) => {
    const result = await run(argv);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/opsc --help/);
    expect(result.code).toBe(2);
  });

  it('a missing path is an input error (exit 2), not a finding', async () => {
    const result = await run(['validate', 'no/such/file.yaml']);
    expect(result.stderr).toBe('opsc: Cannot read no/such/file.yaml: no such file or folder.\n');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('validates the bundled catalog when given no path', async () => {
    const result = await run(['validate']);
    expect(result.stdout).toMatch(/✔ No problems in \d+ files\.\n$/);
    expect(result.code).toBe(0);
  });
});

describe('opsc list', () => {
  it('gives each question its kind, help and condition in --json, so a client can tell free text from scale', async () => {
    const result = await runInProcess(['list', '--json']);
    const listing = JSON.parse(result.stdout) as {
      obligations: { questions: { id: string; kind: string; help?: string; when?: unknown }[] }[];
    };
    const questions = listing.obligations.flatMap((o) => o.questions);
    expect(questions.every((q) => q.kind === 'scale' || q.kind === 'text')).toBe(true);
    expect(questions.filter((q) => q.help).length).toBeGreaterThan(questions.length / 2);
    expect(questions.some((q) => q.when)).toBe(true);
  });

  it('prints the catalog as JSON in the documented shape', async () => {
    const result = await runInProcess(['list', '--catalog', MINIMAL, '--json']);
    const listing = JSON.parse(result.stdout);
    expect(listing.instrument).toMatchObject({ id: 'demo', version: '1.0.0' });
    expect(listing.instrument.digest).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(listing.chapters.map((c: { id: string }) => c.id)).toEqual(['offences', 'procedure']);
    expect(listing.obligations[0]).toEqual({
      id: 'offence-exists',
      title: 'The practice is an offence',
      chapter: 'offences',
      strength: 'mandatory',
      provisions: ['1', '3.1'],
      questions: [
        { id: 'offence-defined', kind: 'scale', text: 'Does the criminal law define the practice as an offence?' },
        {
          id: 'offence-penalty',
          kind: 'scale',
          text: 'Is the offence punishable by imprisonment?',
          when: { question: 'offence-defined', in: ['yes', 'partly'] },
        },
        { id: 'offence-date', kind: 'text', text: 'When did the offence enter into force?' },
      ],
    });
  });

  it('prints a table grouped by chapter', async () => {
    const result = await runInProcess(['list', '--catalog', MINIMAL]);
    expect(result.stdout).toMatch(/^DPPE — Demonstration Protocol/);
    expect(result.stdout).toMatch(
      /1\. Offences[\s\S]*offence-exists +1, 3\.1 +mandatory +3 +The practice is an offence/,
    );
    expect(result.stdout).toMatch(/2\. Procedure[\s\S]*jurisdiction +3\.2 +discretionary/);
  });

  it('refuses a broken catalog with its diagnostics and exit 2', async () => {
    const broken = join(ROOT, 'fixtures', 'invalid', 'duplicate-chapter-id', 'catalog');
    const result = await runInProcess(['list', '--catalog', broken]);
    expect(result.stderr).toMatch(/instrument\.yaml:14:9 {2}error {2}Chapter id "offences" is used more than once/);
    expect(result.stderr).toMatch(/has errors \(above\)/);
    expect(result.code).toBe(2);
  });
});

describe('colour', () => {
  const invalid = join(ROOT, 'fixtures', 'invalid', 'unknown-chapter');
  const argv = ['validate', 'obligations.yaml', '--catalog', '../../catalogs/minimal'];
  const ESC = '\u001b[';

  it('is on for a terminal', async () => {
    expect((await runInProcess(argv, { cwd: invalid, tty: true })).stdout).toContain(ESC);
  });
  it.each([
    ['NO_COLOR', { tty: true, env: { NO_COLOR: '1' } }, []],
    ['--no-color', { tty: true }, ['--no-color']],
    ['a pipe', { tty: false }, []],
    ['machine formats', { tty: true }, ['--format', 'json']],
  ])('is off for %s', async (_why, options, extra) => {
    const result = await runInProcess([...argv, ...(extra as string[])], { cwd: invalid, ...options });
    expect(result.stdout).not.toContain(ESC);
    expect(result.code).toBe(1);
  });

  it('the real bin writes no colour into a pipe', () => {
    expect(runBin(argv, { cwd: invalid }).stdout).not.toContain(ESC);
  });
});

describe('a reader that stops early', () => {
  it('closing the pipe (opsc … | head) ends the program quietly', () => {
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" bin/opsc.js report fixtures/assessments/xaa-aldoria.yaml --format json | head -c 10`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stdout).toBe('{\n  "title');
    expect(result.stderr).toBe('');
  });
});
