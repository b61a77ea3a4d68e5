import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

// `npm install` must not need Python or a C++ compiler (review F-4). npm runs `node-gyp rebuild`
// for any package with an install script or a binding.gyp; node-gyp leaves build/config.gypi
// behind. The lockfile and the installed tree are checked, so the test fails on the node-pty
// that compiled from source.

interface LockPackage {
  hasInstallScript?: boolean;
  dev?: boolean;
}

function packageDirs(dir: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      packageDirs(path, found);
      continue;
    }
    found.push(path);
    packageDirs(join(path, 'node_modules'), found);
  }
  return found;
}

describe('installing needs no native build (F-4)', () => {
  it('no package in the lockfile has an install script', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockPackage>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, pkg]) => pkg.hasInstallScript)
      .map(([path]) => path);
    expect(withScripts).toEqual([]);
  });

  it('after npm ci, no installed package has a binding.gyp or a node-gyp build', () => {
    const dirs = packageDirs(join(ROOT, 'node_modules'));
    expect(dirs.length).toBeGreaterThan(50);
    const compiled = dirs.filter(
      (dir) => existsSync(join(dir, 'binding.gyp')) || existsSync(join(dir, 'build', 'config.gypi')),
    );
    expect(compiled).toEqual([]);
  });

  it('the terminal driver for tests is the prebuilt @lydell/node-pty, and package.json allows no scripts', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['node-pty']).toBeUndefined();
    expect(pkg.devDependencies['@lydell/node-pty']).toBe('1.1.0');
    expect(pkg.allowScripts).toBeUndefined();
  });
});

describe('repository hygiene (m-19)', () => {
  it('no log file is committed and *.log is ignored', () => {
    expect(existsSync(join(ROOT, 'node_trace.1.log'))).toBe(false);
    const ignore = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toContain('*.log');
  });
});
