import { resolve } from 'node:path';
import { loadAssessment, loadObservations } from '../assessment/check.js';
import { countryName, findCountryByName, isCountryCode } from '../assessment/countries.js';
import type { Assessment, Observations } from '../assessment/model.js';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/model.js';
import { type Diagnostic, hasErrors } from '../diagnostics.js';
import { stylish } from '../formats/diagnostics/stylish.js';
import { createQuestionnaire, diffCatalog, migrate } from '../questionnaire/questionnaire.js';
import { createSchemaChecker, type SchemaChecker } from '../schema/check.js';
import { CliError } from './errors.js';
import { displayPath, loadValidators, readCatalogDir, readSource, resolveCatalogDir } from './files.js';
import type { Io } from './io.js';

/** What most commands need first: a valid catalog, or a clear refusal. */
export interface Loaded {
  catalog: Catalog;
  schemas: SchemaChecker;
  catalogDir: string;
}

export function loadCatalogOrFail(io: Io, catalogOption: string | undefined): Loaded {
  const schemas = createSchemaChecker(loadValidators());
  const catalogDir = resolveCatalogDir(catalogOption, io.cwd);
  const { catalog, diagnostics } = loadCatalog(readCatalogDir(catalogDir, io.cwd), schemas);
  if (!catalog) {
    reportDiagnostics(io, diagnostics);
    throw new CliError(
      `The catalog in ${displayPath(catalogDir, io.cwd)} has errors (above). Fix them; "opsc validate --catalog DIR" checks a catalog.`,
    );
  }
  return { catalog, schemas, catalogDir };
}

/** Loads an assessment the user named; a file with errors is reported and never touched. */
export function loadAssessmentOrFail(
  io: Io,
  file: string,
  loaded: Loaded,
  /** true: a baseline compared after migration (one note here); 'migrate': the caller migrates and notes it. */
  options: { olderCatalogExpected?: boolean | 'migrate' } = {},
): { assessment: Assessment; path: string; bytes: Uint8Array } {
  const path = resolve(io.cwd, file);
  const shown = displayPath(path, io.cwd);
  const source = readSource(path, shown);
  const { assessment, diagnostics: all } = loadAssessment(source, loaded.catalog, loaded.schemas);
  // A baseline made on an earlier catalog is expected to be stale: one note instead of a warning
  // per retired question (the comparison lists them apart).
  const stale =
    options.olderCatalogExpected && assessment && assessment.catalog.version !== loaded.catalog.instrument.version;
  const diagnostics = stale ? all.filter((d) => d.severity === 'error') : all;
  if (stale && options.olderCatalogExpected === true) {
    io.stderr.write(
      `opsc: note: ${shown} was answered against catalog ${assessment.catalog.version}; it is compared after migration to ${loaded.catalog.instrument.version} in memory (the file is not changed).\n`,
    );
  }
  if (diagnostics.length > 0) reportDiagnostics(io, diagnostics);
  if (!assessment || hasErrors(diagnostics)) {
    throw new CliError(`${shown} has errors (above); it was not changed. Fix them, then run the command again.`);
  }
  return { assessment, path, bytes: source.bytes };
}

/**
 * An assessment answered against another catalog version, as `score` and `report` use it: brought
 * to the catalog in memory (answers to retired questions set aside under `retired`, new questions
 * open), with one note instead of a warning per retired question. The file is not changed; its
 * recorded catalog version is kept, so the report still says which version the answers were for.
 */
export function migratedInMemory(io: Io, loaded: Loaded, assessment: Assessment, path: string): Assessment {
  if (assessment.catalog.version === loaded.catalog.instrument.version) return assessment;
  const q = createQuestionnaire(loaded.catalog);
  const diff = diffCatalog(q, assessment);
  const migrated = { ...migrate(q, assessment), catalog: assessment.catalog };
  const shown = displayPath(path, io.cwd);
  const parts = [
    `${diff.removed.length} answer${diff.removed.length === 1 ? '' : 's'} to retired questions set aside (listed in the report, not scored)`,
    `${diff.added.length} new question${diff.added.length === 1 ? '' : 's'} not yet answered`,
  ];
  io.stderr.write(
    `opsc: note: ${shown} was answered against catalog ${assessment.catalog.version}; it is scored after migration to ${loaded.catalog.instrument.version} in memory (the file is not changed): ${parts.join('; ')}. Run "opsc assess ${shown}" to update the file.\n`,
  );
  return migrated;
}

/** Loads the Committee's recommendations from an observations file; a file with errors is refused. */
export function loadObservationsOrFail(
  io: Io,
  file: string,
  loaded: Loaded,
): { observations: Observations; path: string } {
  const path = resolve(io.cwd, file);
  const shown = displayPath(path, io.cwd);
  const { observations, diagnostics } = loadObservations(readSource(path, shown), loaded.catalog, loaded.schemas);
  if (diagnostics.length > 0) reportDiagnostics(io, diagnostics);
  if (!observations || hasErrors(diagnostics)) {
    throw new CliError(`${shown} has errors (above). Fix them, then run the command again.`);
  }
  return { observations, path };
}

function reportDiagnostics(io: Io, diagnostics: Diagnostic[]): void {
  io.stderr.write(stylish(diagnostics, { files: [...new Set(diagnostics.map((d) => d.file))], toolVersion: '' }));
}

/** A --country option: an ISO 3166-1 alpha-3 code (user-assigned ones included), with its name. */
export function countryOption(value: string): { code: string; name?: string } {
  const code = value.trim().toUpperCase();
  if (!isCountryCode(code)) {
    const guess = findCountryByName(value);
    throw new CliError(
      `--country "${value}" is not an ISO 3166-1 alpha-3 code.${guess ? ` Did you mean ${guess.code} (${guess.name})?` : ''} For a fictional or training country use a user-assigned code (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ).`,
    );
  }
  const name = countryName(code);
  return name ? { code, name } : { code };
}
