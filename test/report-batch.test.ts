import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/catalogs.js';
import { ROOT, runBin } from './helpers/cli.js';
import { KEY, Terminal } from './helpers/pty.js';

const countries = join(ROOT, 'fixtures', 'countries');

/** A folder with `n` of the demo countries' assessments. */
function someCountries(n: number): string {
  const dir = tempDir('opsc-batch-');
  for (const name of readdirSync(countries).slice(0, n)) copyFileSync(join(countries, name), join(dir, name));
  return dir;
}

describe('opsc report DIR --output-dir OUT', () => {
  it('writes one report per assessment, goes on past a bad file and reports it at the end (exit 1)', () => {
    const dir = someCountries(3);
    writeFileSync(join(dir, 'broken.yaml'), 'instrument: opsc\nanswers: [\n');
    const out = join(tempDir(), 'reports');
    const result = runBin(['report', dir, '--output-dir', out, '--format', 'md', '--jobs', '2']);
    expect(result.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(
      readdirSync(countries)
        .slice(0, 3)
        .map((n) => n.replace('.yaml', '-gap-report.md'))
        .sort(),
    );
    expect(readFileSync(join(out, readdirSync(out)[0] ?? ''), 'utf8')).toMatch(/^# .*gap report/);
    expect(result.stderr).toMatch(/\[\d\/4\] FAILED .*broken\.yaml/);
    expect(result.stderr).toContain('Wrote 3 of 4 reports');
    expect(result.stderr).toMatch(/1 file\(s\) could not be reported:\n\n.*broken\.yaml:\n.*broken\.yaml:\d+:\d+/s);
  });

  it('never replaces existing reports without --force, and says so before doing any work', () => {
    const dir = someCountries(2);
    const out = tempDir();
    const first = readdirSync(dir)[0]?.replace('.yaml', '-gap-report.md') ?? '';
    writeFileSync(join(out, first), 'my edited report');
    const refused = runBin(['report', dir, '--output-dir', out, '--format', 'md']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('1 report(s) already exist');
    expect(readdirSync(out)).toEqual([first]);
    expect(readFileSync(join(out, first), 'utf8')).toBe('my edited report');
    const forced = runBin(['report', dir, '--output-dir', out, '--format', 'md', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, first), 'utf8')).not.toBe('my edited report');
  });

  it('asks for --output-dir when given several files, and refuses -o with it', () => {
    const dir = someCountries(2);
    const [a = '', b = ''] = readdirSync(dir).map((n) => join(dir, n));
    expect(runBin(['report', a, b]).stderr).toContain('Several assessments need --output-dir');
    expect(runBin(['report', a, b, '--output-dir', tempDir(), '-o', 'x.pdf']).code).toBe(2);
  });

  it('stops on Ctrl-C in a terminal: exit 130, finished PDFs kept whole, no half-written file', async () => {
    const dir = someCountries(12);
    const out = join(tempDir(), 'reports');
    const term = new Terminal(['report', dir, '--output-dir', out, '--jobs', '2'], ROOT);
    try {
      await term.waitFor('Reports', 60_000);
      await term.waitFor('/12', 60_000);
      // Wait for the first report to land, then interrupt while others are being rendered.
      for (let i = 0; i < 600 && readdirSync(out).filter((n) => n.endsWith('.pdf')).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      term.write(KEY.ctrlC);
      const { exitCode } = await term.exited;
      expect(exitCode).toBe(130);
      expect(term.text).toMatch(/Stopped: \d+ of 12 reports were written and kept/);
      const files = readdirSync(out);
      expect(files.filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(files.length).toBeGreaterThan(0);
      expect(files.length).toBeLessThan(12);
      for (const name of files) {
        const bytes = readFileSync(join(out, name));
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(bytes.subarray(-6).toString()).toContain('%%EOF');
      }
    } finally {
      term.kill();
    }
  }, 180_000);
});
