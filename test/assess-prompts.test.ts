// @inquirer/testing must be imported before the CLI code, so that it mocks every prompt.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { loadAssessment } from '../src/assessment/check.js';
import type { Assessment } from '../src/assessment/model.js';
import { serializeAssessment } from '../src/assessment/serialize.js';
import { renderTemplate } from '../src/assessment/template.js';
import type { Catalog } from '../src/catalog/model.js';
import { loadValidators } from '../src/cli/files.js';
import { applyAnswer, createQuestionnaire, newAssessment } from '../src/questionnaire/questionnaire.js';
import { createSchemaChecker } from '../src/schema/check.js';
import { editedCatalog, FLOW_CATALOG, loadCatalogDir, tempDir } from './helpers/catalogs.js';
import { runInProcess } from './helpers/cli.js';
import { answerText, choose, ctrlC } from './helpers/screen.js';

const ENV = { NO_COLOR: '1' };
const catalog = loadCatalogDir(FLOW_CATALOG);

function readAssessment(path: string, against: Catalog = catalog): Assessment {
  const { assessment, diagnostics } = loadAssessment(
    { path, bytes: readFileSync(path) },
    against,
    createSchemaChecker(loadValidators()),
  );
  if (!assessment) throw new Error(`${path} does not load: ${JSON.stringify(diagnostics)}`);
  return assessment;
}

/** Waits for the next prompt and checks it is the one expected. */
async function expectPrompt(text: string): Promise<void> {
  await screen.next();
  expect(screen.getScreen()).toContain(text);
}

/** Chooses a scale answer, then gives the citation and an empty note. */
async function answerWith(choice: string, citation = ''): Promise<void> {
  choose(screen, choice);
  await expectPrompt('Citation');
  answerText(screen, citation);
  await expectPrompt('Note');
  answerText(screen, '');
}

function start(dir: string, args: string[] = []) {
  return runInProcess(['assess', 'a.yaml', '--catalog', FLOW_CATALOG, ...args], { cwd: dir, tty: true, env: ENV });
}

