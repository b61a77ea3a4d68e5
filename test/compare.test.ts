import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { buildComparison, type CompareEntry, STATUS_SYMBOLS } from '../src/compare/model.js';
import { compareCsv } from '../src/formats/compare/csv.js';
import { compareJson } from '../src/formats/compare/json.js';
import { compareMarkdown } from '../src/formats/compare/markdown.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { makeCatalog, tempDir } from './helpers/catalogs.js';
import { ROOT, runBin, runInProcess } from './helpers/cli.js';
import { flat, readPdf } from './helpers/pdf.js';

// Three obligations over two chapters; "constructor" is an ordinary id.
const catalog = makeCatalog(
  [
    { id: 'crime', chapter: 'one', weight: 3, questions: ['c1', 'c2'] },
    { id: 'constructor', chapter: 'two', weight: 1, questions: ['k1'] },
    { id: 'extra', chapter: 'two', strength: 'recommended', questions: ['e1'] },
  ],
  ['one', 'two'],
);

function entry(
  code: string,
  map: Record<string, 'yes' | 'partly' | 'no' | 'unknown' | null>,
  extra: Partial<Assessment> = {},
): CompareEntry {
  const assessment: Assessment = {
    instrument: 'opsc',
    catalog: { version: '0.0.0-test' },
    country: { code, name: `Country ${code}` },
    answers: Object.fromEntries(Object.entries(map).map(([id, answer]) => [id, { answer }])),
    ...extra,
  };
  return {
    file: `${code.toLowerCase()}.yaml`,
    assessment,
    score: scoreAssessment(catalog, assessment),
    fictional: true,
  };
}

const options = { date: '2026-12-01', toolVersion: 'test', all: false };

