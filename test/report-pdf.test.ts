import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import type { Catalog } from '../src/catalog/model.js';
import { readFonts } from '../src/cli/commands/report.js';
import { renderPdf } from '../src/formats/report/pdf.js';
import { buildReport } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { makeCatalog, sampleAssessment, sampleCatalog } from './helpers/catalogs.js';
import { flat, type PdfFacts, readPdf } from './helpers/pdf.js';

const fonts = readFonts();
const DATE = new Date('2026-03-01T00:00:00Z');

async function render(catalog: Catalog, assessment: Assessment, creationDate = DATE) {
  const model = buildReport(catalog, assessment, scoreAssessment(catalog, assessment), {
    date: creationDate.toISOString().slice(0, 10),
    toolVersion: '9.9.9',
    answersDigest: `sha256-${'a'.repeat(64)}`,
    sourceFile: 'test.yaml',
    fictional: true,
  });
  return renderPdf(model, { fonts, creationDate });
}

describe('PDF report: the sample assessment', () => {
  let bytes: Uint8Array;
  let pdf: PdfFacts;
  const assessment = sampleAssessment('xab-verenia');
  assessment.country.name = 'Côte d’Azuria · Türkland';
  assessment.answers['csam-production'] = { answer: 'partly', citation: 'Strafgesetz § 184b (Ελλάδα, Россия)' };

  beforeAll(async () => {
    const rendered = await render(sampleCatalog(), assessment);
    bytes = rendered.bytes;
    pdf = await readPdf(bytes);
    expect(rendered.pages).toBe(pdf.pages);
  });

  it('sets title, language, PDF/UA identification and marks the file as tagged', () => {
    expect(pdf.info.Title).toBe('OPSC legislative gap report: Côte d’Azuria · Türkland');
    expect(pdf.info.Language).toBe('en');
    expect(pdf.xmp.get('pdfuaid:part')).toBe('1');
    expect(pdf.xmp.get('dc:title')).toBe('OPSC legislative gap report: Côte d’Azuria · Türkland');
    expect(pdf.markInfo?.Marked).toBe(true);
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('embeds its fonts (no unembedded standard font)', () => {
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.match(/\/FontFile2 /g)?.length).toBe(2);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
  });

  it('renders names and citations outside Latin-1', () => {
    const text = flat(pdf.pageText.join(' '));
    expect(text).toContain('Côte d’Azuria · Türkland');
    expect(text).toContain('Strafgesetz § 184b (Ελλάδα, Россия)');
  });

  it('has the sections and chapter headings in the report order', () => {
    expect(pdf.headings.filter((h) => h.role === 'H1').map((h) => h.text)).toEqual([
      'OPSC legislative gap report',
      'Executive summary',
      'Gap table',
      '1. General measures of implementation',
      '2. Prohibition of the offences',
      '3. Jurisdiction and extradition',
      '4. Child victims in legal proceedings',
      'What remains to verify',
      'Methodology',
      'Index of provisions',
    ]);
    const h2 = pdf.headings.filter((h) => h.role === 'H2').map((h) => h.text);
    expect(h2).toContain('Scores by chapter');
    expect(h2).toContain('Priority gaps');
    expect(h2).toContain('The sale of children for sexual exploitation is a crime');
  });

  it('marks the cover as a fictional or training country', () => {
    expect(flat(pdf.pageText[0] ?? '')).toContain(
      'XAB is a user-assigned ISO 3166-1 code: this is a fictional or training country',
    );
  });

  it('has a gap table with header cells, provisions, statuses and recommended actions', () => {
    const page = pdf.pageText.findIndex((t) => t.startsWith('Gap table'));
    expect(page).toBeGreaterThan(0);
    const text = flat(pdf.pageText[page] ?? '');
    for (const header of ['Provision', 'Obligation', 'Status', 'National law cited', 'Recommended action']) {
      expect(text).toContain(header);
    }
    expect(text).toMatch(/art\. 3\(1\)\(a\)\(i\) ?\(a\); art\. 2\(a\)/);
    expect(text).toContain('Not met');
    // An optional treaty measure is never a gap: it is listed below the gap table as "Not used".
    expect(text).toMatch(/Optional treaty measures \(not scored\)/);
    expect(text).toMatch(/Jurisdiction over offences committed abroad by nationals ?Not used/);
    const roles = pdf.roles;
    for (const role of [
      'Table',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Figure',
      'BlockQuote',
    ]) {
      expect(roles).toContain(role);
    }
  });

  it('gives the chart alternative text with every chapter score', () => {
    const figures: { alt?: string }[] = [];
    const walk = (n: { role?: string; alt?: string; children?: unknown[] }) => {
      if (n.role === 'Figure') figures.push(n);
      for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
    };
    for (const tree of pdf.structTrees) walk(tree);
    expect(figures).toHaveLength(1);
    expect(figures[0]?.alt).toMatch(/^Bar chart of chapter scores out of 100: General measures of implementation \d/);
  });

  it('has a bookmark for every section and every chapter', () => {
    expect(pdf.outline.map((o) => o.title)).toEqual([
      'Cover',
      'Executive summary',
      'Gap table',
      'Findings by chapter',
      'What remains to verify',
      'Methodology',
      'Index of provisions',
    ]);
    expect(pdf.outline[3]?.items.map((i) => i.title)).toEqual([
      '1. General measures of implementation',
      '2. Prohibition of the offences',
      '3. Jurisdiction and extradition',
      '4. Child victims in legal proceedings',
    ]);
  });

  it('numbers pages "page N of M" in artifacts, not in the content', () => {
    for (let i = 1; i < pdf.pages; i++) {
      expect(pdf.artifactText[i]).toContain(`page ${i + 1} of ${pdf.pages}`);
      expect(pdf.pageText[i]).not.toContain('page ');
    }
  });

  it('states the formula in the methodology', () => {
    const text = flat(pdf.pageText.join(' '));
    expect(text).toContain('Chapter and overall score = 100 × Σ w(o)·S(o) / Σ w(o)');
  });

  it('keeps all text inside the page', () => {
    expect(pdf.offPage).toEqual([]);
  });

  it('is byte-identical for the same inputs and date, and differs for another date', async () => {
    const again = await render(sampleCatalog(), assessment);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const later = await render(sampleCatalog(), assessment, new Date('2026-03-02T00:00:00Z'));
    expect(Buffer.from(later.bytes).equals(Buffer.from(bytes))).toBe(false);
  });
});

describe('PDF report: a long gap table', () => {
  it('splits between rows, repeats the header row as an artifact and tags the header once', async () => {
    const catalog = makeCatalog(
      Array.from({ length: 45 }, (_, i) => ({
        id: `o${i}`,
        chapter: ['one', 'two', 'three'][i % 3],
        weight: 1 + (i % 5),
        questions: [`q${i}`],
      })),
    );
    const assessment: Assessment = {
      instrument: 'opsc',
      catalog: { version: catalog.instrument.version },
      country: { code: 'XAA', name: 'Republic of Aldoria' },
      answers: Object.fromEntries(
        catalog.obligations.map((o, i) => [
          o.questions[0]?.id,
          { answer: 'no', citation: `Penal Code s. ${i} `.repeat(3) },
        ]),
      ),
    };
    const pdf = await readPdf((await render(catalog, assessment)).bytes);
    const first = pdf.pageText.findIndex((t) => t.startsWith('Gap table'));
    const continued = pdf.pageText.slice(first + 1).findIndex((t) => t.includes('Obligation o'));
    expect(continued).toBe(0);
    // The continuation page repeats the column headers, as an artifact.
    expect(pdf.artifactText[first + 1]).toContain('Recommended action');
    expect(pdf.pageText[first + 1]).not.toContain('Recommended action');
    // Rows are not lost or duplicated across the break.
    const end = pdf.pageText.findIndex((t) => t.startsWith('1. Chapter one'));
    expect(end - first).toBeGreaterThan(2);
    const rows = pdf.pageText.slice(first, end).join(' ');
    for (let i = 0; i < 45; i++) expect(rows.match(new RegExp(`Obligation o${i}\\b`, 'g')), `o${i}`).toHaveLength(1);
    // Header cells in the structure tree: cover 7 (row headers), status of the Protocol 4 (row
    // headers), gap table 5 (once, however many pages it spans), 3 per obligation's answer table,
    // 3 in the index.
    expect(pdf.roles.filter((r) => r === 'TH')).toHaveLength(7 + 4 + 5 + 3 * 45 + 3);
    expect(pdf.offPage).toEqual([]);
  });
});

describe('PDF report: a row taller than a page', () => {
  it('splits the row across pages without losing or clipping text', async () => {
    const catalog = makeCatalog([{ id: 'long', questions: ['q1', 'q2'] }]);
    const words = Array.from({ length: 900 }, (_, i) => `w${i}`);
    const assessment: Assessment = {
      instrument: 'opsc',
      catalog: { version: catalog.instrument.version },
      country: { code: 'XAA', name: 'Republic of Aldoria' },
      answers: { q1: { answer: 'partly', notes: words.join(' ') }, q2: { answer: 'yes', citation: 'Act 1, s. 2' } },
    };
    const pdf = await readPdf((await render(catalog, assessment)).bytes);
    const text = flat(pdf.pageText.join(' '));
    // The notes appear in the answer table (and, as the question is not unknown, nowhere else).
    for (const word of ['w0', 'w1', 'w450', 'w898', 'w899'])
      expect(text.match(new RegExp(`\\b${word}\\b`, 'g'))).toHaveLength(1);
    expect(text).toContain('Act 1, s. 2');
    expect(text).not.toContain('…');
    expect(pdf.offPage).toEqual([]);
    // The row spans pages: pdf.js lists its TR on each page it has content on.
    expect(pdf.pageText.filter((t) => /\bw\d+\b/.test(t)).length).toBeGreaterThan(1);
  });
});
