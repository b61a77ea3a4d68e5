import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import { loadValidators } from '../src/cli/files.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { FLOW_CATALOG, loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { KEY, Terminal } from './helpers/pty.js';

const catalog = loadCatalogDir(FLOW_CATALOG);

function saved(path: string) {
  const { assessment, diagnostics } = loadAssessment(
    { path, bytes: readFileSync(path) },
    catalog,
    createSchemaChecker(loadValidators()),
  );
  expect(diagnostics).toEqual([]);
  return assessment?.answers ?? {};
}

describe('opsc assess in a real terminal', () => {
  it('answers a few questions, is interrupted with Ctrl-C, resumes where it stopped', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const first = new Terminal(
      ['assess', 'a.yaml', '--catalog', FLOW_CATALOG, '--country', 'KEN', '--assessor', 'T'],
      dir,
    );
    try {
      await first.waitFor('On what date did the State ratify');
      first.write(KEY.enter); // "Write the answer"
      await first.waitFor('Answer:');
      first.write(`2002-01-18${KEY.enter}`);
      await first.waitFor('Note (optional):');
      first.write(KEY.enter);
      await first.waitFor('Can the Protocol be invoked before national courts?');
      first.write(KEY.enter); // Yes
      await first.waitFor('Citation of national law');
      first.write(`Constitution art. 2${KEY.enter}`);
      await first.waitFor('Note (optional):');
      first.write(`Checked by the legal department${KEY.enter}`);
      await first.waitFor('Is the sale of children an offence?');
      first.write(KEY.ctrlC);
      const { exitCode } = await first.exited;
      expect(exitCode).toBe(130);
      await first.waitFor('To continue: opsc assess a.yaml --catalog');
    } finally {
      first.kill();
    }
    expect(saved(file)).toMatchObject({
      'ratification-date': { text: '2002-01-18' },
      'protocol-status': { answer: 'yes', citation: 'Constitution art. 2', notes: 'Checked by the legal department' },
      'sale-offence': { answer: null },
    });

    const second = new Terminal(['assess', 'a.yaml', '--catalog', FLOW_CATALOG], dir);
    try {
      // Resumes at the first unanswered question.
      await second.waitFor('Chapter 3 of 4 — Prohibition · question 3 of 7');
      await second.waitFor('Is the sale of children an offence?');
      second.write(KEY.down); // Partly
      second.write(KEY.enter);
      await second.waitFor('Citation of national law');
      second.write(`Penal Code s. 1${KEY.enter}`);
      await second.waitFor('Note (optional):');
      // Interrupted while typing the note: the answer and citation are already on disk.
      second.write('half a no');
      second.write(KEY.ctrlC);
      const { exitCode } = await second.exited;
      expect(exitCode).toBe(130);
    } finally {
      second.kill();
    }
    expect(saved(file)).toMatchObject({
      'ratification-date': { text: '2002-01-18' },
      'protocol-status': { answer: 'yes', citation: 'Constitution art. 2' },
      'sale-offence': { answer: 'partly', citation: 'Penal Code s. 1', notes: null },
    });
  });
});
