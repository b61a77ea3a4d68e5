import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Assessment } from '../assessment/model.js';
import { foreignComments, serializeAssessment } from '../assessment/serialize.js';
import { assessmentHeader, renderTemplate } from '../assessment/template.js';
import type { Catalog } from '../catalog/model.js';
import { CliError } from './errors.js';
import { assessmentSchemaPath, displayPath, writeFileAtomic } from './files.js';

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
      const text = serializeAssessment(assessment, {
        schemaPath,
        catalog,
        header: assessmentHeader(assessment, catalog),
      });
      const now = onDisk();
      if (now !== undefined && now !== last) {
        const copy = path.replace(/(\.ya?ml)?$/i, `.conflict-${timestamp().replace(/[:]/g, '')}.yaml`);
        writeFileAtomic(copy, text);
        throw new CliError(
          `${shown} was changed by another program while opsc assess was running, so it was not overwritten. The answers of this session are in ${displayPath(copy, dirname(path))} beside it: compare the two, keep one, and run opsc assess again.`,
        );
      }
      if (text === last) return;
      writeFileAtomic(path, text);
      last = text;
    },
  };
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
