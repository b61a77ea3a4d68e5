import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBin, runners } from './helpers/cli.js';

const SAMPLE = ['--catalog', join(ROOT, 'fixtures/catalogs/sample')];
const VERENIA = join(ROOT, 'fixtures/sample-assessments/xab-verenia.yaml');

describe.each(runners)('opsc report (%s)', (_name, run) => {
  it('writes the PDF beside the working directory under a name derived from the assessment', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'opsc-report-'));
    const result = await run(['report', VERENIA, ...SAMPLE, '--date', '2026-03-01'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Wrote xab-verenia-gap-report\.pdf \(\d+ pages\)\.\n$/);
    const bytes = readFileSync(join(cwd, 'xab-verenia-gap-report.pdf'));
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('prints Markdown, JSON and CSV to standard output, or writes them with --output', async () => {
    const md = await run(['report', VERENIA, ...SAMPLE, '--format', 'md', '--date', '2026-03-01']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# OPSC legislative gap report: Commonwealth of Verenia \(XAB\)/);
    const json = await run(['report', VERENIA, ...SAMPLE, '--format', 'json', '--date', '2026-03-01']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      reportDate: '2026-03-01',
      country: { code: 'XAB', fictional: true },
    });
    const cwd = mkdtempSync(join(tmpdir(), 'opsc-report-'));
    const csv = await run(['report', VERENIA, ...SAMPLE, '--format', 'csv', '-o', 'gaps.csv'], { cwd });
    expect(csv.code).toBe(0);
    expect(readFileSync(join(cwd, 'gaps.csv'), 'utf8')).toMatch(/^chapter,obligation_id,/);
  });

  it('exits 2 on a bad date, an unknown format or a PDF to standard output', async () => {
    const date = await run(['report', VERENIA, ...SAMPLE, '--date', '2026-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--date takes a date as YYYY-MM-DD');
    expect((await run(['report', VERENIA, ...SAMPLE, '--format', 'docx'])).code).toBe(2);
    const stdout = await run(['report', VERENIA, ...SAMPLE, '-o', '-']);
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain('not written to standard output');
    const epoch = await run(['report', VERENIA, ...SAMPLE, '--format', 'md'], { env: { SOURCE_DATE_EPOCH: 'soon' } });
    expect(epoch.code).toBe(2);
  });
});

describe.each(runners)('reports never replace what they read (%s)', (_name, run) => {
  it.each([
    [
      'the assessment itself',
      () => ['report', 'a.yaml', ...SAMPLE, '-o', 'a.yaml', '--format', 'md'],
      /a file this command reads/,
    ],
    [
      'the assessment as a PDF',
      (dir: string) => ['report', 'a.yaml', ...SAMPLE, '-o', join(dir, 'a.yaml')],
      /a file this command reads/,
    ],
    ['another assessment', () => ['report', 'a.yaml', ...SAMPLE, '-o', 'b.yaml'], /existing YAML file/],
    [
      'validate output over its input',
      () => ['validate', 'a.yaml', ...SAMPLE, '--format', 'json', '-o', 'a.yaml'],
      /a file this command reads/,
    ],
  ])('refuses --output onto %s: exit 2, files unchanged', async (_what, argv, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'opsc-overwrite-'));
    const original = readFileSync(VERENIA);
    writeFileSync(join(cwd, 'a.yaml'), original);
    writeFileSync(join(cwd, 'b.yaml'), original);
    const result = await run(argv(cwd), { cwd });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(readFileSync(join(cwd, 'a.yaml')).equals(original)).toBe(true);
    expect(readFileSync(join(cwd, 'b.yaml')).equals(original)).toBe(true);
  });
});

describe('opsc report: reproducible output', () => {
  it('gives byte-identical PDFs for the same --date or SOURCE_DATE_EPOCH', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'opsc-repro-'));
    const make = (name: string, args: string[], env: Record<string, string> = {}) => {
      const result = runBin(['report', VERENIA, ...SAMPLE, '-o', name, ...args], { cwd, env });
      expect(result.code).toBe(0);
      return readFileSync(join(cwd, name));
    };
    const a = make('a.pdf', ['--date', '2026-03-01']);
    const b = make('b.pdf', ['--date', '2026-03-01']);
    expect(a.equals(b)).toBe(true);
    const c = make('c.pdf', [], { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 1) / 1000) });
    expect(c.equals(a)).toBe(true);
    expect(existsSync(join(cwd, 'xab-verenia-gap-report.pdf'))).toBe(false);
  });
});
