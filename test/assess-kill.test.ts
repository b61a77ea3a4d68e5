import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import { loadValidators } from '../src/cli/files.js';
import { createQuestionnaire, isAnswered } from '../src/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { expectedAnswer } from './helpers/expected-answer.mjs';
import { writeGeneratedCatalog } from './helpers/generate-catalog.js';

const CHILD = fileURLToPath(new URL('./helpers/autosave-child.mjs', import.meta.url));
const ROUNDS = 15;

type Kill = { mode: 'timer'; afterMs: number } | { mode: 'in-write' | 'before-rename'; atSave: number };

/** Starts the autosaving child and lets it be SIGKILLed: by a timer here, or inside its N-th save. */
function runAndKill(catalogDir: string, file: string, kill: Kill): Promise<{ acknowledged: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env =
      kill.mode === 'timer'
        ? { ...process.env, KILL: 'timer' }
        : { ...process.env, KILL: kill.mode, KILL_AT: String(kill.atSave) };
    const child = spawn(process.execPath, [CHILD, catalogDir, file], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let stderr = '';
    let timer = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Once it saves, let it go on for a random while and kill it wherever it is.
      if (kill.mode === 'timer' && !timer && out.includes('saved ')) {
        timer = true;
        setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`The child was not killed (signal ${signal}): ${stderr}`));
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
    const catalogDir = writeGeneratedCatalog(join(dir, 'catalog'), 1000);
    const catalog = loadCatalogDir(catalogDir);
    const q = createQuestionnaire(catalog);
    const schemas = createSchemaChecker(loadValidators());
    const file = join(dir, 'a.yaml');
    const acknowledged: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const atSave = 2 + Math.floor(Math.random() * 20);
      const kill: Kill =
        round % 3 === 0
          ? { mode: 'timer', afterMs: Math.random() * 150 }
          : { mode: round % 3 === 1 ? 'in-write' : 'before-rename', atSave };
      const result = await runAndKill(catalogDir, file, kill);
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
    // Every kill from inside a save left its temporary file: those kills did hit mid-save.
    const interrupted = files.filter((f) => /^\.a\.yaml\.[0-9a-f]{12}\.tmp$/.test(f)).length;
    const inside = Array.from({ length: ROUNDS }, (_, r) => r % 3 !== 0).filter(Boolean).length;
    expect(interrupted).toBeGreaterThanOrEqual(inside);
  });
});
