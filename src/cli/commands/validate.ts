import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadAssessment, loadObservations } from '../../assessment/check.js';
import {
  type CatalogResult,
  INSTRUMENT_FILE,
  isInstrumentFile,
  loadCatalog,
  type SourceFile,
} from '../../catalog/load.js';
import { type Diagnostic, hasErrors, sortAndDedupe } from '../../diagnostics.js';
import { type DiagnosticFormat, diagnosticFormatters } from '../../formats/diagnostics/index.js';
import { createSchemaChecker, type SchemaChecker } from '../../schema/check.js';
import { parseSource } from '../../yaml/source.js';
import { colorFor } from '../color.js';
import { EXIT } from '../errors.js';
import {
  displayPath,
  isStdout,
  loadValidators,
  outputPath,
  packageVersion,
  pathKind,
  readCatalogDir,
  readSource,
  resolveCatalogDir,
  writeFileAtomic,
} from '../files.js';
import type { Io } from '../io.js';

export interface ValidateOptions {
  catalog?: string;
  format: DiagnosticFormat;
  output?: string;
  color: boolean;
}

/** Collected findings over every path given, plus every file looked at (clean ones too). */
class Findings {
  readonly diagnostics: Diagnostic[] = [];
  readonly files = new Set<string>();
  add(diagnostics: readonly Diagnostic[], files: Iterable<string>): void {
    this.diagnostics.push(...diagnostics);
    for (const file of files) this.files.add(file);
  }
}

export async function runValidate(paths: string[], options: ValidateOptions, io: Io): Promise<number> {
  const schemas = createSchemaChecker(loadValidators());
  const contextDir = resolveCatalogDir(options.catalog, io.cwd);
  const findings = new Findings();
  let context: CatalogResult | undefined;
  // Assessments and loose obligation files are checked against one catalog, loaded once.
  const contextCatalog = (): CatalogResult => {
    if (!context) {
      const source = readCatalogDir(contextDir, io.cwd);
      context = loadCatalog(source, schemas);
      findings.add(
        context.diagnostics,
        source.files.map((f) => f.path),
      );
    }
    return context;
  };

  const targets = paths.length > 0 ? paths : [contextDir];
  const inputs = targets.map((target) => resolve(io.cwd, target));
  for (const target of targets) {
    const path = resolve(io.cwd, target);
    if (pathKind(path, target) === 'directory') {
      const source = readCatalogDir(path, io.cwd);
      findings.add(
        loadCatalog(source, schemas).diagnostics,
        source.files.map((f) => f.path),
      );
      continue;
    }
    const shown = displayPath(path, io.cwd);
    const file = readSource(path, shown);
    findings.files.add(shown);
    if (isInstrumentFile(path)) {
      findings.add(onlyFor(shown, loadCatalog(readCatalogDir(dirname(path), io.cwd), schemas).diagnostics), []);
      continue;
    }
    const { parsed, diagnostics } = parseSource(file);
    if (!parsed) {
      findings.add(diagnostics, []);
      continue;
    }
    const root = parsed.value as Record<string, unknown>;
    if ('obligations' in root) {
      findings.add(checkObligationFile(path, file, contextDir, schemas, io), []);
    } else if ('recommendations' in root && !('answers' in root)) {
      const { catalog } = contextCatalog();
      if (catalog) findings.add(loadObservations(file, catalog, schemas).diagnostics, []);
    } else if ('answers' in root || 'country' in root) {
      const { catalog } = contextCatalog();
      if (catalog) findings.add(loadAssessment(file, catalog, schemas).diagnostics, []);
    } else {
      findings.add(
        [
          {
            file: shown,
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'unknown-file-kind',
            message:
              'Not an opsc file: expected "obligations:" (an obligation file), "answers:" (an assessment), "recommendations:" (the Committee\'s observations) or a folder with instrument.yaml.',
          },
        ],
        [],
      );
    }
  }

  const diagnostics = sortAndDedupe(findings.diagnostics);
  const toFile = !isStdout(options.output);
  const color = options.format === 'stylish' && !toFile ? await colorFor(io.stdout, io, options.color) : undefined;
  const text = diagnosticFormatters[options.format](diagnostics, {
    files: [...findings.files].sort(),
    toolVersion: packageVersion(),
    ...(color ? { color } : {}),
  });
  if (toFile && options.output !== undefined) writeFileAtomic(outputPath(options.output, io.cwd, inputs), text);
  else io.stdout.write(text);
  return hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
}

/**
 * An obligation file is checked inside its own catalog folder when it has one (so cross-file
 * duplicates are found), otherwise against the --catalog folder; only its own findings count.
 */
function checkObligationFile(path: string, file: SourceFile, contextDir: string, schemas: SchemaChecker, io: Io) {
  const ownDir = dirname(path);
  if (existsSync(join(ownDir, INSTRUMENT_FILE))) {
    return onlyFor(file.path, loadCatalog(readCatalogDir(ownDir, io.cwd), schemas).diagnostics);
  }
  const context = readCatalogDir(contextDir, io.cwd);
  const files = [...context.files.filter((f) => f.path !== file.path), file];
  return onlyFor(file.path, loadCatalog({ dir: context.dir, files }, schemas).diagnostics);
}

function onlyFor(file: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.file === file);
}
