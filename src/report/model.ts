import type { Assessment } from '../assessment/model.js';
import type { Catalog, Provision, Strength } from '../catalog/model.js';
import { isScored } from '../catalog/model.js';
import {
  type Aggregate,
  type EffectiveAnswer,
  GAP_STATUSES,
  type ObligationStatus,
  priorityGaps,
  type Score,
} from '../scoring/model.js';
import { type Block, methodology } from './methodology.js';

export const REPORT_TITLE = 'OPSC legislative gap report';

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  met: 'Met',
  partial: 'Partly met',
  unmet: 'Not met',
  unverified: 'Unverified',
  'not-applicable': 'Not applicable',
  unanswered: 'Unanswered',
};

export const ANSWER_LABELS: Record<EffectiveAnswer, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
  unanswered: 'Not answered',
};

/** What the command knows and the core must not look up itself (time, files, versions). */
export interface ReportMetadata {
  /** The report's date, YYYY-MM-DD. */
  date: string;
  toolVersion: string;
  /** sha256 of the assessment file's bytes, "sha256-…". */
  answersDigest: string;
  /** The assessment file as the user named it. */
  sourceFile: string;
  /** Whether the country code is a user-assigned (fictional or training) code. */
  fictional: boolean;
}

export interface ReportProvision {
  id: string;
  label: string;
  text: string;
  /**
   * The chapeaux that introduce a sub-paragraph ("Each State Party shall ensure that … :", "(i)
   * Offering, delivering or accepting … a child for the purpose of:"), outermost first, so that
   * "(a) Sexual exploitation of the child;" is quoted with the words that make it an obligation.
   */
  lead?: string;
}

export interface ReportAnswer {
  questionId: string;
  question: string;
  kind: 'scale' | 'text';
  /** The answer as scored (for text questions: "unanswered" or the scale does not apply). */
  answer: EffectiveAnswer | null;
  answerLabel: string;
  /** The question whose answer this one follows, when its condition skipped it. */
  skippedBy?: string;
  text?: string;
  citation?: string;
  notes?: string;
  flagged: boolean;
}

export interface ReportObligation {
  id: string;
  title: string;
  chapter: string;
  strength: Strength;
  weight: number;
  status: ObligationStatus;
  statusLabel: string;
  /** 0–100, or null when not scored. */
  score: number | null;
  answered: number;
  questions: number;
  provisions: ReportProvision[];
  /** "art. 3(1)(c); art. 2(c)": the printed provision labels. */
  provisionLabels: string;
  summary: string;
  /** The catalog's recommendation: what to do when the obligation is not met. */
  recommendation: string;
  /** What this State should do now: the recommendation, or a plain "none" when met or not applicable. */
  action: string;
  references: string[];
  /** Distinct national provisions cited in the answers, in question order. */
  citations: string[];
  answers: ReportAnswer[];
}

export interface ReportChapter {
  id: string;
  title: string;
  description?: string;
  source?: string;
  score: number | null;
  completeness: number;
  obligations: ReportObligation[];
}

export interface RemainingItem {
  questionId: string;
  question: string;
  obligationId: string;
  obligationTitle: string;
  chapterTitle: string;
  notes?: string;
}

export interface ReportModel {
  title: string;
  instrument: {
    id: string;
    title: string;
    shortTitle: string;
    textSource: { citation: string; copy?: string; url?: string };
  };
  country: { code: string; name: string; fictional: boolean };
  assessor: string;
  /** The assessment's last update (or creation) date, YYYY-MM-DD, if recorded. */
  assessmentDate: string | null;
  reportDate: string;
  catalog: { version: string; digest: string };
  /** Set when the answers were given against another catalog version or content. */
  catalogNote: string | null;
  toolVersion: string;
  answersDigest: string;
  sourceFile: string;
  summary: {
    overall: Aggregate;
    recommended: Aggregate;
    chapters: { id: string; title: string; score: number | null; completeness: number }[];
    statusCounts: Record<ObligationStatus, number>;
    priorityGaps: ReportObligation[];
  };
  /** Every obligation that is not met (or not yet answered), in catalog order. */
  gaps: ReportObligation[];
  chapters: ReportChapter[];
  remaining: { unverified: RemainingItem[]; unanswered: RemainingItem[]; flagged: RemainingItem[] };
  methodology: Block[];
  index: { provision: ReportProvision; obligations: { id: string; title: string; chapter: string }[] }[];
}

