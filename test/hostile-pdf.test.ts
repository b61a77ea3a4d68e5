import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { readFonts, scriptCheck } from '../src/cli/commands/report.js';
import { renderPdf } from '../src/formats/report/pdf.js';
import { buildReport } from '../src/report/model.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { sampleAssessment, sampleCatalog } from './helpers/catalogs.js';
import { flat, readPdf } from './helpers/pdf.js';

/** C1 and K4 (reliability review 2026-12): the PDF always finishes, whatever the text. */
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
  return renderPdf(model, { fonts: readFonts(scriptCheck(assessment).scripts), creationDate: DATE });
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

describe('W2: scripts the embedded font lacks', () => {
  it('Thai, Arabic, Hebrew and Chinese are drawn in an added Noto font; the text layer keeps them', {
    timeout: 120_000,
  }, async () => {
    const texts = {
      thai: 'ประมวลกฎหมายอาญามาตรา 282',
      arabic: 'قانون العقوبات المادة 291',
      hebrew: 'חוק העונשין סעיף 203',
      cjk: '刑法第百七十五条',
    };
    const { bytes } = await render((a) => {
      const rows = answered(a);
      Object.values(texts).forEach((text, i) => {
        const record = rows[i]?.[1];
        if (record) {
          record.citation = text;
          delete record.notes;
        }
      });
    });
    const raw = Buffer.from(bytes).toString('latin1');
    for (const font of ['NotoSansThai', 'NotoSansArabic', 'NotoSansHebrew', 'NotoSansSC']) expect(raw).toContain(font);
    const text = flat((await readPdf(bytes)).pageText.join(' '));
    expect(text).toContain('ประมวลกฎหมายอาญามาตรา');
    expect(text).toContain('刑法第百七十五条');
  });

  it('characters no font has are reported, naming the field and the script; RTL is said plainly', () => {
    const assessment = sampleAssessment('xab-verenia');
    assessment.country.name = 'Korea 대한민국';
    assessment.assessor = 'Office 😀';
    const [id, record] = answered(assessment)[0] ?? [];
    if (record) record.notes = 'חוק העונשין';
    const { scripts, warnings } = scriptCheck(assessment);
    expect([...scripts]).toEqual(['hebrew']);
    expect(warnings).toEqual([
      expect.stringMatching(/^country\.name: the PDF fonts have no Hangul characters/),
      expect.stringMatching(/^assessor: the PDF fonts have no emoji characters/),
      expect.stringMatching(/drawn left to right: the PDF renderer has no right-to-left \(bidi\) layout/),
    ]);
    expect(id).toBeDefined();
  });

  it('a report in Latin script loads no added font', () => {
    expect(scriptCheck(sampleAssessment('xab-verenia')).scripts.size).toBe(0);
  });
});
