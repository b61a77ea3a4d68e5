import { basename } from 'node:path';
import { isUserAssignedCode } from '../../assessment/countries.js';
import type { Assessment } from '../../assessment/model.js';
import { formatDelta, formatNumber } from '../../diff/labels.js';
import { type AssessmentDiff, answerRegressions, diffAssessments } from '../../diff/model.js';
import { scoreJson } from '../../formats/score/json.js';
import { scoreSummary } from '../../formats/score/summary.js';
import { formatScore } from '../../report/model.js';
import { scoreAssessment } from '../../scoring/model.js';
import { colorFor } from '../color.js';
import { type Loaded, loadAssessmentOrFail, loadCatalogOrFail, migratedInMemory } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import type { Io } from '../io.js';

export interface ScoreOptions {
  catalog?: string;
  json?: boolean;
  failUnder?: string;
  baseline?: string;
  failOnRegression?: boolean;
  color: boolean;
}

export async function runScore(file: string, options: ScoreOptions, io: Io): Promise<number> {
  const threshold = options.failUnder === undefined ? undefined : parseThreshold(options.failUnder);
  if (options.failOnRegression && options.baseline === undefined) {
    throw new CliError('--fail-on-regression needs --baseline FILE: the assessment to compare with.');
  }
  const loaded = loadCatalogOrFail(io, options.catalog);
  const given = loadAssessmentOrFail(io, file, loaded, { olderCatalogExpected: 'migrate' });
  const { path } = given;
  const assessment = migratedInMemory(io, loaded, given.assessment, path);
  const score = scoreAssessment(loaded.catalog, assessment);
  const diff =
    options.baseline === undefined ? undefined : await baselineDiff(io, loaded, options.baseline, assessment, path);
  if (options.json) {
    io.stdout.write(scoreJson(loaded.catalog, score, diff));
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
    if (diff) io.stdout.write(`\n${baselineSummary(diff)}`);
  }
  if (threshold !== undefined) {
    const overall = score.overall.score;
    if (score.overall.completeness < 1) {
      // A gate on a half-answered file would pass on the few answers given: say so.
      io.stderr.write(
        `opsc: note: the assessment is incomplete (${Math.round(score.overall.completeness * 100)}% answered); the score counts answered questions only.\n`,
      );
    }
    // The gate compares the score as displayed (one decimal), so "90.7 / 100" passes --fail-under 90.7 (W6).
    const shown = overall === null ? null : Number(formatScore(overall));
    if (shown === null || shown < threshold) {
      io.stderr.write(
        `opsc: overall score ${shown ?? 'none (nothing answered)'} is under --fail-under ${threshold}.\n`,
      );
      return EXIT.findings;
    }
  }
  if (options.failOnRegression && diff) {
    const regressed = answerRegressions(diff);
    if (regressed.length > 0) {
      io.stderr.write(
        `opsc: ${regressed.length} obligation${regressed.length === 1 ? '' : 's'} regressed since ${diff.old.label}: ${regressed.map((o) => o.id).join(', ')} (--fail-on-regression).\n`,
      );
      return EXIT.findings;
    }
  }
  return EXIT.ok;
}

async function baselineDiff(
  io: Io,
  loaded: Loaded,
  baseline: string,
  assessment: Assessment,
  path: string,
): Promise<AssessmentDiff> {
  const before = loadAssessmentOrFail(io, baseline, loaded, { olderCatalogExpected: true });
  if (before.assessment.country.code !== assessment.country.code) {
    throw new CliError(
      `--baseline ${baseline} is about ${before.assessment.country.code}, not ${assessment.country.code}; a baseline is an earlier assessment of the same country.`,
    );
  }
  return diffAssessments(
    loaded.catalog,
    { assessment: before.assessment, file: basename(before.path) },
    { assessment, file: basename(path) },
    { mode: 'cycles' },
  );
}

/** A few lines under the score: the score then and now, and which obligations moved. */
function baselineSummary(diff: AssessmentDiff): string {
  const lines = [
    `Since ${diff.old.label}: overall ${formatNumber(diff.overall.old)} → ${formatNumber(diff.overall.new)} (${formatDelta(diff.overall.delta)})`,
    `  ${diff.improved.length} obligation(s) improved, ${diff.regressed.length} regressed; ${diff.gapsClosed.length} gap(s) closed, ${diff.gapsNew.length} new.`,
  ];
  for (const o of diff.regressed) {
    lines.push(`  regressed: ${o.title} [${o.id}]${o.cause === 'catalog' ? ' (catalog change only)' : ''}`);
  }
  lines.push('  "opsc diff" shows every change.', '');
  return lines.join('\n');
}

function parseThreshold(value: string): number {
  const n = Number(value);
  // A plain decimal only: no hex (0x10), no exponent, no spaces (K9).
  if (!/^\d{1,3}(\.\d+)?$/.test(value) || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new CliError(`--fail-under takes a score from 0 to 100, not "${value}".`);
  }
  return n;
}
