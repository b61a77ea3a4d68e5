import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSource, SourceFile } from '../catalog/load.js';
import type { Validators } from '../schema/check.js';
import { DEFAULT_LIMITS } from '../yaml/limits.js';
import type { KnownValue } from '../yaml/source.js';
import { CliError } from './errors.js';

/** The package root, found from this file whether it runs from src/ (tests) or dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLED_CATALOG = join(PACKAGE_ROOT, 'obligations', 'opsc');
/** Written by scripts/precompile-catalog.mjs at build time. */
export const PRECOMPILED_CATALOG = join(PACKAGE_ROOT, 'dist', 'bundled-catalog.json');

let precompiled: Record<string, unknown> | undefined;

/** The build-time parse of a bundled file with exactly these bytes, if there is one. */
function knownValue(bytes: Uint8Array): KnownValue | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = JSON.parse(readFileSync(PRECOMPILED_CATALOG, 'utf8')) as Record<string, unknown>;
    } catch {
      precompiled = {};
    }
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return Object.hasOwn(precompiled, hash) ? { value: structuredClone(precompiled[hash]) } : undefined;
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The assessment schema's path relative to `dir`, for the modeline of a file written there. */
export function assessmentSchemaPath(dir: string): string {
  return relative(dir, join(PACKAGE_ROOT, 'schemas', 'assessment.schema.json'))
    .split('\\')
    .join('/');
}

/** The schema validators, precompiled at build time by scripts/build-validators.mjs. */
export function loadValidators(): Validators {
  return createRequire(import.meta.url)(join(PACKAGE_ROOT, 'generated', 'validators.cjs')) as Validators;
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

export type PathKind = 'file' | 'directory';

export function pathKind(path: string, shown: string = path): PathKind {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    throw new CliError(`Cannot read ${shown}: ${reason(error)}.`);
  }
}

/**
 * Reads a file for the core. Only a regular file is read: a device (/dev/zero), a FIFO or a
 * socket, also behind a symlink, is refused before a byte is read (it could block or never end).
 * At most the size limit plus one byte is read, whatever the file's size claims; a file over the
 * limit is not kept: the core is told its size and reports it, so a 50 MB file costs nothing.
 */
export function readSource(absolute: string, shown: string): SourceFile {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what it is.
    fd = openSync(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new CliError(
        `Cannot read ${shown}: ${stats.isDirectory() ? 'it is a folder' : `it is ${kindOf(stats)}, not a regular file`}. opsc reads only regular files.`,
      );
    }
    if (stats.size > DEFAULT_LIMITS.maxBytes) return { path: shown, bytes: new Uint8Array(0), size: stats.size };
    const buffer = Buffer.alloc(Math.min(DEFAULT_LIMITS.maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > DEFAULT_LIMITS.maxBytes) return { path: shown, bytes: new Uint8Array(0), size: length };
        return readSourceGrowing(fd, buffer, shown);
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    const known = knownValue(bytes);
    return known ? { path: shown, bytes, known } : { path: shown, bytes };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${shown}: ${reason(error)}.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file that grew (or claimed size 0, as /proc files do) beyond the first buffer: read on, up to the limit. */
function readSourceGrowing(fd: number, start: Buffer, shown: string): SourceFile {
  const buffer = Buffer.alloc(DEFAULT_LIMITS.maxBytes + 1);
  start.copy(buffer);
  let length = start.length;
  while (length < buffer.length) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > DEFAULT_LIMITS.maxBytes) return { path: shown, bytes: new Uint8Array(0), size: length };
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  const known = knownValue(bytes);
  return known ? { path: shown, bytes, known } : { path: shown, bytes };
}

/** "a character device" and the like, for messages. */
export function kindOf(stats: Stats): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** The YAML files of a catalog folder, in file-name order. */
export function readCatalogDir(dir: string, cwd: string): CatalogSource {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
  } catch (error) {
    throw new CliError(`Cannot read the catalog folder ${displayPath(dir, cwd)}: ${reason(error)}.`);
  }
  names.sort();
  return {
    dir: displayPath(dir, cwd),
    files: names.map((name) => readSource(join(dir, name), displayPath(join(dir, name), cwd))),
  };
}

export function resolveCatalogDir(option: string | undefined, cwd: string): string {
  if (option === undefined) return BUNDLED_CATALOG;
  const dir = resolve(cwd, option);
  if (pathKind(dir, option) !== 'directory') {
    throw new CliError(`--catalog must be a catalog folder (with instrument.yaml), not a file: ${option}`);
  }
  return dir;
}

/** `-o -` means standard output, for every command that writes. */
export function isStdout(option: string | undefined): boolean {
  return option === undefined || option === '-';
}

/**
 * Where a command writes its output: never over one of the files it reads, never over an
 * existing YAML file — no output of opsc is YAML, so a .yaml there is someone's catalog or
 * answers — and never over anything but a regular file (checked again when writing).
 */
export function outputPath(option: string, cwd: string, inputs: readonly string[]): string {
  if (option.trim() === '') throw new CliError('--output needs a file name (or "-" for standard output).');
  const target = resolve(cwd, option);
  if (inputs.some((input) => sameFile(target, input))) {
    throw new CliError(`--output ${option} is a file this command reads; choose another name. Nothing was written.`);
  }
  if (/\.ya?ml$/i.test(target) && existsSync(target)) {
    throw new CliError(
      `--output ${option} is an existing YAML file (a catalog or an assessment?); opsc does not write over it. Choose another name. Nothing was written.`,
    );
  }
  refuseSpecial(target, option);
  return target;
}

/**
 * A device, FIFO, socket or folder (or a symlink to one, such as /dev/stdout) is never replaced:
 * the atomic write renames a new regular file over its target, which as root would turn
 * /dev/null into a file.
 */
export function refuseSpecial(target: string, shown: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(target);
    if (stats.isSymbolicLink()) stats = statSync(target);
  } catch {
    return; // Missing (or a dangling symlink): a new file is written.
  }
  if (stats.isFile()) return;
  throw new CliError(
    `--output ${shown} is ${kindOf(stats)}, not a regular file; opsc writes only regular files and never replaces anything else. Use "-o -" (or no -o) for standard output and redirect it. Nothing was written.`,
  );
}

function sameFile(a: string, b: string): boolean {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Writes by rename: the file on disk is always either the old or the new content, complete.
 * The temporary file sits beside the target so the rename stays on one file system.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  refuseSpecial(path, path);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, { flush: true });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing to clean up.
    }
    // The reason without the temporary file's name, which the user never asked for.
    throw new CliError(`Cannot write ${path}: ${reason(error, false)}.`);
  }
}

export function reason(error: unknown, withMessage = true): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENAMETOOLONG') return 'the name is too long';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  if (!withMessage && code) return code;
  return error instanceof Error ? error.message : String(error);
}