describe('the comparison model', () => {
  const model = buildComparison(
    catalog,
    [
      entry('XAB', { c1: 'yes', c2: 'no', k1: 'no', e1: 'yes' }),
      entry('XAA', { c1: 'yes', c2: 'yes', k1: 'yes', e1: 'no' }),
      entry('XAC', { c1: 'yes', c2: 'no', k1: 'no', e1: null }),
      entry('XAD', { c1: 'partly', c2: null, k1: null, e1: null }),
    ],
    options,
  );

  it('ranks by overall score; equal displayed scores share a rank; incomplete ones are provisional', () => {
    // XAA 100; XAB and XAC: crime 0.5×3 + constructor 0×1 → 37.5; XAD: crime 0.5 (one of two answered) → 50.
    expect(model.countries.map((c) => [c.code, c.rank, c.overall])).toEqual([
      ['XAA', 1, 100],
      ['XAD', 2, 50],
      ['XAB', 3, 37.5],
      ['XAC', 3, 37.5],
    ]);
    expect(model.countries.map((c) => c.provisional)).toEqual([false, true, false, false]);
    expect(model.countries[1]?.completeness).toBeCloseTo(1 / 3);
  });

  it('gives chapter scores and statuses aligned with chapters and obligations', () => {
    const xab = model.countries.find((c) => c.code === 'XAB');
    expect(xab?.chapterScores).toEqual([50, 0]);
    expect(xab?.statuses).toEqual(['partial', 'unmet', 'met']);
    expect(model.countries.find((c) => c.code === 'XAD')?.statuses).toEqual(['partial', 'unanswered', 'unanswered']);
  });

  it('counts, per obligation, the countries in each status', () => {
    const byId = new Map(model.obligations.map((o) => [o.id, o.counts]));
    expect(byId.get('crime')).toMatchObject({ met: 1, partial: 3, unmet: 0 });
    expect(byId.get('constructor')).toMatchObject({ met: 1, unmet: 2, unanswered: 1 });
    expect(byId.get('extra')).toMatchObject({ met: 1, unmet: 1, unanswered: 2 });
  });

  it('lists main gaps: treaty obligations only, not met before partly met, heavier first', () => {
    expect(model.countries.find((c) => c.code === 'XAB')?.gaps.map((g) => [g.id, g.status])).toEqual([
      ['constructor', 'unmet'],
      ['crime', 'partial'],
    ]);
    expect(model.countries.find((c) => c.code === 'XAA')?.gaps).toEqual([]);
  });

  it('uses the latest of two assessments of one country and flags it; --all keeps both', () => {
    const old = { ...entry('XAA', { c1: 'no', c2: 'no', k1: 'no' }, { updated: '2020-01-01' }), file: 'xaa-2020.yaml' };
    const recent = {
      ...entry('XAA', { c1: 'yes', c2: 'yes', k1: 'yes' }, { updated: '2026-01-01' }),
      file: 'xaa-2026.yaml',
    };
    const latest = buildComparison(catalog, [old, recent], options);
    expect(latest.countries.map((c) => c.file)).toEqual(['xaa-2026.yaml']);
    expect(latest.duplicates).toEqual([
      { code: 'XAA', files: ['xaa-2026.yaml', 'xaa-2020.yaml'], used: 'xaa-2026.yaml' },
    ]);
    expect(latest.countries[0]?.duplicate).toBe(true);
    const all = buildComparison(catalog, [old, recent], { ...options, all: true });
    expect(all.countries.map((c) => c.file)).toEqual(['xaa-2026.yaml', 'xaa-2020.yaml']);
    expect(all.duplicates[0]?.used).toBeNull();
  });

  it('renders every table in Markdown with a legend, and escapes file content', () => {
    const hostile = buildComparison(
      catalog,
      [entry('XAA', { c1: 'yes' }, { country: { code: 'XAA', name: 'A | *B* <x>' } })],
      options,
    );
    const md = compareMarkdown(hostile);
    expect(md).toContain('A \\| \\*B\\* \\<x\\> (XAA) \\[fictional\\]');
    expect(compareMarkdown(model)).toMatch(/## Obligations by country\n\nLegend: M met, P partly met, N not met/);
    expect(compareMarkdown(model)).toContain(
      `| Obligation constructor (constructor) | ${STATUS_SYMBOLS.met} | ${STATUS_SYMBOLS.unanswered} | N | N |`,
    );
  });

  it('writes CSV in long form (country × obligation) and JSON keyed by id, "constructor" included', () => {
    const csv = compareCsv(model).split('\r\n');
    expect(csv[0]).toBe(
      'rank,country_code,country,fictional,overall_score,provisional,completeness,obligation_id,obligation,chapter,strength,status',
    );
    expect(csv).toHaveLength(1 + 4 * 3 + 1);
    expect(csv).toContain('3,XAB,Country XAB,true,37.5,false,1,constructor,Obligation constructor,two,mandatory,unmet');
    const json = JSON.parse(compareJson(model));
    expect(json.countries[0].obligations.constructor).toBe('met');
    expect(json.countries[0].chapters).toEqual({ one: 100, two: 100 });
  });
});

describe('opsc compare', () => {
  const countries = join(ROOT, 'fixtures', 'countries');

  it('has demo countries made with the current catalog (else run "npm run demo:countries")', async () => {
    const files = readdirSync(countries).map((n) => join(countries, n));
    const result = await runInProcess(['validate', ...files]);
    expect(result.stdout).toMatch(/^✔ No problems in \d+ files/);
  });

  it('compares the demo countries: Markdown on standard output, every country ranked', async () => {
    const result = await runInProcess(['compare', countries, '--date', '2026-12-01']);
    expect(result.code).toBe(0);
    const rows = result.stdout.split('\n').filter((l) => /^\| \d+ \| /.test(l));
    expect(rows).toHaveLength(12);
    expect(result.stdout).toContain('(provisional)');
  });

  it('goes on past a bad file, reports it and exits 1; refuses a PDF on standard output', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), readFileSync(join(countries, 'xac-belmora.yaml')));
    writeFileSync(join(dir, 'b.yaml'), 'instrument: opsc\ncountry: [\n');
    const result = runBin(['compare', dir, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).countries).toHaveLength(1);
    expect(result.stderr).toMatch(/b\.yaml.*left out/s);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    const pdf = await runInProcess(['compare', dir, '--format', 'pdf']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('name a file with --output');
  });

  it('compares an assessment made with another catalog version after migrating it, and says so', async () => {
    const dir = tempDir();
    const text = readFileSync(join(countries, 'xad-castavia.yaml'), 'utf8').replace(
      /^ {2}version: .*$/m,
      '  version: 0.9.0',
    );
    writeFileSync(join(dir, 'old.yaml'), text);
    const result = await runInProcess(['compare', dir, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('made with catalog 0.9.0; they are compared as migrated');
    expect(JSON.parse(result.stdout).countries[0].migratedFrom).toBe('0.9.0');
  });

  it('writes a tagged PDF whose heat map reads back as letters, with the country codes', async () => {
    const out = join(tempDir(), 'comparison.pdf');
    const result = await runInProcess(['compare', countries, '-o', out, '--date', '2026-12-01']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Wrote');
    const pdf = await readPdf(new Uint8Array(readFileSync(out)));
    const text = flat(pdf.pageText.join(' '));
    expect(pdf.headings.map((h) => h.text)).toEqual(
      expect.arrayContaining(['Ranking by overall score', 'Obligations by country', 'Main gaps by country']),
    );
    expect(text).toContain('Each cell is a letter in its status colour: M met, P partly met, N not met');
    // The first heat-map row: the obligation title then one letter per country, in ranking order.
    expect(text).toMatch(/Three practices prohibited in national law( [MPNU–·]){12} /);
    expect(pdf.roles).toContain('Table');
    expect(pdf.offPage).toEqual([]);
  });

  it('paginates 196 countries cleanly (heat map in slices, every country in the ranking)', async () => {
    const dir = join(tempDir(), 'many');
    mkdirSync(dir);
    const generated = runNode(['scripts/demo-countries.mjs', '--count', '196', '--out', dir]);
    expect(generated).toContain('wrote 196 assessments');
    const out = join(tempDir(), 'many.pdf');
    const result = await runInProcess(['compare', dir, '-o', out, '--date', '2026-12-01']);
    expect(result.code).toBe(0);
    const pdf = await readPdf(new Uint8Array(readFileSync(out)));
    expect(pdf.headings.filter((h) => /^Countries \d+–\d+ of 196$/.test(h.text))).toHaveLength(17);
    expect(pdf.offPage).toEqual([]);
  }, 120_000);

  it('writes a workbook with ranking, chapters, heat map and counts', async () => {
    const out = join(tempDir(), 'comparison.xlsx');
    const result = await runInProcess(['compare', countries, '-o', out]);
    expect(result.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ranking', 'Chapters', 'Heat map', 'Obligations']);
    expect(book.getWorksheet('Ranking')?.rowCount).toBe(13);
    const heat = book.getWorksheet('Heat map');
    expect(['M', 'P', 'N', 'U', '–', '·']).toContain(heat?.getCell('B2').value);
    expect(heat?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
}
