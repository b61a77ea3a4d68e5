import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/assessment/model.js';
import { serializeAssessment } from '../src/assessment/serialize.js';
import { createAssessmentStore } from '../src/cli/assessment-store.js';
import {
  applyAnswer,
  createQuestionnaire,
  diffCatalog,
  migrate,
  newAssessment,
} from '../src/questionnaire/questionnaire.js';
import { scoreAssessment } from '../src/scoring/model.js';
import { editedCatalog, loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { ROOT, runInProcess } from './helpers/cli.js';

/** Answers that must never be lost or misread (reliability review 2026-12: D1, D3, W7–W10, C3). */
const MINIMAL = join(ROOT, 'fixtures/catalogs/minimal');
const RACE_CHILD = fileURLToPath(new URL('./helpers/race-child.mjs', import.meta.url));
const run = promisify(execFile);
const NOW = '2026-01-01T00:00:00Z';

function fresh(catalogDir = MINIMAL): { q: ReturnType<typeof createQuestionnaire>; assessment: Assessment } {
  const q = createQuestionnaire(loadCatalogDir(catalogDir));
  return { q, assessment: newAssessment(q, { country: { code: 'XAA' }, now: NOW }) };
}

describe('D1: two sessions saving the same file at the same instant', () => {
  it('never drop an answer: one is saved, the other is told and kept in a conflict copy', {
    timeout: 120_000,
  }, async () => {
    let raced = 0;
    for (let attempt = 0; attempt < 8 && raced < 3; attempt++) {
      const dir = tempDir();
      const file = join(dir, 'r.yaml');
      const { q, assessment } = fresh();
      writeFileSync(file, serializeAssessment(assessment, { schemaPath: 's.json', catalog: q.catalog }));
      const startAt = String(Date.now() + 5000);
      const results = await Promise.all(
        ['AAA', 'BBB'].map((text) =>
          run(process.execPath, [RACE_CHILD, MINIMAL, file, 'offence-date', `${text}${attempt}`, startAt], {
            cwd: dir,
          }),
        ),
      );
      const said = results.map((r) => r.stdout.trim());
      // On a busy machine a process may start after the shared instant: that attempt is no race.
      if (said.some((line) => line.startsWith('late'))) continue;
      raced++;
      const onDisk = [
        file,
        ...readdirSync(dir)
          .filter((n) => n.includes('.conflict-'))
          .map((n) => join(dir, n)),
      ]
        .map((path) => readFileSync(path, 'utf8'))
        .join('\n');
      for (const text of ['AAA', 'BBB']) expect(onDisk, `attempt ${attempt}: ${said}`).toContain(`${text}${attempt}`);
      // Exactly one session saved; the other was told.
      expect(
        said.filter((s) => s === 'saved'),
        said.join(' | '),
      ).toHaveLength(1);
      expect(said.filter((s) => /^conflict: .*r\.yaml was changed by another program/.test(s))).toHaveLength(1);
    }
    expect(raced).toBeGreaterThanOrEqual(2);
  });

  it('W9: a session with nothing unsaved writes nothing after another one saved', () => {
    const dir = tempDir();
    const file = join(dir, 'c.yaml');
    const { q, assessment } = fresh();
    writeFileSync(file, serializeAssessment(assessment, { schemaPath: 's.json', catalog: q.catalog }));
    const a = createAssessmentStore(file, 'c.yaml', q.catalog);
    const b = createAssessmentStore(file, 'c.yaml', q.catalog);
    a.adopt(assessment);
    a.save(assessment); // what opsc assess writes when it opens a file
    b.adopt(assessment);
    a.save(applyAnswer(q, assessment, 'offence-defined', { answer: 'yes' }, NOW));
    const written = readFileSync(file, 'utf8');
    expect(() => b.save(assessment)).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(readdirSync(dir).filter((n) => n.includes('conflict'))).toEqual([]);
  });

  it('K5: a CRLF file keeps its line endings', () => {
    const dir = tempDir();
    const file = join(dir, 'crlf.yaml');
    const { q, assessment } = fresh();
    writeFileSync(
      file,
      serializeAssessment(assessment, { schemaPath: 's.json', catalog: q.catalog }).replace(/\n/g, '\r\n'),
    );
    const store = createAssessmentStore(file, 'crlf.yaml', q.catalog);
    store.adopt(assessment);
    store.save(applyAnswer(q, assessment, 'offence-defined', { answer: 'no' }, NOW));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('answer: no\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('D3: changing a parent answer away and back', () => {
  it('restores the follow-up answer, with its citation and note', () => {
    const { q, assessment } = fresh();
    let a = applyAnswer(q, assessment, 'offence-defined', { answer: 'yes' }, NOW);
    a = applyAnswer(q, a, 'offence-penalty', { answer: 'yes', citation: 'PENALTY-CIT', notes: 'N' }, NOW);
    a = applyAnswer(q, a, 'offence-defined', { answer: 'no' }, NOW);
    expect(a.answers['offence-penalty']).toMatchObject({ answer: 'skipped', previous: 'yes', citation: 'PENALTY-CIT' });
    // Kept in the file while skipped, and still a valid file.
    const text = serializeAssessment(a, { schemaPath: 's.json', catalog: q.catalog });
    expect(text).toMatch(/answer: skipped\n\s+previous: yes\n/);
    a = applyAnswer(q, a, 'offence-defined', { answer: 'partly' }, NOW);
    expect(a.answers['offence-penalty']).toMatchObject({ answer: 'yes', citation: 'PENALTY-CIT', notes: 'N' });
    expect(a.answers['offence-penalty']).not.toHaveProperty('previous');
  });
});

describe('W7: ids such as constructor and prototype are ordinary ids', () => {
  it('a question "constructor" is new in an assessment that lacks it, and gets a full record', () => {
    const catalog = editedCatalog(MINIMAL, {
      'offences.yaml': [
        ['id: offence-penalty', 'id: constructor'],
        ['id: offence-date', 'id: prototype'],
      ],
    });
    const q = createQuestionnaire(loadCatalogDir(catalog));
    const partial: Assessment = {
      instrument: 'demo',
      catalog: { version: '1.0.0' },
      country: { code: 'XAA' },
      answers: { 'offence-defined': { answer: 'yes' } },
    };
    expect(diffCatalog(q, partial).added.map((e) => e.question.id)).toEqual(
      expect.arrayContaining(['constructor', 'prototype']),
    );
    const migrated = migrate(q, partial);
    expect(Object.hasOwn(migrated.answers, 'constructor')).toBe(true);
    expect(migrated.answers.constructor).toMatchObject({ answer: null, citation: null, notes: null });
    const text = serializeAssessment(migrated, { schemaPath: 's.json', catalog: q.catalog });
    expect(text).toMatch(/ {2}constructor:\n {4}answer: null/);
    expect(scoreAssessment(q.catalog, migrated).overall).toBeDefined();
  });
});

describe('W8: answer: skipped only where a condition is not met', () => {
  it.each([
    ['a question without a condition', 'offence-defined: {answer: skipped}', /has no condition/],
    [
      'a question whose condition is met',
      'offence-defined: {answer: "yes"}\n  offence-penalty: {answer: skipped}',
      /its condition is met/,
    ],
  ])('%s is an error', async (_, answers, message) => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.yaml'),
      `instrument: demo\ncatalog: {version: 1.0.0}\ncountry: {code: XAA}\nanswers:\n  ${answers}\n`,
    );
    const result = await runInProcess(['validate', 's.yaml', '--catalog', MINIMAL], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout).toContain('skipped-without-condition');
  });

  it('is fine where the condition is not met', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.yaml'),
      'instrument: demo\ncatalog: {version: 1.0.0}\ncountry: {code: XAA}\nanswers:\n  offence-defined: {answer: "no"}\n  offence-penalty: {answer: skipped}\n',
    );
    const result = await runInProcess(['validate', 's.yaml', '--catalog', MINIMAL], { cwd: dir });
    expect(result.code, result.stdout).toBe(0);
  });
});