/** How many priority gaps the executive summary lists. */
export const PRIORITY_GAP_LIMIT = 10;

/** Builds the report model. Pure: the command passes in everything time- or file-dependent. */
export function buildReport(catalog: Catalog, assessment: Assessment, score: Score, meta: ReportMetadata): ReportModel {
  const { instrument } = catalog;
  const provisions = new Map<string, Provision>(instrument.provisions.map((p) => [p.id, p]));
  const chapterTitles = new Map(instrument.chapters.map((c) => [c.id, c.title]));
  const scores = new Map(score.obligations.map((o) => [o.id, o]));

  const obligations: ReportObligation[] = catalog.obligations.map((o) => {
    const s = scores.get(o.id);
    if (!s) throw new Error(`No score for obligation ${o.id}`);
    const effective = new Map(s.questionScores.map((q) => [q.id, q]));
    const numbers = new Map(o.questions.map((q, i) => [q.id, i + 1]));
    const answers: ReportAnswer[] = o.questions.map((q) => {
      const record = assessment.answers[q.id] ?? {};
      const kind = isScored(q) ? 'scale' : 'text';
      const e = effective.get(q.id);
      const answer = kind === 'scale' ? (e?.answer ?? 'unanswered') : null;
      const text = clean(record.text);
      return {
        questionId: q.id,
        question: q.text,
        kind,
        answer,
        answerLabel: answer ? answerLabel(answer, e?.skippedBy, numbers) : text ? 'Free text' : 'Not answered',
        ...(e?.skippedBy ? { skippedBy: e.skippedBy } : {}),
        ...(text ? { text } : {}),
        ...optional('citation', clean(record.citation)),
        ...optional('notes', clean(record.notes)),
        flagged: record.flagged === true,
      };
    });
    const provisionList = o.provisions.map((id) => {
      const p = provisions.get(id);
      const lead = chapeaux(id, provisions);
      return { id, label: p?.label ?? id, text: p?.text ?? '', ...(lead ? { lead } : {}) };
    });
    return {
      id: o.id,
      title: o.title,
      chapter: o.chapter,
      strength: o.strength,
      weight: o.weight,
      status: s.status,
      statusLabel: STATUS_LABELS[s.status],
      score: s.score === null ? null : Math.round(s.score * 10000) / 100,
      answered: s.answered,
      questions: s.questions,
      provisions: provisionList,
      provisionLabels: provisionList.map((p) => p.label).join('; '),
      summary: o.summary.trim(),
      recommendation: o.recommendation.trim(),
      action: actionFor(s.status, o.recommendation.trim()),
      references: o.references ?? [],
      citations: [...new Set(answers.flatMap((a) => (a.citation ? [a.citation] : [])))],
      answers,
    };
  });
  const byId = new Map(obligations.map((o) => [o.id, o]));

  const chapterScores = new Map(score.chapters.map((c) => [c.id, c]));
  const chapters: ReportChapter[] = instrument.chapters
    .map((c) => ({
      id: c.id,
      title: c.title,
      ...(c.description ? { description: c.description } : {}),
      ...(c.source ? { source: c.source } : {}),
      score: chapterScores.get(c.id)?.score ?? null,
      completeness: chapterScores.get(c.id)?.completeness ?? 1,
      obligations: obligations.filter((o) => o.chapter === c.id),
    }))
    .filter((c) => c.obligations.length > 0);

  const statusCounts = Object.fromEntries(
    (['met', 'partial', 'unmet', 'unverified', 'not-applicable', 'unanswered'] as const).map((st) => [
      st,
      obligations.filter((o) => o.status === st).length,
    ]),
  ) as Record<ObligationStatus, number>;

  const remainingOf = (pick: (a: ReportAnswer) => boolean): RemainingItem[] =>
    obligations.flatMap((o) =>
      o.answers.filter(pick).map((a) => ({
        questionId: a.questionId,
        question: a.question,
        obligationId: o.id,
        obligationTitle: o.title,
        chapterTitle: chapterTitles.get(o.chapter) ?? o.chapter,
        ...(a.notes ? { notes: a.notes } : {}),
      })),
    );

  const index = instrument.provisions
    .map((p) => ({
      provision: { id: p.id, label: p.label, text: p.text },
      obligations: obligations
        .filter((o) => o.provisions.some((op) => op.id === p.id))
        .map((o) => ({ id: o.id, title: o.title, chapter: o.chapter })),
    }))
    .filter((entry) => entry.obligations.length > 0);

  const assessedVersion = assessment.catalog.version;
  let catalogNote: string | null = null;
  if (assessedVersion !== instrument.version) {
    catalogNote = `The answers were given against catalog version ${assessedVersion}; this report uses version ${instrument.version}. Review the assessment with "opsc assess" before relying on it.`;
  } else if (assessment.catalog.digest && assessment.catalog.digest !== catalog.digest) {
    catalogNote =
      'The catalog content changed after the answers were given (same version). Review the assessment before relying on it.';
  }

  return {
    title: REPORT_TITLE,
    instrument: {
      id: instrument.id,
      title: instrument.title,
      shortTitle: instrument.shortTitle,
      textSource: instrument.textSource,
    },
    country: {
      code: assessment.country.code,
      name: assessment.country.name?.trim() || assessment.country.code,
      fictional: meta.fictional,
    },
    assessor: assessment.assessor?.trim() || 'not recorded',
    assessmentDate: dateOnly(assessment.updated ?? assessment.created),
    reportDate: meta.date,
    catalog: { version: instrument.version, digest: catalog.digest },
    catalogNote,
    toolVersion: meta.toolVersion,
    answersDigest: meta.answersDigest,
    sourceFile: meta.sourceFile,
    summary: {
      overall: score.overall,
      recommended: score.recommended,
      chapters: score.chapters.map((c) => ({ id: c.id, title: c.title, score: c.score, completeness: c.completeness })),
      statusCounts,
      priorityGaps: priorityGaps(score)
        .filter((o) => o.strength !== 'recommended')
        .slice(0, PRIORITY_GAP_LIMIT)
        .flatMap((o) => byId.get(o.id) ?? []),
    },
    gaps: obligations.filter((o) => GAP_STATUSES.includes(o.status) || o.status === 'unanswered'),
    chapters,
    remaining: {
      unverified: remainingOf((a) => a.answer === 'unknown' && !a.skippedBy),
      unanswered: remainingOf((a) => a.answer === 'unanswered' || (a.kind === 'text' && !a.text)),
      flagged: remainingOf((a) => a.flagged),
    },
    methodology: methodology(instrument),
    index,
  };
}

