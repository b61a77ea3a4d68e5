import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { isUserAssignedCode } from '../../assessment/countries.js';
import type { Assessment } from '../../assessment/model.js';
import { reportCsv } from '../../formats/report/csv.js';
import type { ReportFormat } from '../../formats/report/formats.js';
import { reportJson } from '../../formats/report/json.js';
import { reportMarkdown } from '../../formats/report/markdown.js';
import { coverage, type FallbackScript } from '../../formats/report/pdf/scripts.js';
import type { ReportFonts } from '../../formats/report/pdf.js';
import { buildReport, type ReportExtras } from '../../report/model.js';
import { scoreAssessment } from '../../scoring/model.js';
import { loadAssessmentOrFail, loadCatalogOrFail, loadObservationsOrFail, migratedInMemory } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { displayPath, isStdout, outputPath, packageVersion, reason, writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';

export interface ReportOptions {
  catalog?: string;
  format: ReportFormat;
  output?: string;
  date?: string;
  baseline?: string;
  observations?: string;
  color: boolean;
}

export async function runReport(file: string, options: ReportOptions, io: Io): Promise<number> {
  const when = reportDate(options.date, io.env);
  const loaded = loadCatalogOrFail(io, options.catalog);
  // The digest is of the bytes that were scored, so a printed report traces to exactly them.
  const given = loadAssessmentOrFail(io, file, loaded, { olderCatalogExpected: 'migrate' });
  const { path, bytes: answers } = given;
  const assessment = migratedInMemory(io, loaded, given.assessment, path);
  const score = scoreAssessment(loaded.catalog, assessment);
  const extras: ReportExtras = {};
  const inputs = [path];
  if (options.baseline !== undefined) {
    const before = loadAssessmentOrFail(io, options.baseline, loaded, { olderCatalogExpected: true });
    if (before.assessment.country.code !== assessment.country.code) {
      throw new CliError(
        `--baseline ${options.baseline} is about ${before.assessment.country.code}, not ${assessment.country.code}; a baseline is an earlier assessment of the same country.`,
      );
    }
    extras.baseline = { assessment: before.assessment, file: basename(before.path) };
    inputs.push(before.path);
  }
  if (options.observations !== undefined) {
    const observations = loadObservationsOrFail(io, options.observations, loaded);
    if (observations.observations.country && observations.observations.country.code !== assessment.country.code) {
      throw new CliError(
        `--observations ${options.observations} is addressed to ${observations.observations.country.code}, not ${assessment.country.code}.`,
      );
    }
    extras.recommendations = observations.observations.recommendations;
    inputs.push(observations.path);
  }
  const model = buildReport(
    loaded.catalog,
    assessment,
    score,
    {
      date: when.date,
      toolVersion: packageVersion(),
      answersDigest: `sha256-${createHash('sha256').update(answers).digest('hex')}`,
      sourceFile: basename(path),
      fictional: isUserAssignedCode(assessment.country.code),
    },
    extras,
  );

  if (options.format !== 'pdf') {
    const text =
      options.format === 'md'
        ? reportMarkdown(model)
        : options.format === 'json'
          ? reportJson(model)
          : reportCsv(model);
    if (isStdout(options.output)) io.stdout.write(text);
    else writeFileAtomic(outputPath(options.output ?? '', io.cwd, inputs), text);
    return EXIT.ok;
  }

  if (options.output === '-') throw new CliError('A PDF is not written to standard output; name a file with --output.');
  const target = outputPath(options.output ?? defaultPdfName(path), io.cwd, inputs);
  // pdfkit costs ~150 ms to import, so only the PDF path pays for it.
  const { renderPdf } = await import('../../formats/report/pdf.js');
  let rendered: { bytes: Uint8Array; pages: number };
  try {
    const { scripts, warnings } = scriptCheck(assessment);
    for (const warning of warnings.slice(0, MAX_FONT_WARNINGS)) io.stderr.write(`opsc: warning: ${warning}\n`);
    if (warnings.length > MAX_FONT_WARNINGS) {
      io.stderr.write(`opsc: warning: … and ${warnings.length - MAX_FONT_WARNINGS} more texts with such characters.\n`);
    }
    rendered = await renderPdf(model, { fonts: readFonts(scripts), creationDate: when.instant });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `Cannot write the PDF: ${error instanceof Error ? error.message : String(error)} Nothing was written.`,
    );
  }
  const { bytes, pages } = rendered;
  writeFileAtomic(target, bytes);
  io.stderr.write(`Wrote ${displayPath(target, io.cwd)} (${pages} pages).\n`);
  return EXIT.ok;
}

/** "fixtures/assessments/xaa-aldoria.yaml" → "xaa-aldoria-gap-report.pdf" in the working directory. */
export function defaultPdfName(assessmentPath: string): string {
  return `${basename(assessmentPath, extname(assessmentPath))}-gap-report.pdf`;
}

