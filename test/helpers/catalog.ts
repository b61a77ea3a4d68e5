import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { BUNDLED_CATALOG, loadValidators, readCatalogDir } from '../../src/cli/files.js';
import { createSchemaChecker } from '../../src/schema/check.js';

/** The shipped catalog, read and checked by the project's own loader. Throws if it does not load. */
export function loadBundledCatalog(): Catalog {
  const result = loadCatalog(readCatalogDir(BUNDLED_CATALOG, process.cwd()), createSchemaChecker(loadValidators()));
  if (!result.catalog) {
    const problems = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
    throw new Error(`The bundled catalog does not load:\n${problems.join('\n')}`);
  }
  return result.catalog;
}

/** A deep copy, so a test can break it without touching the shared catalog. */
export function copyCatalog(catalog: Catalog): Catalog {
  return structuredClone(catalog);
}
