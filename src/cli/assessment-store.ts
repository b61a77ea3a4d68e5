import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Assessment } from '../assessment/model.js';
import { foreignComments, serializeAssessment } from '../assessment/serialize.js';
import { assessmentHeader, renderTemplate } from '../assessment/template.js';
import type { Catalog } from '../catalog/model.js';
import { CliError } from './errors.js';
import { assessmentSchemaPath, displayPath, reason, writeFileAtomic } from './files.js';

/**
 * Writes the file atomically and refuses to overwrite changes made by someone else meanwhile
 * (an editor, a second `opsc assess`): this session's answers then go to a copy beside it.
 */
export function createAssessmentStore(path: string, shown: string, catalog: Catalog) {
  const schemaPath = assessmentSchemaPath(dirname(path));
  let last: string | undefined;
  const onDisk = (): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    /**
     * The file as loaded is ours to replace. Comments someone wrote into it by hand would not
     * survive the rewrite, so the file is first copied to NAME.<time>.bak (a new copy each
     * time, so an earlier backup is never replaced). Temporary files of writes
     * that a crash interrupted are removed.
     */
    adopt(loadedAssessment: Assessment): string | undefined {
      last = onDisk();
      removeStaleTemporaries(path);
      if (last === undefined) return undefined;
      const generated = [
        serializeAssessment(loadedAssessment, {
          schemaPath,
          catalog,
          header: assessmentHeader(loadedAssessment, catalog),
        }),
        renderTemplate(catalog, { schemaPath, now: '' }),
      ];
      if (foreignComments(last, generated).length === 0) return undefined;
      const backup = `${path}.${timestamp().replace(/:/g, '')}.bak`;
      writeFileAtomic(backup, last);
      return backup;
    },
    save(assessment: Assessment) {
      const generated = serializeAssessment(assessment, {
        schemaPath,
        catalog,
        header: assessmentHeader(assessment, catalog),
      });
      // A file with CRLF line endings keeps them (K5): every line would change in a diff otherwise.
      const text = last !== undefined && /\r\n/.test(last) ? generated.replace(/\r?\n/g, '\r\n') : generated;
      // Nothing changed in this session since the last save: nothing to write, and nothing to
      // dispute with another program that wrote meanwhile (W9).
      if (text === last) return;
      // Read, compare and rename under a lock, so that two sessions saving at the same instant
      // cannot both pass the check: the second one finds the first one's write (D1).
      withLock(path, shown, () => {
        const now = onDisk();
        if (now !== undefined && now !== last) {
          const copy = path.replace(/(\.ya?ml)?$/i, `.conflict-${timestamp().replace(/[:]/g, '')}.yaml`);
          writeFileAtomic(copy, text);
          throw new CliError(
            `${shown} was changed by another program (another opsc assess?) while this session was running, so it was not overwritten. The last answer of this session and every earlier one are in ${displayPath(copy, dirname(path))} beside it: compare the two, keep one, and run opsc assess again.`,
          );
        }
        writeFileAtomic(path, text);
        last = text;
      });
    },
  };
}

/**
 * An exclusive lock file beside the assessment (".NAME.lock", created with O_EXCL) held only for
 * the read–compare–rename of one save. A lock left by a process that no longer runs (killed in
 * those milliseconds) is taken over; one held by a live process is waited for, briefly.
 */
function withLock(path: string, shown: string, action: () => void): void {
  const lock = join(dirname(path), `.${basename(path)}.lock`);
  const owner = `${process.pid} ${hostname()}\n`;
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      try {
        writeSync(fd, owner);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new CliError(`Cannot write ${shown}: ${reason(error)}.`);
      if (staleLock(lock)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new CliError(
          `${shown} is being saved by another process (lock file ${displayPath(lock, dirname(path))}); if no opsc is running, delete that file and try again.`,
        );
      }
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
  try {
    action();
  } finally {
    rmSync(lock, { force: true });
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function staleLock(lock: string): boolean {
  try {
    const [pid, host] = readFileSync(lock, 'utf8').trim().split(' ');
    // A process killed between creating the lock and writing its pid leaves it empty: a live one
    // writes the pid within microseconds, so an empty lock older than a second is stale.
    if (!pid || !host) return Date.now() - statSync(lock).mtimeMs > 1000;
    if (host !== hostname()) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Being written this very moment, or already gone: not stale.
    return false;
  }
}

/** writeFileAtomic's temporary files for this file (".NAME.<12 hex>.tmp") left by a killed process. */
function removeStaleTemporaries(path: string): void {
  const name = basename(path);
  try {
    for (const entry of readdirSync(dirname(path))) {
      if (entry.startsWith(`.${name}.`) && /^\.[0-9a-f]{12}\.tmp$/.test(entry.slice(name.length + 1))) {
        rmSync(join(dirname(path), entry), { force: true });
      }
    }
  } catch {
    // Only tidying: never a reason to stop.
  }
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
