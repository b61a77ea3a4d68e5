import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_CATALOG, tempDir } from './helpers/catalogs.js';
import { runners } from './helpers/cli.js';

describe.each(runners)('opsc assess refusals (%s)', (_name, run) => {
  it('exits 2 without a terminal, points to template and validate, and writes nothing', async () => {
    const dir = tempDir();
    const result = await run(['assess', '--country', 'KEN', '--assessor', 'X'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stderr).toContain('opsc template');
    expect(result.stderr).toContain('opsc validate');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never overwrites a file that does not parse: reports file:line:col and exits 2', async () => {
    const dir = tempDir();
    const broken = 'instrument: opsc\ncatalog:\n  version: 0.1.0\n  bad: [unclosed\n';
    writeFileSync(join(dir, 'a.yaml'), broken);
    const result = await run(['assess', 'a.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a\.yaml:\d+:\d+/);
    expect(result.stderr).toContain('it was not changed');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(broken);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('never overwrites a file that does not validate', async () => {
    const dir = tempDir();
    const invalid =
      'instrument: opsc\ncatalog:\n  version: 1.0.0\ncountry:\n  code: KEN\nanswers:\n  sale-offence:\n    answer: maybe\n';
    writeFileSync(join(dir, 'a.yaml'), invalid);
    const result = await run(['assess', 'a.yaml', '--catalog', FLOW_CATALOG], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a\.yaml:8:13/);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(invalid);
  });

  it('refuses an unknown --country before anything else', async () => {
    const dir = tempDir();
    const result = await run(['assess', '--country', 'KNY'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not an ISO 3166-1 alpha-3 code');
    expect(existsSync(join(dir, 'KNY.yaml'))).toBe(false);
  });

  it('refuses a file in a folder that does not exist before asking anything', async () => {
    const dir = tempDir();
    const result = await run(['assess', 'no/such/a.yaml', '--country', 'KEN'], { cwd: dir, tty: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the folder no/such does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('shows help with examples', async () => {
    const result = await run(['assess', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('Ctrl-C saves');
    const template = await run(['template', '--help']);
    expect(template.stdout).toContain('opsc template --country KEN -o opsc-KEN.yaml');
  });
});
