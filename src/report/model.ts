import { type Assessment, type CommitteeRecommendation, own, type Reservation } from '../assessment/model.js';
import { mentioning, reservationsFor, reservationsOf } from '../assessment/reservations.js';
import type { Catalog, Obligation, Provision, Strength } from '../catalog/model.js';
import { isScored, TIER_LABELS } from '../catalog/model.js';
import {
  type Aggregate,
  type EffectiveAnswer,
  GAP_STATUSES,
  OBLIGATION_STATUSES,
  type ObligationStatus,
  type OptionalSummary,
  priorityGaps,
  type QuestionScore,
  type Score,
} from '../scoring/model.js';
import {
  type ActionRow,
  buildProgress,
  buildRecommendations,
  groupByOwner,
  listActions,
  type ReportProgress,
  type ReportRecommendation,
} from './followup.js';
import { type Block, methodology } from './methodology.js';

export const REPORT_TITLE = 'OPSC legislative gap report';

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  met: 'Met',
  partial: 'Partly met',
  unmet: 'Not met',
  used: 'Used',
  'partly-used': 'Partly used',
  'not-used': 'Not used',
  unverified: 'Unverified',
  'not-applicable': 'Not applicable',
  reserved: 'Reserved',
  unanswered: 'Unanswered',
};

