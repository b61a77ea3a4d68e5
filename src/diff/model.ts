import type { AnswerRecord, Assessment } from '../assessment/model.js';
import { type Catalog, isScored, questionsInOrder } from '../catalog/model.js';
import { createQuestionnaire, diffCatalog, migrate } from '../questionnaire/questionnaire.js';
import {
  GAP_STATUSES,
  type ObligationScore,
  type ObligationStatus,
  type Score,
  scoreAssessment,
} from '../scoring/model.js';

/**
 * What changed between two assessments of one country, made against the same or different catalog
 * versions. Pure: the command loads the files and passes them in.
 *
 * Both are first brought to the catalog in memory (the same `migrate` that `opsc assess` uses),
 * then scored. Questions the catalog added, removed or reworded between the two are listed apart
 * and are not counted as a change of answer; an obligation whose status moved only because of them
 * is marked `cause: 'catalog'` and does not count as a regression.
 *
 * Two modes, the same data: `cycles` (an earlier and a later assessment, usually by the same
 * institution: "improved", "regressed") and `assessors` (two assessments of the same law by
 * different institutions, e.g. the government's and a shadow report: "where the assessments differ").
 */
export type DiffMode = 'cycles' | 'assessors';

export interface DiffSide {
  /** "2024-05-01" or the assessor, whichever tells the two apart in headings. */
  label: string;
  assessor: string;
  /** YYYY-MM-DD of the last update (or creation), if recorded. */
  date: string | null;
  /** The catalog version the answers were given against. */
  catalogVersion: string;
  file: string;
}

export interface ScoreChange {
  old: number | null;
  new: number | null;
  /** new − old, or null when either is null. */
  delta: number | null;
}

export interface ChapterChange extends ScoreChange {
  id: string;
  title: string;
}

export interface ObligationState {
  status: ObligationStatus;
  /** 0–100, or null. */
  score: number | null;
}

export interface ObligationChange {
  id: string;
  title: string;
  chapter: string;
  strength: string;
  provisions: string[];
  old: ObligationState;
  new: ObligationState;
  /** `answers` when an answer of the obligation changed; `catalog` when only the catalog did. */
  cause: 'answers' | 'catalog';
}

export interface AnswerSide {
  /** The stored answer: yes, partly, no, unknown, not-applicable, skipped, or unanswered. */
  answer: string;
  text?: string;
  citation?: string;
  notes?: string;
  /** Who gave it, when the answer records it (`by`); otherwise the side's assessor. */
  by?: string;
  /** When, if the answer records it (`updated`); otherwise the side's date. */
  when?: string;
}

export type AnswerField = 'answer' | 'text' | 'citation' | 'notes';

export interface QuestionChange {
  id: string;
  /** 1-based position in the whole questionnaire. */
  number: number;
  question: string;
  obligationId: string;
  obligationTitle: string;
  fields: AnswerField[];
  old: AnswerSide;
  new: AnswerSide;
}

export interface CatalogChanges {
  /** True when the two were made against different catalog versions or content. */
  differs: boolean;
  old: string;
  new: string;
  current: string;
  /** Questions answered in either file that the catalog no longer has. */
  retired: { id: string; old?: string; new?: string }[];
  /** Questions one file was never asked because the catalog added them later. */
  added: { id: string; question: string }[];
  /** Questions whose wording changed after one of the two answered them. */
  reworded: { id: string; question: string }[];
}

export interface AssessmentDiff {
  mode: DiffMode;
  country: { code: string; name: string };
  old: DiffSide;
  new: DiffSide;
  overall: ScoreChange;
  recommended: ScoreChange;
  chapters: ChapterChange[];
  /** Score went up (both scored). */
  improved: ObligationChange[];
  /** Score went down (both scored). */
  regressed: ObligationChange[];
  /** Status changed without a comparable score (e.g. unanswered → partly met, or → not applicable). */
  otherStatus: ObligationChange[];
  /** A gap (not met, partly met, unverified) in OLD that NEW shows met or not applicable. */
  gapsClosed: ObligationChange[];
  /** A gap in NEW that was not one in OLD (met, not applicable, or unanswered). */
  gapsNew: ObligationChange[];
  questions: QuestionChange[];
  catalog: CatalogChanges;
}

export interface DiffInput {
  assessment: Assessment;
  file: string;
}

export interface DiffOptions {
  /** `auto` (default): `assessors` when the two assessors differ, else `cycles`. */
  mode?: DiffMode | 'auto';
}

