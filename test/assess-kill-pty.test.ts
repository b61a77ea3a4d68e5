import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import { loadValidators } from '../src/cli/files.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { writeGeneratedCatalog } from './helpers/generate-catalog.js';
import { KEY, Terminal } from './helpers/pty.js';

/**
 * SIGKILL the real `opsc assess` (the bin in a pseudo-terminal) at random moments while it saves,
 * round after round on the same file: the file always parses and validates, and holds every
 * answer whose next prompt had appeared before the kill (only the field being saved may be lost).
 */
describe('opsc assess killed with SIGKILL', () => {
  it('never leaves a broken file and keeps every acknowledged answer', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const catalogDir = writeGeneratedCatalog(join(dir, 'catalog'), 40);
    const catalog = loadCatalogDir(catalogDir);
    const schemas = createSchemaChecker(loadValidators());
    const file = join(dir, 'a.yaml');
    const acknowledged = new Map<string, string>();
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };

    for (let round = 0; round < 8; round++) {
      const args = ['assess', 'a.yaml', '--catalog', catalogDir, '--country', 'KEN', '--assessor', 'T'];
      const terminal = new Terminal(round === 0 ? args : args.slice(0, 4), dir);
      try {
        for (let answered = 0; answered < 3; answered++) {
          await terminal.waitFor('in every case the treaty names?');
          const asked = [...terminal.text.matchAll(/element (\d) of generated obligation (\d+)/g)].at(-1);
          expect(asked).toBeDefined();
          const question = `gen-${asked?.[2]}-${asked?.[1]}`;
          terminal.write(KEY.enter); // Yes
          await terminal.waitFor('Citation of national law');
          acknowledged.set(question, 'yes');
          terminal.write(`Law ${round}.${answered}${KEY.enter}`);
          if (answered === 2) {
            // Kill while the citation is being saved: anywhere from before to after the rename.
            await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 12)));
            terminal.kill();
            break;
          }
          await terminal.waitFor('Note (optional):');
          terminal.write(KEY.enter);
        }
        await terminal.exited;
      } finally {
        terminal.kill();
      }

      expect(existsSync(file)).toBe(true);
      const { assessment, diagnostics } = loadAssessment({ path: file, bytes: readFileSync(file) }, catalog, schemas);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const [question, answer] of acknowledged) {
        expect(assessment?.answers[question]?.answer, `round ${round}, ${question}`).toBe(answer);
      }
    }
    expect(acknowledged.size).toBe(24);
  });
});