describe('opsc assess prompt flow', () => {
  it('answers, skips by condition, goes back, marks for later, jumps to a chapter, and saves on Ctrl-C', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const run = start(dir, ['--country', 'KEN', '--assessor', 'Ministry of Justice']);

    await expectPrompt('On what date did the State ratify');
    choose(screen, 'Write the answer');
    await expectPrompt('Answer:');
    answerText(screen, '2002-01-18');
    await expectPrompt('Note (optional):');
    // Autosave: the answer is on disk before the next question is even asked.
    expect(readAssessment(file).answers['ratification-date']?.text).toBe('2002-01-18');
    answerText(screen, '');

    await expectPrompt('Can the Protocol be invoked before national courts?');
    choose(screen, 'Yes');
    await expectPrompt('Citation of national law');
    answerText(screen, 'Constitution art. 2');
    await expectPrompt('Note (optional):');
    answerText(screen, '');

    await expectPrompt('Is the sale of children an offence?');
    choose(screen, 'No');
    await expectPrompt('Citation of national law');
    answerText(screen, '');
    await expectPrompt('Note (optional):');
    answerText(screen, 'No specific offence');

    // sale-penalty and sale-penalty-prison depend on "yes/partly": skipped.
    await expectPrompt('Is improperly inducing consent for the adoption of a child an offence?');
    expect(readAssessment(file).answers['sale-penalty']?.answer).toBe('skipped');
    expect(screen.getScreen()).toContain('Not applicable');
    choose(screen, 'Back to the previous question');

    await expectPrompt('Is the sale of children an offence?');
    // Revisiting: the saved answer is preselected and the note prefilled.
    expect(screen.getScreen()).toMatch(/❯ No/);
    choose(screen, 'Partly');
    await expectPrompt('Citation of national law');
    answerText(screen, 'Penal Code s. 1');
    await expectPrompt('Note (optional): ("-" clears) No specific offence');
    answerText(screen, 'Covers sale for sexual purposes only', 'No specific offence'.length);

    // The changed answer brings sale-penalty back.
    await expectPrompt('Is the offence punishable by an appropriate penalty?');
    choose(screen, 'Mark for later');

    await expectPrompt('Is improperly inducing consent for the adoption of a child an offence?');
    choose(screen, 'Menu…');
    await expectPrompt('Menu');
    expect(screen.getScreen()).toContain('marked for later (1)');
    choose(screen, 'Jump to a chapter…');
    await expectPrompt('Jump to which chapter?');
    expect(screen.getScreen()).toMatch(/Prevention.*\(no questions\)/);
    choose(screen, '1. General measures');
    await expectPrompt('On what date did the State ratify');
    expect(screen.getScreen()).toContain('Change the answer');
    ctrlC(screen);

    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`To continue: opsc assess a.yaml --catalog ${FLOW_CATALOG}`);
    expect(result.stdout).toContain('Chapter 3 of 4 — Prohibition · question 3 of 7 · art. 3(1)(a)');
    expect(result.stdout).toContain('Saved answer: no · note: No specific offence');

    const saved = readAssessment(file);
    expect(saved.assessor).toBe('Ministry of Justice');
    expect(saved.country).toEqual({ code: 'KEN', name: 'Kenya' });
    expect(saved.answers).toMatchObject({
      'ratification-date': { text: '2002-01-18', notes: null },
      'protocol-status': { answer: 'yes', citation: 'Constitution art. 2', notes: null },
      'sale-offence': { answer: 'partly', citation: 'Penal Code s. 1', notes: 'Covers sale for sexual purposes only' },
      'sale-penalty': { answer: 'unknown', flagged: true },
      'sale-penalty-prison': { answer: 'skipped' },
      'adoption-consent': { answer: null },
      'victim-support': { answer: null },
    });
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('resumes at the first unanswered question, comes back to what was marked for later, and finishes', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const q = createQuestionnaire(catalog);
    let a = newAssessment(q, { country: { code: 'KEN', name: 'Kenya' }, now: '2026-01-01' });
    a = applyAnswer(q, a, 'ratification-date', { text: '2002' }, '2026-01-01');
    a = applyAnswer(q, a, 'protocol-status', { answer: 'yes' }, '2026-01-01');
    a = applyAnswer(q, a, 'sale-offence', { answer: 'yes' }, '2026-01-01');
    a = applyAnswer(q, a, 'sale-penalty', { answer: 'unknown', flagged: true }, '2026-01-01');
    // A note of several lines, as an editor allows: Enter on the note field must keep it whole.
    a = applyAnswer(q, a, 'adoption-consent', { notes: 'Line one\nLine two' }, '2026-01-01');
    writeFileSync(file, serializeAssessment(a, { schemaPath: 'x.json', catalog }));
    // A temporary file left by a write that a crash interrupted, and an unrelated file.
    writeFileSync(join(dir, '.a.yaml.0123456789ab.tmp'), 'instrument: op');
    writeFileSync(join(dir, '.a.yaml.keep'), 'mine');

    const run = start(dir);
    await expectPrompt('Is improperly inducing consent for the adoption of a child an offence?');
    choose(screen, 'Not applicable');
    await expectPrompt('Note (optional): (Enter keeps the saved text');
    answerText(screen, '');
    await expectPrompt('Does the law provide support services');
    await answerWith('No');

    await expectPrompt('What next?');
    choose(screen, 'Go through the 1 marked for later');
    await expectPrompt('Is the offence punishable by an appropriate penalty?');
    expect(screen.getScreen()).toMatch(/❯ Unknown/);
    await answerWith('Yes', 'Penal Code s. 2');

    // Answering "yes" brought back the question that depends on it.
    await expectPrompt('What next?');
    choose(screen, 'Answer the 1 unanswered question(s)');
    await expectPrompt('Does the penalty include imprisonment?');
    await answerWith('Yes');

    await expectPrompt('What next?');
    choose(screen, 'Finish');
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Every question is answered.');
    expect(result.stdout).toContain('Check it with: opsc validate a.yaml');
    const saved = readAssessment(file);
    expect(saved.answers['sale-penalty']).toEqual({
      answer: 'yes',
      citation: 'Penal Code s. 2',
      notes: null,
      asked: expect.any(String),
    });
    expect(saved.answers['adoption-consent']).toMatchObject({ answer: 'not-applicable', notes: 'Line one\nLine two' });
    expect(result.stdout).toContain('Saved: Line one ⏎ Line two');
    expect(result.stdout).toContain('━━ Chapter 4 of 4: Victims');
    expect(saved.answers['sale-penalty-prison']?.answer).toBe('yes');
    expect(readdirSync(dir).sort()).toEqual(['.a.yaml.keep', 'a.yaml']);
  });

  it('asks the country and assessor for a new file, named after the country and date', async () => {
    const dir = tempDir();
    const run = runInProcess(['assess', '--catalog', FLOW_CATALOG], { cwd: dir, tty: true, env: ENV });
    await expectPrompt('Country');
    screen.type('keny');
    await screen.next();
    expect(screen.getScreen()).toContain('Kenya (KEN)');
    screen.keypress('enter');
    await expectPrompt('Assessor');
    answerText(screen, 'Law Commission');
    await expectPrompt('On what date did the State ratify');
    ctrlC(screen);
    const result = await run;
    expect(result.code).toBe(130);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^opsc-KEN-\d{4}-\d{2}-\d{2}\.yaml$/);
    const saved = readAssessment(join(dir, files[0] as string));
    expect(saved).toMatchObject({ country: { code: 'KEN', name: 'Kenya' }, assessor: 'Law Commission' });
  });

  it('Ctrl-C before the file exists writes nothing', async () => {
    const dir = tempDir();
    const run = runInProcess(['assess', '--catalog', FLOW_CATALOG], { cwd: dir, tty: true, env: ENV });
    await expectPrompt('Country');
    ctrlC(screen);
    const result = await run;
    expect(result.code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('on a file made with another catalog version: says what changed, keeps answers, asks only what is new', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const q = createQuestionnaire(catalog);
    let a = newAssessment(q, { country: { code: 'KEN', name: 'Kenya' }, now: '2026-01-01' });
    const answer = (id: string, answer: 'yes' | 'no', citation: string | null = null) => {
      a = applyAnswer(q, a, id, { answer, citation }, '2026-01-01');
    };
    a = applyAnswer(q, a, 'ratification-date', { text: '2002' }, '2026-01-01');
    answer('protocol-status', 'yes', 'Constitution art. 2');
    answer('sale-offence', 'yes');
    answer('sale-penalty', 'yes');
    answer('sale-penalty-prison', 'no', 'Penal Code s. 9');
    answer('adoption-consent', 'yes');
    answer('victim-support', 'yes');
    writeFileSync(file, serializeAssessment(a, { schemaPath: 'x.json', catalog }));

    const v2 = editedCatalog(FLOW_CATALOG, {
      'instrument.yaml': [['version: 1.0.0', 'version: 1.1.0']],
      '10-general.yaml': [['Can the Protocol be invoked before national courts?', 'Can courts apply the Protocol?']],
      '20-prohibition.yaml': [
        [
          '      - id: sale-penalty-prison\n        text: Does the penalty include imprisonment?\n        when: { question: sale-penalty, in: [yes] }\n',
          '',
        ],
      ],
      '30-victims.yaml': [
        [
          '      - id: victim-support\n',
          '      - id: victim-hearing\n        text: Can children be heard by video link?\n      - id: victim-support\n',
        ],
      ],
    });
    const run = runInProcess(['assess', 'a.yaml', '--catalog', v2], { cwd: dir, tty: true, env: ENV });
    await expectPrompt('Can children be heard by video link?');
    await answerWith('Partly', 'Evidence Act s. 5');
    await expectPrompt('What next?');
    choose(screen, 'Menu…');
    await expectPrompt('Menu');
    choose(screen, 'Check answers whose question changed (1)');
    await expectPrompt('Can courts apply the Protocol?');
    await answerWith('Yes');
    await expectPrompt('What next?');
    choose(screen, 'Finish');
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('This assessment was made with catalog 1.0.0; the catalog is now 1.1.0.');
    expect(result.stdout).toContain('New questions, to be asked (1): victim-hearing');
    expect(result.stdout).toContain('Removed questions, answers kept under "retired" (1): sale-penalty-prison');
    expect(result.stdout).toMatch(/Changed questions.*\(1\): protocol-status/);

    const saved = readAssessment(file, loadCatalogDir(v2));
    expect(saved.catalog.version).toBe('1.1.0');
    expect(saved.answers['victim-hearing']).toMatchObject({ answer: 'partly', citation: 'Evidence Act s. 5' });
    // Prefilled citation kept when the changed question was confirmed.
    expect(saved.answers['protocol-status']).toMatchObject({ answer: 'yes', citation: 'Constitution art. 2' });
    expect(saved.answers['sale-penalty-prison']).toBeUndefined();
    expect(saved.retired?.['sale-penalty-prison']).toMatchObject({ answer: 'no', citation: 'Penal Code s. 9' });
  });

  it('never overwrites changes another program made to the file meanwhile', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const run = start(dir, ['--country', 'KEN', '--assessor', 'T']);
    await expectPrompt('On what date did the State ratify');
    choose(screen, 'Write the answer');
    await expectPrompt('Answer:');
    answerText(screen, '2002');
    await expectPrompt('Note');
    const edited = `${readFileSync(file, 'utf8')}# edited in another window\n`;
    writeFileSync(file, edited);
    answerText(screen, 'my note');
    const result = await run;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('was changed by another program');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const copy = readdirSync(dir).find((f) => f.includes('.conflict-'));
    expect(copy).toBeDefined();
    expect(readAssessment(join(dir, copy as string)).answers['ratification-date']?.notes).toBe('my note');
    expect(existsSync(file)).toBe(true);
  });

  it('continues a form filled in offline: asks for the placeholder country, keeps a copy when it has hand-written comments', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.yaml');
    const form = renderTemplate(catalog, { schemaPath: 'x.json', now: '2026-01-01' })
      .replace('  ratification-date:\n    text: null', '  ratification-date:\n    text: "2002-01-18"')
      .replace(
        '  protocol-status:\n    answer: null',
        '  # checked with the Attorney General\n  protocol-status:\n    answer: partly',
      );
    writeFileSync(file, form);

    const run = start(dir);
    await expectPrompt('Country');
    screen.type('XAB');
    await screen.next();
    expect(screen.getScreen()).toContain('XAB — a fictional or training country');
    screen.keypress('enter');
    await expectPrompt('Is the sale of children an offence?');
    ctrlC(screen);
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('has the placeholder country "XXX"');
    const backup = /the file as it was is kept in (a\.yaml\.\d{4}-\d{2}-\d{2}T\d{6}Z\.bak)/.exec(result.stdout)?.[1];
    expect(backup).toBeDefined();
    expect(readFileSync(join(dir, backup as string), 'utf8')).toBe(form);
    const saved = readAssessment(file);
    expect(saved.country).toEqual({ code: 'XAB' });
    expect(saved.answers['ratification-date']?.text).toBe('2002-01-18');
    expect(saved.answers['protocol-status']?.answer).toBe('partly');
  });

  it('makes no copy of a file that has only the comments opsc writes', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.yaml'),
      renderTemplate(catalog, { schemaPath: 'x.json', now: '2026-01-01', country: { code: 'KEN', name: 'Kenya' } }),
    );
    const run = start(dir);
    await expectPrompt('On what date did the State ratify');
    ctrlC(screen);
    expect((await run).code).toBe(130);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });
});