/** Compares OLD with NEW against the catalog. */
export function diffAssessments(
  catalog: Catalog,
  oldIn: DiffInput,
  newIn: DiffInput,
  options: DiffOptions = {},
): AssessmentDiff {
  const questionnaire = createQuestionnaire(catalog);
  const oldCatalog = diffCatalog(questionnaire, oldIn.assessment);
  const newCatalog = diffCatalog(questionnaire, newIn.assessment);
  const oldA = migrate(questionnaire, oldIn.assessment);
  const newA = migrate(questionnaire, newIn.assessment);
  const oldScore = scoreAssessment(catalog, oldA);
  const newScore = scoreAssessment(catalog, newA);

  // Questions the catalog changed between the two: listed apart, never counted as a change.
  const added = new Map<string, string>();
  for (const side of [oldCatalog, newCatalog]) {
    if (!side.differs) continue;
    for (const e of side.added) added.set(e.question.id, e.question.text);
  }
  const reworded = new Map<string, string>();
  for (const side of [oldCatalog, newCatalog]) {
    for (const e of side.changed) if (!added.has(e.question.id)) reworded.set(e.question.id, e.question.text);
  }
  const retiredIds = new Set([
    ...oldCatalog.removed,
    ...newCatalog.removed,
    ...Object.keys(oldIn.assessment.retired ?? {}),
    ...Object.keys(newIn.assessment.retired ?? {}),
  ]);
  const retiredAnswer = (a: Assessment, id: string) => {
    const r = a.answers[id] ?? a.retired?.[id];
    return r ? (r.answer ?? (r.text ? 'text' : undefined)) : undefined;
  };
  const retired = [...retiredIds].sort().map((id) => {
    const o = retiredAnswer(oldIn.assessment, id);
    const n = retiredAnswer(newIn.assessment, id);
    return { id, ...(o ? { old: o } : {}), ...(n ? { new: n } : {}) };
  });

  const oldSide = side(oldIn, oldA);
  const newSide = side(newIn, newA);
  const mode = options.mode && options.mode !== 'auto' ? options.mode : detectMode(oldIn.assessment, newIn.assessment);
  // Labels tell the two sides apart in headings: the dates for two cycles, the assessors for two
  // views; failing that the catalog versions (one file before and after a catalog change), or the files.
  if (mode === 'assessors') {
    oldSide.label = shortName(oldSide.assessor);
    newSide.label = shortName(newSide.assessor);
  }
  if (oldSide.label === newSide.label) {
    const versions = oldSide.catalogVersion !== newSide.catalogVersion;
    oldSide.label = versions ? `catalog ${oldSide.catalogVersion}` : oldIn.file;
    newSide.label = versions ? `catalog ${newSide.catalogVersion}` : newIn.file;
    if (oldSide.label === newSide.label) {
      oldSide.label = 'first file';
      newSide.label = 'second file';
    }
  }

  const questions: QuestionChange[] = [];
  questionsInOrder(catalog).forEach(({ obligation, question }, index) => {
    if (added.has(question.id) || reworded.has(question.id)) return;
    const before = answerSide(oldA.answers[question.id], isScored(question));
    const after = answerSide(newA.answers[question.id], isScored(question));
    const fields = (['answer', 'text', 'citation', 'notes'] as const).filter(
      (f) => (before[f] ?? '') !== (after[f] ?? ''),
    );
    if (fields.length === 0) return;
    questions.push({
      id: question.id,
      number: index + 1,
      question: question.text,
      obligationId: obligation.id,
      obligationTitle: obligation.title,
      fields,
      old: before,
      new: after,
    });
  });
  const changedAnswers = new Set(questions.filter((q) => q.fields.includes('answer')).map((q) => q.obligationId));

  const oldById = new Map(oldScore.obligations.map((o) => [o.id, o]));
  const newById = new Map(newScore.obligations.map((o) => [o.id, o]));
  const improved: ObligationChange[] = [];
  const regressed: ObligationChange[] = [];
  const otherStatus: ObligationChange[] = [];
  const gapsClosed: ObligationChange[] = [];
  const gapsNew: ObligationChange[] = [];
  for (const obligation of catalog.obligations) {
    const o = oldById.get(obligation.id);
    const n = newById.get(obligation.id);
    if (!o || !n) continue;
    const change: ObligationChange = {
      id: obligation.id,
      title: obligation.title,
      chapter: obligation.chapter,
      strength: obligation.strength,
      provisions: obligation.provisions,
      old: state(o),
      new: state(n),
      cause: changedAnswers.has(obligation.id) ? 'answers' : 'catalog',
    };
    const os = change.old.score;
    const ns = change.new.score;
    if (os !== null && ns !== null && ns > os) improved.push(change);
    else if (os !== null && ns !== null && ns < os) regressed.push(change);
    else if (o.status !== n.status) otherStatus.push(change);
    const wasGap = GAP_STATUSES.includes(o.status);
    const isGap = GAP_STATUSES.includes(n.status);
    if (wasGap && (n.status === 'met' || n.status === 'not-applicable')) gapsClosed.push(change);
    if (isGap && !wasGap) gapsNew.push(change);
  }

  return {
    mode,
    country: {
      code: newIn.assessment.country.code,
      name: newIn.assessment.country.name?.trim() || newIn.assessment.country.code,
    },
    old: oldSide,
    new: newSide,
    overall: scoreChange(oldScore.overall.score, newScore.overall.score),
    recommended: scoreChange(oldScore.recommended.score, newScore.recommended.score),
    chapters: chapterChanges(oldScore, newScore),
    improved,
    regressed,
    otherStatus,
    gapsClosed,
    gapsNew,
    questions,
    catalog: {
      differs: oldCatalog.differs || newCatalog.differs || oldCatalog.from.version !== newCatalog.from.version,
      old: oldIn.assessment.catalog.version,
      new: newIn.assessment.catalog.version,
      current: catalog.instrument.version,
      retired,
      added: [...added].map(([id, question]) => ({ id, question })),
      reworded: [...reworded].map(([id, question]) => ({ id, question })),
    },
  };
}

