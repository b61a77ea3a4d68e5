#!/usr/bin/env node
// Runs after tsc (npm run build): parses the bundled catalog's YAML once and writes the values to
// dist/bundled-catalog.json, keyed by the sha256 of each file's bytes. At run time a file whose
// bytes hash the same skips parsing (a cold YAML parse is most of a short command's time); an
// edited file hashes differently and is parsed as usual, so this can never be stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_CATALOG, PRECOMPILED_CATALOG } from '../dist/cli/files.js';
import { parseYaml } from '../dist/yaml/source.js';

const values = {};
for (const name of readdirSync(BUNDLED_CATALOG).filter((n) => n.endsWith('.yaml'))) {
  const bytes = readFileSync(join(BUNDLED_CATALOG, name));
  const { parsed, diagnostics } = parseYaml(name, bytes);
  // Only a clean file whose value survives JSON unchanged can be served from JSON.
  if (!parsed || diagnostics.length > 0) continue;
  const json = JSON.stringify(parsed.value);
  if (JSON.stringify(JSON.parse(json)) !== json) continue;
  values[createHash('sha256').update(bytes).digest('hex')] = parsed.value;
}
writeFileSync(PRECOMPILED_CATALOG, JSON.stringify(values));
