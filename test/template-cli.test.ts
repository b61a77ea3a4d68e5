import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionsInOrder } from '../src/catalog/model.js';
import { FLOW_CATALOG, loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { runners } from './helpers/cli.js';

describe.each(runners)('opsc template (%s)', (_name, run) => {
  it('writes a form that opsc validate accepts, for the bundled catalog and for a test catalog', async () => {
    for (const catalogArgs of [[], ['--catalog', FLOW_CATALOG]]) {
      const dir = tempDir();
      const result = await run(['template', '--country', 'KEN', '-o', 'form.yaml', ...catalogArgs], { cwd: dir });
      expect(result.stderr).toMatch(/Wrote form\.yaml: \d+ questions/);
      expect(result.code).toBe(0);
      const validated = await run(['validate', 'form.yaml', ...catalogArgs], { cwd: dir });
      expect(validated.stdout).toContain('No problems');
      expect(validated.code).toBe(0);
    }
  });

  it('holds every question with its help and treaty text as comments, and empty answers', async () => {
    const dir = tempDir();
    const result = await run(['template', '--catalog', FLOW_CATALOG], { cwd: dir });
    expect(result.code).toBe(0);
    const text = result.stdout;
    const catalog = loadCatalogDir(FLOW_CATALOG);
    const ids = [...text.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(ids).toEqual(questionsInOrder(catalog).map((e) => e.question.id));
    for (const { question } of questionsInOrder(catalog)) expect(text).toContain(question.text);
    expect(text).toContain('# Help: Answer "partly" if only some provisions can be invoked.');
    expect(text).toContain('# art. 3(1)(a): “Each State Party shall ensure that the sale of children');
    expect(text).toContain('# answer: yes | partly | no | unknown | not-applicable');
    expect(text).toContain('━━ Chapter 3 of 4 — Prohibition');
    expect(text).not.toMatch(/answer: (yes|no|partly)$/m);
    // Written to standard output, the modeline points from the working folder to the schema.
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/assessment\.schema\.json$/);
    // Without --country: the placeholder, explained.
    expect(text).toMatch(/^ {2}code: XXX$/m);
    expect(text).toContain('"XXX" below is a placeholder');
  });

  it('never replaces an existing file without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'form.yaml'), 'my answers\n');
    const refused = await run(['template', '-o', 'form.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'form.yaml'), 'utf8')).toBe('my answers\n');
    const forced = await run(['template', '-o', 'form.yaml', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'form.yaml'), 'utf8')).toContain('answers:');
  });

  it('refuses an unknown country code with a hint', async () => {
    const dir = tempDir();
    const result = await run(['template', '--country', 'Kenya', '-o', 'form.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean KEN (Kenya)?');
    expect(existsSync(join(dir, 'form.yaml'))).toBe(false);
  });
});
