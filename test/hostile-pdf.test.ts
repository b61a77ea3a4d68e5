import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { readFonts } from '../src/cli/commands/report.js';
import { renderPdf } from '../src/formats/report/pdf.js';
import { buildReport } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { sampleAssessment, sampleCatalog } from './helpers/catalogs.js';
import { flat, readPdf } from './helpers/pdf.js';

/** C1 and K4 (reliability review 2026-12): the PDF always finishes, whatever the text. */
const fonts = readFonts();
const DATE = new Date('2026-03-01T00:00:00Z');

async function render(edit: (a: Assessment) => void) {
  const catalog = sampleCatalog();
  const assessment = sampleAssessment('xab-verenia');
  edit(assessment);
  const model = buildReport(catalog, assessment, scoreAssessment(catalog, assessment), {
    date: '2026-03-01',
    toolVersion: '9.9.9',
    answersDigest: `sha256-${'a'.repeat(64)}`,
    sourceFile: 'test.yaml',
    fictional: true,
  });
  return renderPdf(model, { fonts, creationDate: DATE });
}

const answered = (a: Assessment) =>
  Object.entries(a.answers).filter(([, r]) => r.answer === 'partly' || r.answer === 'no');

describe('C1: text without break opportunities wraps by character', () => {
  it.each([
    [
      'a 2,000-character citation',
      (a: Assessment) => {
        const [id, record] = answered(a)[0] ?? [];
        if (id && record) record.citation = 'X'.repeat(2000);
      },
      'X'.repeat(2000),
    ],
    [
      'a 2,000-character URL-like note',
      (a: Assessment) => {
        const [id, record] = answered(a)[1] ?? [];
        if (id && record) record.notes = `https://example.org/${'a1b2c3'.repeat(330)}`;
      },
      `https://example.org/${'a1b2c3'.repeat(330)}`,
    ],
    [
      'an 8,000-character assessor (cover table)',
      (a: Assessment) => {
        a.assessor = 'M'.repeat(8000);
      },
      'M'.repeat(8000),
    ],
    [
      '2,100 Thai characters without spaces',
      (a: Assessment) => {
        const [id, record] = answered(a)[2] ?? [];
        if (id && record) record.notes = 'ประมวลกฎหมายอาญามาตรา'.repeat(100);
      },
      undefined,
    ],
  ])('%s: the report finishes with every character', { timeout: 120_000 }, async (_, edit, expected) => {
    const { bytes, pages } = await render(edit);
    expect(pages).toBeLessThan(150);
    if (expected) {
      const pdf = await readPdf(bytes);
      expect(flat(pdf.pageText.join('')).replace(/\s/g, '')).toContain(expected);
      expect(pdf.offPage).toEqual([]);
    }
  });

  it('K4: a 4,800-character country name stays on one header line', { timeout: 120_000 }, async () => {
    const { bytes } = await render((a) => {
      a.country.name = `Republic ${'of Very Long Names '.repeat(300)}`;
    });
    const pdf = await readPdf(bytes);
    for (const text of pdf.artifactText.slice(1, 4)) {
      const header = text.split(/page \d+ of/)[0] ?? '';
      expect(header.length).toBeLessThan(200);
      expect(header).toContain('…');
    }
  });
});