/** "Treaty obligation", "Optional treaty measure", "Beyond the treaty". */
export function tierLabel(strength: Strength): string {
  const label = TIER_LABELS[strength];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

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

/** One thing to do, aimed at the element that failed. */
export interface ReportAction {
  /** The question it answers; absent for the obligation's own recommendation (the fallback). */
  questionId?: string;
  /** amend: the element is missing or partial. verify: its answer is "unknown". */
  kind: 'amend' | 'verify';
  text: string;
}

/** A reservation or declaration as the report prints it. */
export interface ReportReservation {
  kind: Reservation['kind'];
  /** "Reservation" / "Declaration". */
  kindLabel: string;
  provisions: string[];
  /** "art. 3(1)(a)(ii)": the printed labels of the provisions it names. */
  provisionLabels: string;
  text: string;
  date?: string;
}

export interface ReportObligation {
  id: string;
  title: string;
  chapter: string;
  strength: Strength;
  /** "Treaty obligation", "Optional treaty measure" or "Beyond the treaty". */
  tier: string;
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
  /** What this State should do now: the actions joined, or a plain "none" when met or not applicable. */
  action: string;
  /**
   * What to do, element by element: a question's own recommendation when it is answered no or
   * partly, "Verify: …" when it is unknown, the obligation's recommendation for the rest.
   */
  actions: ReportAction[];
  /** Reservations and declarations of the State that touch this obligation's provisions. */
  reservations: ReportReservation[];
  references: string[];
  /** Distinct national provisions cited in the answers, in question order. */
  citations: string[];
  answers: ReportAnswer[];
  /** With a baseline: what changed since, e.g. "Gap closed (was Partly met)". */
  change?: string;
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

/** The status of the treaty for the State: recorded, not scored. */
export interface ReportTreatyStatus {
  /** "Ratification on 2002-05-15 (signed 2000-09-06)", or null when not recorded. */
  ratification: string | null;
  nationalLaw: string | null;
  reporting: string | null;
  reservations: ReportReservation[];
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
  treatyStatus: ReportTreatyStatus;
  summary: {
    /** Treaty obligations only. */
    overall: Aggregate;
    recommended: Aggregate;
    /** Optional treaty measures: how many are used, partly used, not used. */
    optional: OptionalSummary;
    chapters: { id: string; title: string; score: number | null; completeness: number }[];
    statusCounts: Record<ObligationStatus, number>;
    priorityGaps: ReportObligation[];
  };
  /** Every treaty obligation or recommendation that is not met (or not yet answered), in catalog order. */
  gaps: ReportObligation[];
  /** The optional treaty measures, used or not, in catalog order. */
  optional: ReportObligation[];
  /** Obligations out of the score because of the State's reservations, with their texts. */
  reserved: ReportObligation[];
  chapters: ReportChapter[];
  remaining: { unverified: RemainingItem[]; unanswered: RemainingItem[]; flagged: RemainingItem[] };
  /**
   * Answers to questions a later catalog version retired (the assessment's `retired`, or set aside
   * when an older assessment is migrated in memory): kept, listed, never scored.
   */
  retired: { questionId: string; answer: string; citation?: string; notes?: string }[];
  methodology: Block[];
  index: { provision: ReportProvision; obligations: { id: string; title: string; chapter: string }[] }[];
  /** With a baseline (--baseline): progress since then; null without one. */
  progress: ReportProgress | null;
  /** Follow-up to the Committee's recommendations (from the assessment or --observations). */
  recommendations: ReportRecommendation[];
  /** The action plan grouped by owner; overdue actions first within each owner. */
  actionPlan: { owner: string; actions: ActionRow[] }[];
}

/** Inputs beyond the assessment itself, each optional. */
export interface ReportExtras {
  /** An earlier assessment of the same country: adds "Progress since" and the change column. */
  baseline?: { assessment: Assessment; file: string };
  /** The Committee's recommendations from an observations file; replaces the assessment's own. */
  recommendations?: CommitteeRecommendation[];
}

/** How many priority gaps the executive summary lists. */
export const PRIORITY_GAP_LIMIT = 10;

/** Builds the report model. Pure: the command passes in everything time- or file-dependent. */
export function buildReport(
  catalog: Catalog,
  assessment: Assessment,
  score: Score,
  meta: ReportMetadata,
  extras: ReportExtras = {},
): ReportModel {
  const { instrument } = catalog;
  const provisions = new Map<string, Provision>(instrument.provisions.map((p) => [p.id, p]));
  const chapterTitles = new Map(instrument.chapters.map((c) => [c.id, c.title]));
  const scores = new Map(score.obligations.map((o) => [o.id, o]));
  const allReservations = assessment.treatyStatus?.reservations ?? [];
  const inForce = reservationsOf(assessment);
  const reportReservation = (r: Reservation): ReportReservation => {
    const ids = r.provisions ?? [];
    return {
      kind: r.kind,
      kindLabel: r.kind === 'reservation' ? 'Reservation' : 'Declaration',
      provisions: ids,
      provisionLabels: ids.map((id) => provisions.get(id)?.label ?? id).join('; '),
      text: r.text.trim(),
      ...(r.date ? { date: r.date } : {}),
    };
  };

  const obligations: ReportObligation[] = catalog.obligations.map((o) => {
    const s = scores.get(o.id);
    if (!s) throw new Error(`No score for obligation ${o.id}`);
    const effective = new Map(s.questionScores.map((q) => [q.id, q]));
    const numbers = new Map(o.questions.map((q, i) => [q.id, i + 1]));
    const answers: ReportAnswer[] = o.questions.map((q) => {
      const record = own(assessment.answers, q.id) ?? {};
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
    const touching = s.status === 'reserved' ? reservationsFor(o, inForce) : mentioning(o, allReservations);
    const actions = actionsFor(o, s.status, s.questionScores);
    return {
      id: o.id,
      title: o.title,
      chapter: o.chapter,
      strength: o.strength,
      tier: tierLabel(o.strength),
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
      action: actionFor(s.status, actions),
      actions,
      reservations: touching.map(reportReservation),
      references: o.references ?? [],
      citations: [...new Set(answers.flatMap((a) => (a.citation ? [a.citation] : [])))],
      answers,
    };
  });
  const byId = new Map(obligations.map((o) => [o.id, o]));
  const labels = new Map(obligations.map((o) => [o.id, o.provisionLabels]));
  const baseline = extras.baseline
    ? buildProgress(catalog, { assessment, file: meta.sourceFile }, extras.baseline, labels)
    : undefined;
  if (baseline) for (const o of obligations) o.change = baseline.changes.get(o.id) ?? '';

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
    OBLIGATION_STATUSES.map((st) => [st, obligations.filter((o) => o.status === st).length]),
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
    treatyStatus: treatyStatusOf(assessment, reportReservation),
    summary: {
      overall: score.overall,
      recommended: score.recommended,
      optional: score.optional,
      chapters: score.chapters.map((c) => ({ id: c.id, title: c.title, score: c.score, completeness: c.completeness })),
      statusCounts,
      priorityGaps: priorityGaps(score)
        .filter((o) => o.strength !== 'recommended')
        .slice(0, PRIORITY_GAP_LIMIT)
        .flatMap((o) => byId.get(o.id) ?? []),
    },
    gaps: obligations.filter(
      (o) => o.strength !== 'discretionary' && (GAP_STATUSES.includes(o.status) || o.status === 'unanswered'),
    ),
    optional: obligations.filter((o) => o.strength === 'discretionary' && o.status !== 'reserved'),
    reserved: obligations.filter((o) => o.status === 'reserved'),
    chapters,
    remaining: {
      unverified: remainingOf((a) => a.answer === 'unknown' && !a.skippedBy),
      unanswered: remainingOf((a) => a.answer === 'unanswered' || (a.kind === 'text' && !a.text)),
      flagged: remainingOf((a) => a.flagged),
    },
    retired: Object.entries(assessment.retired ?? {}).map(([questionId, record]) => ({
      questionId,
      answer: record.answer ?? (clean(record.text) ? `text: ${clean(record.text)}` : 'not answered'),
      ...optional('citation', clean(record.citation)),
      ...optional('notes', clean(record.notes)),
    })),
    methodology: methodology(instrument),
    index,
    progress: baseline?.progress ?? null,
    recommendations: buildRecommendations(
      catalog,
      extras.recommendations ?? assessment.recommendations ?? [],
      score,
      baseline?.thenStatus,
    ),
    actionPlan: groupByOwner(listActions(catalog, assessment, score, { date: meta.date, provisionLabels: labels })),
  };
}

/**
 * "No (skipped: as question 1)": a skipped follow-up names the question whose answer it takes;
 * "Not applicable (skipped: follows question 1)" when it is left out because of that answer.
 */
function answerLabel(answer: EffectiveAnswer, skippedBy: string | undefined, numbers: Map<string, number>): string {
  if (!skippedBy) return ANSWER_LABELS[answer];
  const n = numbers.get(skippedBy);
  const which = n === undefined ? skippedBy : `question ${n}`;
  if (answer === 'not-applicable') return `${ANSWER_LABELS[answer]} (skipped: follows ${which})`;
  return `${ANSWER_LABELS[answer]} (skipped: as ${which})`;
}

function treatyStatusOf(
  assessment: Assessment,
  reservation: (r: Reservation) => ReportReservation,
): ReportTreatyStatus {
  const status = assessment.treatyStatus ?? {};
  const r = status.ratification;
  let ratification: string | null = null;
  if (r && (r.date || r.kind || r.signed)) {
    const kind = r.kind ? r.kind.charAt(0).toUpperCase() + r.kind.slice(1) : 'Became a party';
    ratification = `${kind}${r.date ? ` on ${r.date}` : ''}${r.signed ? ` (signed ${r.signed})` : ''}`;
  }
  return {
    ratification,
    nationalLaw: clean(status.nationalLaw) ?? null,
    reporting: clean(status.reporting) ?? null,
    reservations: (status.reservations ?? []).map(reservation),
  };
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

/** Statuses that call for no action: telling a minister to "amend the code" there would mislead. */
const NO_ACTION: Partial<Record<ObligationStatus, string>> = {
  met: 'None needed: the answers show this obligation is met.',
  used: 'None needed: the State uses this optional measure.',
  'not-applicable': 'None: the obligation does not apply to this State.',
  reserved:
    'None while the reservation stands. The Committee asks States Parties to review their reservations with a view to withdrawing them.',
};

function actionFor(status: ObligationStatus, actions: readonly ReportAction[]): string {
  return NO_ACTION[status] ?? actions.map((a) => a.text).join(' ');
}

/**
 * The actions aimed at the elements that failed: a question answered no or partly gives its own
 * recommendation, an unknown one "Verify: …", an unanswered or skipped one nothing. The
 * obligation's recommendation covers every failed question without its own, and stands alone
 * when the obligation fails only through questions skipped by another obligation's answer.
 */
export function actionsFor(
  obligation: Obligation,
  status: ObligationStatus,
  scores: readonly QuestionScore[],
): ReportAction[] {
  if (NO_ACTION[status] !== undefined || status === 'unanswered') return [];
  const fallback = obligation.recommendation.trim();
  const byId = new Map(scores.map((q) => [q.id, q]));
  const actions: ReportAction[] = [];
  let needsFallback = false;
  for (const question of obligation.questions) {
    const q = byId.get(question.id);
    if (!q?.scored || q.skippedBy) continue;
    const own = question.recommendation?.trim();
    if (q.answer === 'no' || q.answer === 'partly') {
      if (own) actions.push({ questionId: question.id, kind: 'amend', text: own });
      else needsFallback = true;
    } else if (q.answer === 'unknown') {
      actions.push({ questionId: question.id, kind: 'verify', text: `Verify: ${question.text.trim()}` });
    }
  }
  const failed = scores.some((q) => q.scored && q.score !== null && q.score < 1 && q.answer !== 'unknown');
  if (needsFallback || (failed && !actions.some((a) => a.kind === 'amend'))) {
    actions.push({ kind: 'amend', text: fallback });
  }
  return actions;
}
