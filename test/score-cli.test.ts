import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runners } from './helpers/cli.js';

const SAMPLE = ['--catalog', 'fixtures/catalogs/sample'];
const VERENIA = 'fixtures/sample-assessments/xab-verenia.yaml';
const ALDORIA = 'fixtures/sample-assessments/xaa-aldoria.yaml';

describe.each(runners)('opsc score (%s)', (_name, run) => {
  it('prints overall, chapters with bars and the top gaps', async () => {
    const result = await run(['score', VERENIA, ...SAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^OPSC score: Commonwealth of Verenia \(XAB, fictional or training country\)/);
    expect(result.stdout).toMatch(
      /Overall \(treaty obligations\) +\d+(\.\d)? \/ 100 +completeness 100% \(9 of 9 questions answered\)/,
    );
    // Optional treaty measures: counted as used / partly used / not used, never "Not met".
    expect(result.stdout).toMatch(/Optional treaty measures +0 used, 1 partly used, 1 not used/);
    expect(result.stdout).toMatch(/Not used +Jurisdiction over offences committed abroad by nationals/);
    expect(result.stdout).not.toMatch(/Not met .*Jurisdiction over offences committed abroad/);
    expect(result.stdout).toMatch(/Prohibition of the offences +█+░+ +\d/);
    expect(result.stdout).toContain('Most important gaps');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the documented JSON shape with --json', async () => {
    const result = await run(['score', VERENIA, ...SAMPLE, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['overall', 'recommended', 'optional', 'chapters', 'obligations']);
    expect(json.optional).toMatchObject({ obligations: 2, used: 0, partlyUsed: 1, notUsed: 1 });
    expect(Object.keys(json.overall)).toEqual(['score', 'completeness']);
    expect(json.overall.completeness).toBe(1);
    expect(json.overall.score).toBeGreaterThan(0);
    expect(json.overall.score).toBeLessThan(100);
    expect(json.recommended).toHaveProperty('score');
    expect(Object.keys(json.chapters[0])).toEqual(['id', 'title', 'score', 'completeness']);
    expect(json.obligations[0]).toEqual({
      id: 'protocol-status',
      title: 'The Protocol has a defined status in national law',
      chapter: 'general-measures',
      strength: 'mandatory',
      tier: 'treaty obligation',
      provisions: ['1'],
      status: 'unmet',
      score: 0,
    });
  });

  it('exits 1 under --fail-under and 0 at or above it', async () => {
    const score = JSON.parse((await run(['score', VERENIA, ...SAMPLE, '--json'])).stdout).overall.score as number;
    const under = await run(['score', VERENIA, ...SAMPLE, '--json', '--fail-under', String(Math.ceil(score + 1))]);
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(/overall score [\d.]+ is under --fail-under/);
    expect((await run(['score', VERENIA, ...SAMPLE, '--fail-under', String(Math.floor(score))])).code).toBe(0);
    const complete = await run(['score', ALDORIA, ...SAMPLE, '--fail-under', '50']);
    expect(complete.code).toBe(0);
    expect(complete.stderr).not.toContain('incomplete');
  });

  it('exits 2 on a bad --fail-under, a missing file and an invalid assessment', async () => {
    const bad = await run(['score', VERENIA, ...SAMPLE, '--fail-under', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-under takes a score from 0 to 100');
    const missing = await run(['score', 'no-such-file.yaml', ...SAMPLE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-file.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'opsc-score-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'instrument: opsc\ncatalog: { version: 0.1.0-sample }\ncountry: { code: XAB }\nanswers:\n  csam-production: { answer: maybe }\n',
    );
    const invalid = await run(['score', file, ...SAMPLE]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/broken\.yaml:5:\d+/);
    expect(invalid.stdout).toBe('');
  });
});

describe.each(runners)('opsc score and report on an empty assessment (%s)', (_name, run) => {
  it('reports no score and 0% completeness rather than a guess, and fails any --fail-under', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsc-empty-'));
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, 'instrument: opsc\ncatalog: { version: 0.1.0-sample }\ncountry: { code: XZZ }\nanswers: {}\n');
    const json = JSON.parse((await run(['score', file, ...SAMPLE, '--json'])).stdout);
    expect(json.overall).toEqual({ score: null, completeness: 0 });
    expect(json.obligations.every((o: { status: string }) => o.status === 'unanswered')).toBe(true);
    const gate = await run(['score', file, ...SAMPLE, '--fail-under', '0']);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('the assessment is incomplete (0% answered)');
    const md = await run(['report', file, ...SAMPLE, '--format', 'md', '--date', '2026-03-01']);
    expect(md.stdout).toContain('**Overall score: none yet (nothing answered)**');
  });
});

describe.each(runners)('demo fixtures (%s)', (_name, run) => {
  it('the demo assessments are complete and valid against the bundled catalog', async () => {
    const files = readdirSync('fixtures/assessments')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `fixtures/assessments/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const result = await run(['validate', ...files]);
    expect(result.stdout).toMatch(/No problems/);
    expect(result.code).toBe(0);
    for (const file of files) {
      const json = JSON.parse((await run(['score', file, '--json'])).stdout);
      expect(json.overall.completeness, `${file} is incomplete: run "npm run demo:assessments"`).toBe(1);
    }
  });
});

describe.each(runners)('score and report on a 1.1.0 assessment with catalog 2.0 (%s)', (_name, run) => {
  const OLD = 'fixtures/assessments-1.1.0/xaa-aldoria.yaml';

  it('score migrates in memory: one note naming the retired and new questions, no warning per question', async () => {
    const result = await run(['score', OLD, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^opsc: note: .*xaa-aldoria\.yaml was answered against catalog 1\.1\.0; it is scored after migration to 2\.0\.0 in memory \(the file is not changed\): 47 answers to retired questions set aside \(listed in the report, not scored\); \d+ new questions not yet answered\. Run "opsc assess .*" to update the file\.\n$/,
    );
    expect(result.stderr).not.toContain('unknown-question');
    const json = JSON.parse(result.stdout);
    expect(json.overall.completeness).toBeLessThan(1);
    expect(json.overall.score).not.toBeNull();
  });

  it('report lists the retired answers and says which catalog the answers were for', async () => {
    const result = await run(['report', OLD, '--format', 'json']);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout);
    expect(model.retired).toHaveLength(47);
    expect(model.retired.map((r: { questionId: string }) => r.questionId)).toContain('penalty-sale');
    expect(model.catalogNote).toMatch(/catalog version 1\.1\.0/);
    const md = await run(['report', OLD, '--format', 'md']);
    expect(md.stdout).toContain('### Answers to retired questions');
    expect(md.stdout).toMatch(/- penalty-sale: \w/);
  });

  it('validate still warns per retired answer, at its line, and exits 0', async () => {
    const result = await run(['validate', OLD, '--format', 'json']);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout) as { rule: string; severity: string }[];
    expect(found.filter((d) => d.rule === 'unknown-question')).toHaveLength(47);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
  });
});
