import { finding, type SourceFile } from '../catalog/load.js';
import { type Catalog, isScored, type Obligation, type Question, questionsInOrder } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaChecker } from '../schema/check.js';
import { didYouMean } from '../text/suggest.js';
import { type ParsedYaml, parseSource } from '../yaml/source.js';
import { findCountryByName, isCountryCode } from './countries.js';
import type { Assessment, CommitteeRecommendation, Observations } from './model.js';

export interface AssessmentResult {
  /** Set only when there are no errors (warnings allowed). */
  assessment?: Assessment;
  diagnostics: Diagnostic[];
}

/** Parses and checks an assessment file against the catalog it answers. */
export function loadAssessment(source: SourceFile, catalog: Catalog, schemas: SchemaChecker): AssessmentResult {
  const { parsed, diagnostics } = parseSource(source);
  if (!parsed) return { diagnostics };
  const schemaDiagnostics = schemas.check('assessment', parsed);
  if (schemaDiagnostics.length > 0) return { diagnostics: schemaDiagnostics };
  const assessment = parsed.value as Assessment;
  const found = checkAssessment(assessment, parsed, catalog);
  return found.some((d) => d.severity === 'error') ? { diagnostics: found } : { assessment, diagnostics: found };
}

function checkAssessment(assessment: Assessment, parsed: ParsedYaml, catalog: Catalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (...path: (string | number)[]) => ({ parsed, path });
  const { instrument } = catalog;

  if (assessment.instrument !== instrument.id) {
    diagnostics.push(
      finding(
        at('instrument'),
        'instrument-mismatch',
        `This assessment is for "${assessment.instrument}", but the catalog is "${instrument.id}". Choose the matching catalog with --catalog.`,
      ),
    );
  }
  if (assessment.catalog.version !== instrument.version) {
    diagnostics.push(
      finding(
        at('catalog', 'version'),
        'catalog-version-mismatch',
        `Answered against catalog version ${assessment.catalog.version}; the catalog is now ${instrument.version}. Run "opsc assess" on this file to review what changed.`,
        'warning',
      ),
    );
  } else if (assessment.catalog.digest && assessment.catalog.digest !== catalog.digest) {
    diagnostics.push(
      finding(
        at('catalog', 'digest'),
        'catalog-digest-mismatch',
        'The catalog has changed since these answers were given (same version, different content). Run "opsc assess" on this file to review what changed.',
        'warning',
      ),
    );
  }

  const code = assessment.country.code;
  if (!isCountryCode(code)) {
    const guess = assessment.country.name ? didYouMeanCountry(assessment.country.name) : '';
    diagnostics.push(
      finding(
        at('country', 'code'),
        'unknown-country-code',
        `"${code}" is not an ISO 3166-1 alpha-3 country code.${guess} For a fictional or training country use a user-assigned code (AAA–AAZ, QMA–QZZ, XAA–XZZ, ZZA–ZZZ).`,
      ),
    );
  }

  // A reservation decides what is scored, so it must name provisions the treaty has.
  const provisionIds = new Set(instrument.provisions.map((p) => p.id));
  (assessment.treatyStatus?.reservations ?? []).forEach((reservation, i) => {
    (reservation.provisions ?? []).forEach((id, k) => {
      if (provisionIds.has(id)) return;
      diagnostics.push(
        finding(
          at('treatyStatus', 'reservations', i, 'provisions', k),
          'unknown-reserved-provision',
          `This ${reservation.kind} names provision "${id}", which is not in the ${instrument.shortTitle}.${didYouMean(id, provisionIds)} Use the provision ids of the catalog's instrument.yaml (e.g. 3.1.a.ii); "opsc list" shows them.`,
        ),
      );
    });
  });

  // Answers that only a catalog change made wrong are warnings: the file is stale, not broken, and
  // `opsc assess` brings it to the new catalog (keeping what no longer fits in `retired` or notes).
  const stale =
    assessment.catalog.version !== instrument.version ||
    (assessment.catalog.digest !== undefined && assessment.catalog.digest !== catalog.digest);
  const staleSeverity = stale ? 'warning' : 'error';
  const staleHint = stale ? ' The catalog changed since this file was made: run "opsc assess" on it to update it.' : '';

  const questions = new Map<string, { question: Question; obligation: Obligation }>(
    questionsInOrder(catalog).map((entry) => [entry.question.id, entry]),
  );
  let unknown = 0;
  for (const [id, record] of Object.entries(assessment.answers)) {
    const entry = questions.get(id);
    if (!entry) {
      // Spelling hints cost a comparison with every question id: the first few unknown ids get
      // them, so a file of 50,000 unknown ids is still checked in linear time (C3).
      const hint = ++unknown <= SUGGESTIONS ? didYouMean(id, questions.keys()) : '';
      diagnostics.push(
        finding(
          at('answers', id),
          'unknown-question',
          stale
            ? `No question "${id}" in the catalog.${hint} The catalog changed since this file was made: run "opsc assess" on it to update it (answers to removed questions are kept under "retired"), or correct the id.`
            : `No question "${id}" in the catalog.${hint} Correct the id, or remove the answer.`,
          staleSeverity,
        ),
      );
      continue;
    }
    const answer = record?.answer;
    if (answer == null) continue;
    if (answer === 'skipped' && !skipAllowed(entry.question, assessment.answers)) {
      diagnostics.push(
        finding(
          at('answers', id, 'answer'),
          'skipped-without-condition',
          entry.question.when
            ? `Question "${id}" is marked skipped, but its condition is met (or still open): answer it, or leave the answer empty.`
            : `Question "${id}" is marked skipped, but it has no condition: every State Party must answer it. Answer it, or leave the answer empty.`,
          staleSeverity,
        ),
      );
      continue;
    }
    // "skipped" is opsc assess's mark for a question whose condition was not met, whatever its kind.
    if (!isScored(entry.question) && answer !== 'skipped') {
      diagnostics.push(
        finding(
          at('answers', id, 'answer'),
          'answer-kind-mismatch',
          `Question "${id}" asks for text, not a yes/partly/no answer. Put the answer under "text".${staleHint}`,
          staleSeverity,
        ),
      );
    } else if (answer === 'not-applicable' && !entry.obligation.allowNotApplicable) {
      diagnostics.push(
        finding(
          at('answers', id, 'answer'),
          'not-applicable-not-allowed',
          `"not-applicable" is not allowed for obligation "${entry.obligation.id}": every State Party must meet it. Answer yes, partly, no or unknown.${staleHint}`,
          staleSeverity,
        ),
      );
    }
  }
  diagnostics.push(...checkRecommendations(assessment.recommendations ?? [], parsed, catalog, 'recommendations'));
  const obligationIds = catalog.obligations.map((o) => o.id);
  for (const id of Object.keys(assessment.actions ?? {})) {
    if (obligationIds.includes(id)) continue;
    diagnostics.push(
      finding(
        at('actions', id),
        'unknown-obligation',
        `No obligation "${id}" in the catalog.${didYouMean(id, obligationIds)} An action is keyed by the id of the obligation whose gap it closes (see "opsc list").${staleHint}`,
        staleSeverity,
      ),
    );
  }
  return diagnostics;
}