describe('W10: retired answers come back', () => {
  it('after a round trip through a catalog without the question, with no empty retired records', () => {
    const v2 = editedCatalog(MINIMAL, {
      'instrument.yaml': [['version: 1.0.0', 'version: 1.1.0']],
      'offences.yaml': [['id: offence-date', 'id: offence-date-v2']],
    });
    const { q, assessment } = fresh();
    const answered = applyAnswer(q, assessment, 'offence-date', { text: '2001-01-01', notes: 'kept' }, NOW);
    const q2 = createQuestionnaire(loadCatalogDir(v2));
    const there = migrate(q2, answered);
    expect(there.retired).toEqual({ 'offence-date': expect.objectContaining({ text: '2001-01-01' }) });
    const back = migrate(q, there);
    expect(back.answers['offence-date']).toMatchObject({ text: '2001-01-01', notes: 'kept' });
    expect(back.retired).toBeUndefined();
  });
});

describe('C3: validation stays linear in the number of answers', () => {
  it('spelling hints stop after the first unknown ids (each compares with every question id)', async () => {
    const dir = tempDir();
    const demo = readFileSync(join(ROOT, 'fixtures/assessments/xaa-aldoria.yaml'), 'utf8');
    // Near misses of a real id: every one of them would get a "Did you mean" hint.
    const real = /^answers:\n {2}([a-z0-9-]+):/m.exec(demo)?.[1];
    const near = Array.from(
      { length: 200 },
      (_, i) =>
        `  ${real}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}:\n    text: x\n`,
    );
    writeFileSync(join(dir, 'near.yaml'), demo.replace('answers:\n', `answers:\n${near.join('')}`));
    const result = await runInProcess(['validate', 'near.yaml', '--format', 'json'], { cwd: dir });
    const messages = (JSON.parse(result.stdout) as { rule: string; message: string }[]).filter(
      (d) => d.rule === 'unknown-question',
    );
    expect(messages).toHaveLength(200);
    expect(messages.filter((d) => d.message.includes('Did you mean')).length).toBe(20);
  });
});
