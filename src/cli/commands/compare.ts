import { extname } from 'node:path';
import { isUserAssignedCode } from '../../assessment/countries.js';
import { buildComparison, type CompareEntry, type ComparisonModel } from '../../compare/model.js';
import { BINARY_COMPARE_FORMATS, COMPARE_FORMATS, type CompareFormat } from '../../formats/compare/formats.js';
import { stylish } from '../../formats/diagnostics/stylish.js';
import { scoreAssessment } from '../../scoring/model.js';
import { collectAssessmentFiles, loadSetMember } from '../assessment-set.js';
import { loadCatalogOrFail } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { displayPath, outputPath, packageVersion, writeFileAtomic } from '../files.js';
import type { Io } from '../io.js';
import { readFonts, reportDate } from './report.js';

export interface CompareOptions {
  catalog?: string;
  format?: CompareFormat;
  output?: string;
  date?: string;
  all?: boolean;
}

export async function runCompare(inputs: string[], options: CompareOptions, io: Io): Promise<number> {
  const format = options.format ?? formatFromName(options.output) ?? 'md';
  if (BINARY_COMPARE_FORMATS.includes(format) && (options.output === undefined || options.output === '-')) {
    throw new CliError(
      `A ${format.toUpperCase()} comparison is not written to standard output; name a file with --output.`,
    );
  }
  const when = reportDate(options.date, io.env);
  const loaded = loadCatalogOrFail(io, options.catalog);
  const files = collectAssessmentFiles(inputs, io.cwd);

  const entries: CompareEntry[] = [];
  const failed: string[] = [];
  const migrated = new Map<string, number>();
  for (const path of files) {
    const member = loadSetMember(loaded, path, io.cwd);
    if (!member.ok) {
      if (member.diagnostics.length > 0) {
        io.stderr.write(stylish(member.diagnostics, { files: [member.shown], toolVersion: '' }));
      }
      io.stderr.write(`opsc: ${member.message}\n`);
      failed.push(member.shown);
      continue;
    }
    if (member.migratedFrom) migrated.set(member.migratedFrom, (migrated.get(member.migratedFrom) ?? 0) + 1);
    const entry: CompareEntry = {
      file: member.shown,
      assessment: member.assessment,
      score: scoreAssessment(loaded.catalog, member.assessment),
      fictional: isUserAssignedCode(member.assessment.country.code),
    };
    if (member.migratedFrom) entry.migratedFrom = member.migratedFrom;
    entries.push(entry);
  }
  if (entries.length === 0) throw new CliError('No assessment could be read; nothing to compare.');
  for (const [version, count] of migrated) {
    io.stderr.write(
      `Note: ${count} assessment(s) were made with catalog ${version}; they are compared as migrated to ${loaded.catalog.instrument.version} (answers to removed questions left out). Run "opsc assess FILE" to update a file.\n`,
    );
  }

  const model = buildComparison(loaded.catalog, entries, {
    date: when.date,
    toolVersion: packageVersion(),
    all: options.all === true,
  });
  for (const group of model.duplicates) {
    io.stderr.write(
      `Note: ${group.code} has ${group.files.length} assessments; ${group.used ? `the latest (${group.used}) is used; --all keeps every one.` : 'all are compared (--all).'}\n`,
    );
  }

  const inputsRead = files;
  if (format === 'pdf' || format === 'xlsx') {
    const target = outputPath(options.output as string, io.cwd, inputsRead);
    const bytes = await renderBinary(format, model, when.instant);
    writeFileAtomic(target, bytes);
    io.stderr.write(`Wrote ${displayPath(target, io.cwd)} (${model.countries.length} countries).\n`);
  } else {
    const text = await renderText(format, model);
    if (options.output === undefined || options.output === '-') io.stdout.write(text);
    else {
      const target = outputPath(options.output, io.cwd, inputsRead);
      writeFileAtomic(target, text);
      io.stderr.write(`Wrote ${displayPath(target, io.cwd)} (${model.countries.length} countries).\n`);
    }
  }
  if (failed.length > 0) {
    io.stderr.write(`opsc: ${failed.length} file(s) left out because of errors: ${failed.join(', ')}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

function formatFromName(output: string | undefined): CompareFormat | undefined {
  if (output === undefined || output === '-') return undefined;
  const ext = extname(output).slice(1).toLowerCase();
  const named = ext === 'markdown' ? 'md' : ext;
  return (COMPARE_FORMATS as readonly string[]).includes(named) ? (named as CompareFormat) : undefined;
}

async function renderText(format: CompareFormat, model: ComparisonModel): Promise<string> {
  if (format === 'csv') return (await import('../../formats/compare/csv.js')).compareCsv(model);
  if (format === 'json') return (await import('../../formats/compare/json.js')).compareJson(model);
  return (await import('../../formats/compare/markdown.js')).compareMarkdown(model);
}

async function renderBinary(format: 'pdf' | 'xlsx', model: ComparisonModel, instant: Date): Promise<Uint8Array> {
  if (format === 'xlsx') return (await import('../../formats/compare/xlsx.js')).compareXlsx(model);
  // pdfkit costs ~150 ms to import, so only the PDF path pays for it.
  const { comparePdf } = await import('../../formats/compare/pdf.js');
  return comparePdf(model, { fonts: readFonts(), creationDate: instant });
}
