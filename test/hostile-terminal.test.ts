import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { neutralise, styler, terminalText } from '../src/text/terminal.js';
import { tempDir } from './helpers/catalogs.js';
import { ROOT, runBin, runInProcess } from './helpers/cli.js';
import { KEY, Terminal } from './helpers/pty.js';

/**
 * S1 (reliability review 2026-12): no text from a file reaches the terminal with its control
 * characters. The payload sets the title (OSC 0), writes the clipboard (OSC 52), adds a hidden
 * link (OSC 8), clears the screen (CSI 2J, also as the 8-bit C1 CSI), rings the bell and
 * reverses text (U+202E). As a YAML double-quoted string:
 */
const PAYLOAD =
  '\\e]0;PWNED\\a\\e]52;c;ZWNobyBwd25lZA==\\a\\e]8;;http://evil.example\\e\\\\link\\e]8;;\\e\\\\\\e[2J\\e[8m\\x9b2J\\u202e\\r';
/** The characters none of which may reach the output. */
const FORBIDDEN = /[\u0007\u001b\u009b\u202e]|\r(?!\n)/;

const DEMO = join(ROOT, 'fixtures/assessments/xaa-aldoria.yaml');
const MINIMAL = join(ROOT, 'fixtures/catalogs/minimal');

let dir: string;
beforeAll(() => {
  dir = tempDir();
  const demo = readFileSync(DEMO, 'utf8');
  const poison = (text: string) =>
    text
      .replace('  name: Republic of Aldoria', `  name: "Aldoria${PAYLOAD}"`)
      .replace(/^assessor: .*$/m, `assessor: "Office${PAYLOAD}"`)
      .replace(/^ {4}notes: .*$/m, `    notes: "note${PAYLOAD}"`)
      .replace(/^ {4}citation: .*$/m, `    citation: "cite${PAYLOAD}"`)
      // Catalog 2.0 has no free-text questions: the free text of an assessment is its status of the Protocol.
      .replace(/^ {2}nationalLaw: .*$/m, `  nationalLaw: "text${PAYLOAD}"`);
  // Valid (so score and report run), with a warning that quotes a file value: catalog.version.
  writeFileSync(join(dir, 'poison.yaml'), poison(demo).replace(/^ {2}version: (.*)$/m, `  version: "$1${PAYLOAD}"`));
  for (const field of [
    'name: "Aldoria',
    'assessor: "Office',
    'notes: "note',
    'citation: "cite',
    'nationalLaw: "text',
  ]) {
    expect(readFileSync(join(dir, 'poison.yaml'), 'utf8')).toContain(field);
  }
  // Errors that quote file values: instrument, an unknown key, a duplicate key.
  writeFileSync(
    join(dir, 'invalid.yaml'),
    poison(demo)
      .replace('instrument: opsc', `instrument: "x${PAYLOAD}"`)
      .replace(/^assessor:/m, `"key${PAYLOAD}": 1\n"dup${PAYLOAD}": 1\n"dup${PAYLOAD}": 2\nassessor:`),
  );
  // A file whose very name carries the payload.
  writeFileSync(join(dir, 'name\u001b]0;FILE\u0007\u001b[2J.yaml'), 'nothing: here\n');
  // A catalog with the payload in its titles, texts and help.
  const catalog = join(dir, 'catalog');
  mkdirSync(catalog);
  cpSync(MINIMAL, catalog, { recursive: true });
  const offences = join(catalog, 'offences.yaml');
  writeFileSync(
    offences,
    readFileSync(offences, 'utf8')
      .replace('title: The practice is an offence', `title: "The practice${PAYLOAD}"`)
      .replace(
        'text: Does the criminal law define the practice as an offence?',
        `text: "Does the law define it?${PAYLOAD}"\n        help: "help${PAYLOAD}"`,
      ),
  );
  const instrument = join(catalog, 'instrument.yaml');
  writeFileSync(
    instrument,
    readFileSync(instrument, 'utf8').replace('    title: Offences', `    title: "Offences${PAYLOAD}"`),
  );
  writeFileSync(
    join(dir, 'mini.yaml'),
    [
      'instrument: demo',
      'catalog: {version: 1.0.0}',
      `country: {code: XAA, name: "Land${PAYLOAD}"}`,
      `assessor: "A${PAYLOAD}"`,
      'answers:',
      `  offence-defined: {answer: "yes", citation: "cite${PAYLOAD}", notes: "note${PAYLOAD}"}`,
      '',
    ].join('\n'),
  );
});

