import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import { readSchemas } from '../src/cli/files.js';
import { createQuestionnaire, isAnswered } from '../src/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { expectedAnswer } from './helpers/expected-answer.mjs';
import { writeGeneratedCatalog } from './helpers/generate-catalog.js';

const CHILD = fileURLToPath(new URL('./helpers/autosave-child.mjs', import.meta.url));
const ROUNDS = 16;

/** Starts the autosaving child, lets it save for a random while, and SIGKILLs it. */
function runAndKill(
  catalogDir: string,
  file: string,
  killAfterMs: number,
): Promise<{ acknowledged: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, catalogDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Once it saves, let it save for a random while, then kill it wherever it is: the child
      // spends most of its time serializing and writing, so many kills land inside a save.
      if (!killed && out.includes('saved ')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', () => {
      // Only answers whose save returned count as given.
      const acknowledged = out
        .split('\n')
        .filter((l) => l.startsWith('saved '))
        .map((l) => l.slice('saved '.length));
      resolve({ acknowledged, stderr });
    });
  });
}

describe('autosave under SIGKILL', () => {
  it('leaves a file that always parses and holds every acknowledged answer', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const catalogDir = writeGeneratedCatalog(join(dir, 'catalog'), 400);
    const catalog = loadCatalogDir(catalogDir);
    const q = createQuestionnaire(catalog);
    const schemas = createSchemaChecker(readSchemas());
    const file = join(dir, 'a.yaml');
    const acknowledged: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const result = await runAndKill(catalogDir, file, Math.random() * 300);
      expect(result.stderr).toBe('');
      acknowledged.push(...result.acknowledged);

      const { assessment, diagnostics } = loadAssessment({ path: file, bytes: readFileSync(file) }, catalog, schemas);
      expect(diagnostics, `round ${round}`).toEqual([]);
      const answers = assessment?.answers ?? {};
      for (const id of acknowledged) {
        expect(answers[id], `round ${round}, ${id}`).toMatchObject(expectedAnswer(id));
      }
      // Nothing else was answered, except possibly the one being saved when the kill came.
      const answered = q.entries.filter((e) => isAnswered(e, answers[e.question.id]));
      expect(answered.length - acknowledged.length, `round ${round}`).toBeGreaterThanOrEqual(0);
      expect(answered.length - acknowledged.length, `round ${round}`).toBeLessThanOrEqual(round + 1);
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 2);
    // Only temporary files of interrupted writes may be left beside it, never a second copy.
    const files = readdirSync(dir);
    expect(files.filter((f) => !f.startsWith('.') && f !== 'catalog')).toEqual(['a.yaml']);
    const interrupted = files.filter((f) => /^\.a\.yaml\.[0-9a-f]{12}\.tmp$/.test(f)).length;
    console.log(`${ROUNDS} kills, ${acknowledged.length} answers saved, ${interrupted} kills landed inside a write`);
  });
});
