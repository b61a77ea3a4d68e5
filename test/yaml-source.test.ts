import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSource } from '../src/cli/files.js';
import { parseCarefully, parseYaml } from '../src/yaml/source.js';
import { ROOT } from './helpers/cli.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

const files = [...yamlFiles(join(ROOT, 'obligations')), ...yamlFiles(join(ROOT, 'fixtures'))].map((path) =>
  relative(ROOT, path),
);

describe('the fast and the careful YAML paths agree', () => {
  it.each(files)('%s', (file) => {
    const bytes = readFileSync(join(ROOT, file));
    const fast = parseYaml(file, bytes);
    const careful = parseCarefully(file, bytes.toString('utf8'));
    expect(fast.diagnostics).toEqual(careful.diagnostics);
    expect(fast.parsed?.value).toEqual(careful.parsed?.value);
    if (fast.parsed && careful.parsed) {
      expect(fast.parsed.doc.toJS()).toEqual(careful.parsed.value);
    }
  });

  it.each([
    ['an alias', 'a: &x 1\nb: *x\n', 'yaml-alias'],
    ['a complex key', '? [a, b]\n: c\n', 'yaml-complex-key'],
    ['a flow key', 'a: 1\n[b]: 2\n', 'yaml-complex-key'],
    ['a duplicate key', 'a: 1\na: 2\n', 'yaml-duplicate-key'],
    ['two documents', 'a: 1\n---\nb: 2\n', 'yaml-multiple-documents'],
    // Found by fuzzing: js-yaml reads a bare CR as a line break, the yaml package does not; such a
    // file is now told it uses CR line endings (U1), on both paths.
    ['a bare CR ending a comment', '#\ryaml-language-server:', 'yaml-syntax'],
  ])('reports %s at its position whichever path reads it', (_what, text, rule) => {
    const { diagnostics } = parseYaml('t.yaml', Buffer.from(text));
    expect(diagnostics).toEqual(parseCarefully('t.yaml', text).diagnostics);
    expect(diagnostics[0]?.rule).toBe(rule);
    expect(diagnostics[0]?.line).toBeGreaterThan(0);
  });
});

describe('the build-time parse of the bundled catalog', () => {
  const dir = join(ROOT, 'obligations', 'opsc');
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));

  it.each(names)('%s: served for its exact bytes, equal to parsing it', (name) => {
    const path = join(dir, name);
    const source = readSource(path, name);
    expect(source.known).toBeDefined();
    expect(source.known?.value).toEqual(parseYaml(name, readFileSync(path)).parsed?.value);
  });

  it('is not used for a file whose bytes differ', () => {
    const edited = mkdtempSync(join(tmpdir(), 'opsc-known-'));
    try {
      const name = names.find((n) => n !== 'instrument.yaml') as string;
      const text = readFileSync(join(dir, name), 'utf8').replace(/weight: \d/, 'weight: 1');
      expect(text).not.toBe(readFileSync(join(dir, name), 'utf8'));
      writeFileSync(join(edited, name), text);
      const source = readSource(join(edited, name), name);
      expect(source.known).toBeUndefined();
    } finally {
      rmSync(edited, { recursive: true, force: true });
    }
  });
});
