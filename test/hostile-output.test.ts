import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esc } from '../src/formats/report/markdown.js';
import { tempDir } from './helpers/catalogs.js';
import { ROOT, runInProcess } from './helpers/cli.js';

/** Output that hostile text must not bend (reliability review 2026-12: W1, W3, W6, K2, K3, K9). */
const DEMO = join(ROOT, 'fixtures/assessments/xaa-aldoria.yaml');
const demo = readFileSync(DEMO, 'utf8');

describe('W1: user text never changes the structure of the Markdown report', () => {
  it('a bare CR with ~~~ in a note opens no block; every section stays a heading', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'md.yaml'),
      demo.replace(/^ {4}notes: .*$/m, '    notes: "See below.\\r~~~\\rswallowed\\u2028# heading"'),
    );
    const clean = await runInProcess(['report', DEMO, '--format', 'md']);
    const result = await runInProcess(['report', 'md.yaml', '--format', 'md'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = (text: string) => text.split(/\r\n|[\r\n\u2028\u2029\u0085]/);
    expect(lines(result.stdout).filter((l) => /^\s{0,3}(~~~|```)/.test(l))).toEqual([]);
    expect(lines(result.stdout).filter((l) => /^## /.test(l))).toEqual(
      lines(clean.stdout).filter((l) => /^## /.test(l)),
    );
    expect(result.stdout).toContain('See below. \\~\\~\\~ swallowed \\# heading');
  });

  it.each(['a\rb', 'a\u2028b', 'a\u0085b', '`x`', '~~~', '# h', 'a|b', '<b>'])('esc(%j) is one inert line', (text) => {
    const out = esc(text);
    expect(out).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
    expect(out).not.toMatch(/(^|[^\\])[`~#|<]/);
  });
});

describe('W3: JUnit stays well-formed for any message', () => {
  it('drops U+FFFE, U+FFFF and lone surrogates', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'j.yaml'), demo.replace(/^assessor:/m, '"bad\\uFFFFkey\\uFFFE\\uD800": 1\nassessor:'));
    const result = await runInProcess(['validate', 'j.yaml', '--format', 'junit'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('badkey');
    expect(result.stdout).not.toMatch(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('W6, K9: --fail-under', () => {
  it('compares with the score as displayed', async () => {
    const shown = /Overall[^\d\n]*([\d.]+) \/ 100/.exec((await runInProcess(['score', DEMO])).stdout)?.[1];
    expect(shown).toBeDefined();
    const result = await runInProcess(['score', DEMO, '--fail-under', String(shown)]);
    expect(result.code, result.stderr).toBe(0);
    const above = await runInProcess(['score', DEMO, '--fail-under', String(Number(shown) + 0.1)]);
    expect(above.code).toBe(1);
    expect(above.stderr).toContain(`overall score ${shown} is under`);
  });

  it.each(['0x10', '1e2', '  80  ', '+5', '80%'])('%j is a usage error', async (value) => {
    const result = await runInProcess(['score', DEMO, '--fail-under', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fail-under takes a score from 0 to 100');
  });
});

describe('K2, K3: colour and no arguments', () => {
  it('an empty FORCE_COLOR means unset', async () => {
    const result = await runInProcess(['score', DEMO], { env: { FORCE_COLOR: '' } });
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('opsc with no arguments shows the help as a usage error (exit 2)', async () => {
    const result = await runInProcess([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: opsc');
  });
});

describe('U1: a file with bare-CR line endings', () => {
  it('is said to use CR line endings, not to be empty', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cr.yaml'), demo.replace(/\r?\n/g, '\r'));
    const result = await runInProcess(['validate', 'cr.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('CR line endings');
    expect(result.stdout).not.toContain('File is empty');
  });
});
