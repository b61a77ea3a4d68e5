import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { readCatalogDir, readSchemas } from '../../src/cli/files.js';
import { createSchemaChecker } from '../../src/schema/check.js';
import { ROOT } from './cli.js';

/** The small catalog with conditions, a text question, an empty chapter and not-applicable. */
export const FLOW_CATALOG = join(ROOT, 'fixtures', 'catalogs', 'flow');

export function loadCatalogDir(dir: string): Catalog {
  const { catalog, diagnostics } = loadCatalog(readCatalogDir(dir, ROOT), createSchemaChecker(readSchemas()));
  if (!catalog) throw new Error(`Test catalog ${dir} has errors: ${JSON.stringify(diagnostics, null, 2)}`);
  return catalog;
}

export function tempDir(prefix = 'opsc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of a catalog folder in a temp dir, with text replacements applied to its files. */
export function editedCatalog(from: string, edits: Record<string, [string, string][]>): string {
  const dir = join(tempDir('opsc-catalog-'), 'catalog');
  cpSync(from, dir, { recursive: true });
  for (const [file, replacements] of Object.entries(edits)) {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [a, b] of replacements) {
      if (!text.includes(a)) throw new Error(`editedCatalog: "${a}" not in ${file}`);
      text = text.replace(a, b);
    }
    writeFileSync(join(dir, file), text);
  }
  return dir;
}