/**
 * The report date and the PDF's CreationDate: --date wins, then SOURCE_DATE_EPOCH (reproducible
 * builds), then today. A fixed date gives a byte-identical PDF.
 */
export function reportDate(option: string | undefined, env: Io['env']): { date: string; instant: Date } {
  if (option !== undefined) {
    const instant = new Date(`${option}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(option) ||
      Number.isNaN(instant.getTime()) ||
      instant.toISOString().slice(0, 10) !== option
    ) {
      throw new CliError(`--date takes a date as YYYY-MM-DD, not "${option}".`);
    }
    if (option < '1970-01-01')
      throw new CliError(`--date must be a day from 1970-01-01 to 9999-12-31, not "${option}".`);
    return { date: option, instant };
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    // Whole seconds from 1970 up to the last second of 9999: a PDF date has four year digits.
    if (!/^\d{1,12}$/.test(epoch) || Number(epoch) > LAST_EPOCH_SECOND) {
      throw new CliError(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970 up to ${LAST_EPOCH_SECOND} (9999-12-31), not "${epoch}".`,
      );
    }
    const instant = new Date(Number(epoch) * 1000);
    return { date: instant.toISOString().slice(0, 10), instant };
  }
  const now = new Date();
  return { date: now.toISOString().slice(0, 10), instant: now };
}

const MAX_FONT_WARNINGS = 10;

const LAST_EPOCH_SECOND = 253402300799;

/** The npm package and file prefix of each added script font. */
const SCRIPT_FONTS: Record<FallbackScript, [string, string]> = {
  thai: ['@expo-google-fonts/noto-sans-thai', 'NotoSansThai'],
  arabic: ['@expo-google-fonts/noto-sans-arabic', 'NotoSansArabic'],
  hebrew: ['@expo-google-fonts/noto-sans-hebrew', 'NotoSansHebrew'],
  cjk: ['@expo-google-fonts/noto-sans-sc', 'NotoSansSC'],
};

/**
 * Noto Sans from its npm package: whole TTFs covering Latin, Greek, Cyrillic and Devanagari
 * ("Côte d'Ivoire", "§"); plus, read only when asked for, the Noto font of each script given.
 */
export function readFonts(scripts: Iterable<FallbackScript> = []): ReportFonts {
  const require = createRequire(import.meta.url);
  const family = (pkg: string, prefix: string) => {
    let root: string;
    try {
      root = dirname(require.resolve(`${pkg}/package.json`));
    } catch (error) {
      throw new CliError(`Cannot find the report font package ${pkg}: ${reason(error)}. Run "npm install".`);
    }
    const read = (folder: string) => {
      const path = join(root, folder, `${prefix}_${folder}.ttf`);
      try {
        return new Uint8Array(readFileSync(path));
      } catch (error) {
        throw new CliError(`Cannot read the report font ${path}: ${reason(error)}.`);
      }
    };
    return { regular: read('400Regular'), bold: read('700Bold') };
  };
  const fonts: ReportFonts = family('@expo-google-fonts/noto-sans', 'NotoSans');
  for (const script of scripts) {
    const [pkg, prefix] = SCRIPT_FONTS[script];
    fonts.scripts = { ...fonts.scripts, [script]: family(pkg, prefix) };
  }
  return fonts;
}

/**
 * W2: the texts of the assessment that reach the PDF, checked against its fonts. Returns the
 * scripts to load and one warning per field whose characters no font can draw.
 */
export function scriptCheck(assessment: Assessment): { scripts: Set<FallbackScript>; warnings: string[] } {
  const scripts = new Set<FallbackScript>();
  const warnings: string[] = [];
  let rtl = false;
  const check = (field: string, text: string | null | undefined) => {
    if (!text) return;
    const { font, missing } = coverage(text);
    if (font) scripts.add(font);
    if (font === 'arabic' || font === 'hebrew') rtl = true;
    if (missing.length > 0) {
      warnings.push(
        `${field}: the PDF fonts have no ${missing.join(', ')} characters; they show as empty boxes. (One text is drawn in one added script font.)`,
      );
    }
  };
  check('country.name', assessment.country.name);
  check('assessor', assessment.assessor);
  for (const [id, record] of Object.entries(assessment.answers)) {
    check(`answers.${id}.citation`, record.citation);
    check(`answers.${id}.notes`, record.notes);
    check(`answers.${id}.text`, record.text);
  }
  if (rtl) {
    warnings.push(
      'Arabic and Hebrew text is drawn left to right: the PDF renderer has no right-to-left (bidi) layout. The text layer keeps the logical order, so search and copy work.',
    );
  }
  return { scripts, warnings };
}