/** "No (skipped: as question 1)": a skipped follow-up names the question whose answer it takes. */
function answerLabel(answer: EffectiveAnswer, skippedBy: string | undefined, numbers: Map<string, number>): string {
  if (!skippedBy) return ANSWER_LABELS[answer];
  const n = numbers.get(skippedBy);
  return `${ANSWER_LABELS[answer]} (skipped: as ${n === undefined ? skippedBy : `question ${n}`})`;
}

/** The texts of the provision's ancestors (3.1.a.i.a → 3.1.a.i, 3.1.a, 3.1) that end in a colon. */
function chapeaux(id: string, provisions: Map<string, Provision>): string | undefined {
  const parts = id.split('.');
  const leads: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) {
    const text = provisions.get(parts.slice(0, n).join('.'))?.text.trim();
    if (text?.endsWith(':')) leads.unshift(text);
  }
  return leads.length > 0 ? leads.join(' ') : undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function dateOnly(value: string | undefined): string | null {
  if (!value) return null;
  return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? null;
}

/** "72.5" / "–" for a 0–100 score; one decimal at most. */
export function formatScore(score: number | null): string {
  if (score === null) return '–';
  return String(Math.round(score * 10) / 10);
}

export function formatPercent(share: number): string {
  return `${Math.floor(share * 100)}%`;
}

/** The sentence every format prints for a user-assigned (fictional or training) country code. */
export function fictionalNotice(model: Pick<ReportModel, 'country'>): string {
  return `${model.country.code} is a user-assigned ISO 3166-1 code: this is a fictional or training country, and its laws are invented.`;
}

/** A met obligation needs no amendment; telling a minister to "amend the code" there would mislead. */
function actionFor(status: ObligationStatus, recommendation: string): string {
  if (status === 'met') return 'None needed: the answers show this obligation is met.';
  if (status === 'not-applicable') return 'None: the obligation does not apply to this State.';
  return recommendation;
}
