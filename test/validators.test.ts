import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

describe('precompiled schema validators', () => {
  it('generated/validators.cjs matches schemas/ (run "npm run build:validators" after a schema change)', () => {
    const result = spawnSync(process.execPath, ['scripts/build-validators.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