/** Regressions a CI gate fails on: an answer changed and the obligation's score went down. */
export function answerRegressions(diff: AssessmentDiff): ObligationChange[] {
  return diff.regressed.filter((o) => o.cause === 'answers');
}

/** Two assessors (after trimming and ignoring case) means two perspectives on the same law. */
export function detectMode(a: Assessment, b: Assessment): DiffMode {
  const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  const x = norm(a.assessor);
  const y = norm(b.assessor);
  return x && y && x !== y ? 'assessors' : 'cycles';
}

/** "Aldorian Coalition for the Rights of the Child, shadow report (…)" → "Aldorian Coalition for the Rights of the Child". */
function shortName(assessor: string): string {
  const head = assessor.split(/[,(;]/)[0]?.trim() || assessor;
  return head.length > 48 ? `${head.slice(0, 47)}…` : head;
}

function side(input: DiffInput, migrated: Assessment): DiffSide {
  const date = dateOnly(migrated.updated ?? migrated.created);
  return {
    label: date ?? input.file,
    assessor: migrated.assessor?.trim() || 'assessor not recorded',
    date,
    catalogVersion: input.assessment.catalog.version,
    file: input.file,
  };
}

function answerSide(record: AnswerRecord | undefined, scored: boolean): AnswerSide {
  const r = (record ?? {}) as AnswerRecord & { by?: unknown; updated?: unknown };
  const clean = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const answer = scored ? (r.answer ?? 'unanswered') : clean(r.text) ? 'text' : 'unanswered';
  // Per-answer provenance, when the file records it; the side's header already names the assessor.
  const by = clean(r.by);
  const when = clean(r.updated)?.slice(0, 10);
  return {
    answer,
    ...opt('text', clean(r.text)),
    ...opt('citation', clean(r.citation)),
    ...opt('notes', clean(r.notes)),
    ...opt('by', by),
    ...opt('when', when),
  };
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function state(o: ObligationScore): ObligationState {
  return { status: o.status, score: o.score === null ? null : Math.round(o.score * 10000) / 100 };
}

function scoreChange(a: number | null, b: number | null): ScoreChange {
  return { old: a, new: b, delta: a === null || b === null ? null : Math.round((b - a) * 100) / 100 };
}

function chapterChanges(a: Score, b: Score): ChapterChange[] {
  const old = new Map(a.chapters.map((c) => [c.id, c]));
  return b.chapters.map((c) => ({ id: c.id, title: c.title, ...scoreChange(old.get(c.id)?.score ?? null, c.score) }));
}

function dateOnly(value: string | undefined): string | null {
  if (!value) return null;
  return /^\d{4}-\d{2}-\d{2}/.exec(String(value))?.[0] ?? null;
}
