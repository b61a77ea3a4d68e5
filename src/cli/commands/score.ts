import { isUserAssignedCode } from '../../assessment/countries.js';
import { scoreJson } from '../../formats/score/json.js';
import { scoreSummary } from '../../formats/score/summary.js';
import { scoreAssessment } from '../../scoring/model.js';
import { colorFor } from '../color.js';
import { loadAssessmentOrFail, loadCatalogOrFail } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import type { Io } from '../io.js';

export interface ScoreOptions {
  catalog?: string;
  json?: boolean;
  failUnder?: string;
  color: boolean;
}

export async function runScore(file: string, options: ScoreOptions, io: Io): Promise<number> {
  const threshold = options.failUnder === undefined ? undefined : parseThreshold(options.failUnder);
  const loaded = loadCatalogOrFail(io, options.catalog);
  const { assessment } = loadAssessmentOrFail(io, file, loaded);
  const score = scoreAssessment(loaded.catalog, assessment);
  if (options.json) {
    io.stdout.write(scoreJson(loaded.catalog, score));
  } else {
    const color = await colorFor(io.stdout, io, options.color);
    const code = assessment.country.code;
    io.stdout.write(
      scoreSummary(loaded.catalog, score, {
        width: io.stdout.columns ?? 100,
        country: { code, name: assessment.country.name ?? code, fictional: isUserAssignedCode(code) },
        ...(color ? { color } : {}),
      }),
    );
  }
  if (threshold !== undefined) {
    const overall = score.overall.score;
    if (score.overall.completeness < 1) {
      // A gate on a half-answered file would pass on the few answers given: say so.
      io.stderr.write(
        `opsc: note: the assessment is incomplete (${Math.round(score.overall.completeness * 100)}% answered); the score counts answered questions only.\n`,
      );
    }
    if (overall === null || overall < threshold) {
      io.stderr.write(
        `opsc: overall score ${overall ?? 'none (nothing answered)'} is under --fail-under ${threshold}.\n`,
      );
      return EXIT.findings;
    }
  }
  return EXIT.ok;
}

function parseThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new CliError(`--fail-under takes a score from 0 to 100, not "${value}".`);
  }
  return n;
}
