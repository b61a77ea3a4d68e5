import type { Catalog } from '../catalog/model.js';
import { createQuestionnaire, newAssessment } from '../questionnaire/questionnaire.js';
import type { Assessment } from './model.js';
import { serializeAssessment } from './serialize.js';

/**
 * The country code a template gets when none is given: a user-assigned code (so the file is
 * valid as it stands) that `opsc assess` recognises and asks to replace.
 */
export const PLACEHOLDER_COUNTRY = 'XXX';

export interface TemplateOptions {
  country?: { code: string; name?: string };
  /** Path of schemas/assessment.schema.json relative to the written file. */
  schemaPath: string;
  now: string;
}

/**
 * The offline form: every question of the catalog, grouped by chapter and obligation, with the
 * question, help and provision text as comments and every answer empty. Valid as it stands
 * (`opsc validate` passes), and `opsc assess` continues it.
 */
export function renderTemplate(catalog: Catalog, options: TemplateOptions): string {
  const q = createQuestionnaire(catalog);
  const country = options.country ?? { code: PLACEHOLDER_COUNTRY };
  const assessment = newAssessment(q, { country, now: options.now });
  delete assessment.updated;
  const { instrument } = catalog;
  const header = [
    `${instrument.shortTitle} self-assessment form — catalog ${instrument.version}, ${q.entries.length} questions.`,
    'How to fill it in: under each question set "answer" to one of the values listed above it, "citation" to the national provision (e.g. "Criminal Code s. 184b") and "notes" to your reasoning or what to verify. Leave "answer: null" for questions not answered yet, and leave "asked" as it is: it records the wording you answered.',
    'Then check the file with "opsc validate FILE" and answer the rest with "opsc assess FILE".',
    ...(options.country
      ? []
      : [
          `"${PLACEHOLDER_COUNTRY}" below is a placeholder: put your country's ISO 3166-1 alpha-3 code (e.g. KEN), or let "opsc assess" ask for it.`,
        ]),
  ];
  return serializeAssessment(assessment, { schemaPath: options.schemaPath, catalog, header });
}

/** The comment at the top of a file written by `opsc assess`. */
export function assessmentHeader(assessment: Assessment, catalog: Catalog): string[] {
  const country = assessment.country.name
    ? `${assessment.country.name} (${assessment.country.code})`
    : assessment.country.code;
  return [
    `${catalog.instrument.shortTitle} self-assessment for ${country}, catalog ${assessment.catalog.version}.`,
    'Saved by "opsc assess" after every answer. Continue with "opsc assess FILE"; check with "opsc validate FILE".',
  ];
}
