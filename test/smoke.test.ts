import { describe, expect, it } from 'vitest';
import { runners } from './helpers/cli.js';

describe.each(runners)('opsc (%s)', (_name, run) => {
  it('validates the bundled catalog cleanly', async () => {
    const result = await run(['validate']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/No problems in \d+ files/);
    expect(result.code).toBe(0);
  });
});
