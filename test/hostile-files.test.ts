import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/catalogs.js';
import { BIN, ROOT, runBin, runInProcess } from './helpers/cli.js';

/** Non-regular files, full disks and odd dates (reliability review 2026-12: S2, C2, C4, D2, C5, W4, W5). */
const DEMO = join(ROOT, 'fixtures/assessments/xaa-aldoria.yaml');
const MINIMAL = join(ROOT, 'fixtures/catalogs/minimal');
const posix = process.platform !== 'win32';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  if (posix) execFileSync('mkfifo', [join(dir, 'fifo.yaml'), join(dir, 'out-fifo')]);
});

describe.runIf(posix)('C2: only regular files are read', () => {
  it.each([
    ['/dev/zero', /\/dev\/zero: it is a character device, not a regular file/],
    ['fifo.yaml', /fifo\.yaml: it is a FIFO \(named pipe\), not a regular file/],
  ])('%s is refused before reading, without blocking', (path, message) => {
    for (const argv of [
      ['validate', path],
      ['score', path],
      ['report', path, '--format', 'md'],
    ]) {
      const result = runBin(argv, { cwd: dir });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('a *.yaml symlink to /dev/zero or a FIFO inside a catalog folder is refused', () => {
    for (const [name, target] of [
      ['99-evil.yaml', '/dev/zero'],
      ['98-fifo.yaml', join(dir, 'fifo.yaml')],
    ] as const) {
      const catalog = join(dir, `catalog-${name}`);
      mkdirSync(catalog);
      for (const file of ['instrument.yaml', 'offences.yaml']) {
        writeFileSync(join(catalog, file), readFileSync(join(MINIMAL, file)));
      }
      symlinkSync(target, join(catalog, name));
      const result = runBin(['validate', catalog], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`${name}: it is a (character device|FIFO)`));
    }
  });
});

describe.runIf(posix)('S2: -o never replaces anything but a regular file', () => {
  it('refuses a FIFO, a socket, a folder and a symlink to a device, and leaves them as they were', async () => {
    const socket = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    mkdirSync(join(dir, 'folder'));
    symlinkSync('/dev/null', join(dir, 'devnull-link'));
    try {
      for (const [target, kind] of [
        ['out-fifo', 'a FIFO (named pipe)'],
        ['sock', 'a socket'],
        ['folder', 'a folder'],
        ['devnull-link', 'a character device'],
      ] as const) {
        for (const argv of [
          ['validate', DEMO, '-o', target],
          ['report', DEMO, '--format', 'md', '-o', target],
          ['report', DEMO, '-o', target],
          ['template', '--force', '-o', target],
        ]) {
          const before = lstatSync(join(dir, target));
          const result = await runInProcess(argv, { cwd: dir });
          expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(2);
          expect(result.stderr).toContain(`is ${kind}, not a regular file`);
          const after = lstatSync(join(dir, target));
          expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
        }
      }
    } finally {
      server.close();
    }
  });

  it.runIf(process.getuid?.() === 0)('as root, a device node is not replaced by a file', () => {
    const node = join(dir, 'mynull');
    execFileSync('mknod', [node, 'c', '1', '3']);
    const result = runBin(['validate', DEMO, '-o', node], { cwd: dir });
    expect(result.code).toBe(2);
    expect(lstatSync(node).isCharacterDevice()).toBe(true);
  });
});

describe('W5: -o - is standard output for every command that writes', () => {
  it.each([
    [['validate', DEMO, '-o', '-'], /No problems/],
    [['template', '-o', '-'], /^# yaml-language-server/],
    [['report', DEMO, '--format', 'md', '-o', '-'], /^# OPSC legislative gap report/],
  ])('%j', async (argv, output) => {
    const cwd = tempDir();
    const result = await runInProcess(argv, { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(output);
    expect(() => lstatSync(join(cwd, '-'))).toThrow();
  });

  it('an empty -o is a usage error that says so (K10)', async () => {
    for (const argv of [
      ['template', '-o', ''],
      ['validate', DEMO, '-o', ''],
    ]) {
      const result = await runInProcess(argv, { cwd: tempDir() });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--output needs a file name');
    }
  });
});

describe.runIf(posix)('C4 and D2: a failed write to standard output', () => {
  it.each([['score', DEMO], ['template'], ['list'], ['report', DEMO, '--format', 'md']])(
    'to /dev/full: a message and exit 2, never a stack trace (%s)',
    (...argv) => {
      const fd = openSync('/dev/full', 'w');
      try {
        const result = spawnSync(process.execPath, [BIN, ...argv], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        expect(result.status).toBe(2);
        expect(result.stderr).toBe('opsc: cannot write standard output: no space left on the device.\n');
      } finally {
        closeSync(fd);
      }
    },
  );

  it('a short write (file size limit reached part-way) is an error, not a truncated success', () => {
    const out = join(dir, 'limited.md');
    // 16 blocks of 512 bytes: the report is far larger. SIGXFSZ ignored, so write() fails with EFBIG.
    const result = spawnSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f 16; exec "$0" "$@" > "${out}"`,
        process.execPath,
        BIN,
        'report',
        DEMO,
        '--format',
        'md',
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('opsc: cannot write standard output: the file is too large.\n');
  });

  it('a closed pipe stays quiet', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"$0" "$@" | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`, process.execPath, BIN, 'list'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('rc=0\n');
  });
});

describe('C5, W4, K9: report dates outside 1970–9999 are usage errors', () => {
  it.each([
    [{ SOURCE_DATE_EPOCH: '99999999999999999' }, []],
    [{ SOURCE_DATE_EPOCH: '253402300800' }, []],
    [{}, ['--date', '0000-01-01']],
    [{}, ['--date', '1969-12-31']],
  ])('%j %j', async (env, args) => {
    const result = await runInProcess(['report', DEMO, '--format', 'md', ...args], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toMatch(/9999-12-31/);
  });

  it('the last second of 9999 is still a date', async () => {
    const result = await runInProcess(['report', DEMO, '--format', 'md'], {
      env: { SOURCE_DATE_EPOCH: '253402300799' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('9999-12-31');
  });
});