/**
 * Each recommendation must name obligations the catalog has: a typo would silently drop it from
 * the follow-up. Shared by assessments (`recommendations:`) and observations files.
 */
export function checkRecommendations(
  recommendations: readonly CommitteeRecommendation[],
  parsed: ParsedYaml,
  catalog: Catalog,
  key: string,
): Diagnostic[] {
  const ids = catalog.obligations.map((o) => o.id);
  const known = new Set(ids);
  const diagnostics: Diagnostic[] = [];
  recommendations.forEach((r, i) => {
    r.obligations.forEach((id, j) => {
      if (known.has(id)) return;
      diagnostics.push(
        finding(
          { parsed, path: [key, i, 'obligations', j] },
          'unknown-obligation',
          `No obligation "${id}" in the catalog.${didYouMean(id, ids)} Name the obligations the recommendation concerns by their ids (see "opsc list").`,
        ),
      );
    });
  });
  return diagnostics;
}

/** Parses and checks an observations file (the Committee's recommendations) against the catalog. */
export function loadObservations(
  source: SourceFile,
  catalog: Catalog,
  schemas: SchemaChecker,
): { observations?: Observations; diagnostics: Diagnostic[] } {
  const { parsed, diagnostics } = parseSource(source);
  if (!parsed) return { diagnostics };
  const schemaDiagnostics = schemas.check('observations', parsed);
  if (schemaDiagnostics.length > 0) return { diagnostics: schemaDiagnostics };
  const observations = parsed.value as Observations;
  const found = checkRecommendations(observations.recommendations, parsed, catalog, 'recommendations');
  if (observations.instrument !== undefined && observations.instrument !== catalog.instrument.id) {
    found.push(
      finding(
        { parsed, path: ['instrument'] },
        'instrument-mismatch',
        `These observations are for "${observations.instrument}", but the catalog is "${catalog.instrument.id}".`,
      ),
    );
  }
  return found.length > 0 ? { diagnostics: found } : { observations, diagnostics: [] };
}

const SUGGESTIONS = 20;

/** `skipped` is allowed only where the question's condition is answered and not met. */
function skipAllowed(question: Question, answers: Assessment['answers']): boolean {
  const when = question.when;
  if (!when) return false;
  const parent = Object.hasOwn(answers, when.question) ? answers[when.question]?.answer : undefined;
  if (parent == null) return false;
  return parent === 'skipped' || !(when.in as string[]).includes(parent);
}

function didYouMeanCountry(name: string): string {
  const match = findCountryByName(name);
  return match ? ` Did you mean "${match.code}" (${match.name})?` : '';
}