const COMMANDS: [string, string[], number[]][] = [
  ['score', ['score', 'poison.yaml'], [0]],
  ['score --json', ['score', 'poison.yaml', '--json'], [0]],
  ['score (diagnostics on stderr)', ['score', 'invalid.yaml'], [2]],
  ['report md', ['report', 'poison.yaml', '--format', 'md'], [0]],
  ['report csv', ['report', 'poison.yaml', '--format', 'csv'], [0]],
  ['report json', ['report', 'poison.yaml', '--format', 'json'], [0]],
  ['report pdf (diagnostics)', ['report', 'invalid.yaml', '-o', 'x.pdf'], [2]],
  ['validate stylish', ['validate', 'invalid.yaml', 'poison.yaml'], [1]],
  ['validate file name', ['validate', 'name\u001b]0;FILE\u0007\u001b[2J.yaml'], [1]],
  ...(['github', 'json', 'sarif', 'junit'] as const).map((f): [string, string[], number[]] => [
    `validate ${f}`,
    ['validate', 'invalid.yaml', '--format', f],
    [1],
  ]),
  ['validate a catalog', ['validate', 'catalog'], [0]],
  ['list --catalog', ['list', '--catalog', 'catalog'], [0]],
  ['list --json', ['list', '--catalog', 'catalog', '--json'], [0]],
  ['template --catalog', ['template', '--catalog', 'catalog'], [0]],
  ['score --catalog', ['score', 'mini.yaml', '--catalog', 'catalog'], [0]],
  ['report md --catalog', ['report', 'mini.yaml', '--catalog', 'catalog', '--format', 'md'], [0]],
  // Commands added after the output edge: covered without a line of their own.
  ['diff', ['diff', DEMO, 'poison.yaml'], [0, 1]],
  ['compare', ['compare', DEMO, 'poison.yaml', '--format', 'md'], [0, 1]],
  ['diff', ['diff', 'mini.yaml', 'mini.yaml', '--catalog', 'catalog'], [0]],
  ['diff md', ['diff', 'mini.yaml', 'mini.yaml', '--catalog', 'catalog', '--format', 'md'], [0]],
  ['diff json', ['diff', 'mini.yaml', 'mini.yaml', '--catalog', 'catalog', '--format', 'json'], [0]],
  ['score --baseline', ['score', 'mini.yaml', '--catalog', 'catalog', '--baseline', 'mini.yaml'], [0]],
];

describe('S1: a poisoned file through every command', () => {
  it.each(COMMANDS)('%s: no control character reaches the output', async (_, argv, codes) => {
    for (const env of [{}, { FORCE_COLOR: '1' }]) {
      const result = await runInProcess(argv, { cwd: dir, env });
      expect(codes, result.stderr).toContain(result.code);
      // Colour forced: opsc's own SGR sequences, nothing else that starts with ESC.
      expect((result.stdout + result.stderr).replace(/\u001b\[\d{1,2}m/g, '')).not.toMatch(FORBIDDEN);
      // The text is still there, only made visible (JUnit drops what XML cannot hold; a clean
      // catalog quotes nothing).
      if (!/junit|a catalog/.test(_)) expect(result.stdout + result.stderr).toMatch(/\\u001b|u001b/);
    }
  });

  it('through the real bin too, with colour forced', () => {
    for (const [, argv, codes] of COMMANDS.slice(0, 8)) {
      const result = runBin(argv, { cwd: dir, env: { FORCE_COLOR: '1' } });
      expect(codes, result.stderr).toContain(result.code);
      // Only opsc's own colours: SGR sequences, nothing else that starts with ESC.
      const text = (result.stdout + result.stderr).replace(/\u001b\[\d{1,2}m/g, '');
      expect(text).not.toMatch(FORBIDDEN);
    }
  });

  it('opsc assess: the screens, the saved-answer line and the review show the payload inert', {
    timeout: 60_000,
  }, async () => {
    const term = new Terminal(['assess', 'mini.yaml', '--catalog', 'catalog'], dir, { NO_COLOR: '' });
    try {
      await term.waitFor('Is the offence punishable');
      term.write(KEY.down);
      term.write(KEY.down);
      term.write(KEY.down);
      term.write(KEY.down);
      term.write(KEY.down);
      term.write(KEY.down);
      await term.waitFor('Back to the previous question');
      term.write(KEY.enter); // Back: the saved answer of offence-defined is shown
      await term.waitFor('Saved answer:');
      await term.waitFor('Does the law define it?');
      term.write(KEY.ctrlC);
      const { exitCode } = await term.exited;
      expect(exitCode).toBe(130);
    } finally {
      term.kill();
    }
    const raw = term.raw;
    // The prompts draw with their own CSI sequences; none of the payload's may get through.
    expect(raw).not.toMatch(/\u001b\]|\u001b\[2J|\u001b\[8m|\u0007|\u009b|\u202e/);
    expect(raw).toContain('\\u001b]52;c;ZWNobyBwd25lZA==');
  });
});

describe('the output edge', () => {
  it('shows control characters and bidi overrides as \\u escapes that JSON reads back', () => {
    const text = 'a\u001b[2Jb\u0007c\u009bd\u202ee\u2066f\rg\r\nh\ti\u0000';
    const shown = neutralise(text);
    expect(shown).toBe('a\\u001b[2Jb\\u0007c\\u009bd\\u202ee\\u2066f\\u000dg\r\nh\ti\\u0000');
    expect(JSON.parse(`"${neutralise(JSON.stringify(text).slice(1, -1))}"`)).toBe(text);
  });

  it('lets only opsc own styles through, which a file cannot forge', () => {
    const color = styler();
    const out = terminalText(color.red(`x${color.bold('y')}z`));
    expect(out).toBe('\u001b[31mx\u001b[1my\u001b[22mz\u001b[39m');
    // A file holding the marker characters gets them made visible, not turned into styles.
    const forged = terminalText('\ufdd0000000000000000031\ufdd1');
    expect(forged).not.toContain('\u001b');
  });
});
