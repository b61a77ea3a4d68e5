import type { ActionStatus, Assessment, CommitteeRecommendation } from '../assessment/model.js';
import type { Catalog } from '../catalog/model.js';
import { type AssessmentDiff, diffAssessments } from '../diff/model.js';
import { createQuestionnaire, migrate } from '../questionnaire/questionnaire.js';
import { type ObligationStatus, type Score, scoreAssessment } from '../scoring/model.js';

/**
 * The parts of the report that look back and forward in time: progress since a baseline, the
 * follow-up to the Committee's recommendations, and the action plan. Pure; built once here and
 * rendered by every format.
 */

// ── progress since a baseline ────────────────────────────────────────────────────────────────

export interface ProgressGap {
  id: string;
  title: string;
  provisionLabels: string;
  before: string;
  now: string;
}

export interface ReportProgress {
  /** The baseline's date (YYYY-MM-DD), or its file name when it records none. */
  since: string;
  baselineFile: string;
  baselineAssessor: string;
  baselineCatalogVersion: string;
  overall: { before: number | null; now: number | null; delta: number | null };
  recommended: { before: number | null; now: number | null; delta: number | null };
  chapters: { id: string; title: string; before: number | null; now: number | null; delta: number | null }[];
  improved: number;
  regressed: ProgressGap[];
  closedGaps: ProgressGap[];
  newGaps: ProgressGap[];
  /** Set when the two were answered against different catalog versions. */
  catalogNote: string | null;
}

/** What the gap table prints in its change column, per obligation id. */
export type ChangeLabels = Map<string, string>;

export interface Baseline {
  assessment: Assessment;
  file: string;
}

export interface BaselineResult {
  progress: ReportProgress;
  changes: ChangeLabels;
  /** The baseline's obligation statuses, after migration to the catalog. */
  thenStatus: Map<string, ObligationStatus>;
  diff: AssessmentDiff;
}

const LABEL: Record<ObligationStatus, string> = {
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

/** Scores an assessment after bringing it to the catalog in memory (nothing is written). */
export function scoreMigrated(catalog: Catalog, assessment: Assessment): Score {
  return scoreAssessment(catalog, migrate(createQuestionnaire(catalog), assessment));
}

export function buildProgress(
  catalog: Catalog,
  current: { assessment: Assessment; file: string },
  baseline: Baseline,
  provisionLabels: Map<string, string>,
): BaselineResult {
  const diff = diffAssessments(catalog, baseline, current, { mode: 'cycles' });
  const then = scoreMigrated(catalog, baseline.assessment);
  const thenStatus = new Map(then.obligations.map((o) => [o.id, o.status]));
  const gap = (o: AssessmentDiff['improved'][number]): ProgressGap => ({
    id: o.id,
    title: o.title,
    provisionLabels: provisionLabels.get(o.id) ?? '',
    before: LABEL[o.old.status],
    now: LABEL[o.new.status],
  });
  const changes: ChangeLabels = new Map();
  for (const o of catalog.obligations) {
    const before = thenStatus.get(o.id);
    changes.set(
      o.id,
      before === undefined || before === 'unanswered' ? 'Not assessed then' : `Unchanged (${LABEL[before]})`,
    );
  }
  const mark = (list: AssessmentDiff['improved'], word: string) => {
    for (const o of list) changes.set(o.id, `${word} (was ${LABEL[o.old.status]})`);
  };
  mark(diff.improved, 'Improved');
  mark(diff.regressed, 'Regressed');
  mark(diff.otherStatus, 'Changed');
  for (const o of diff.gapsNew)
    changes.set(
      o.id,
      o.old.status === 'unanswered' ? 'New gap (not assessed then)' : `New gap (was ${LABEL[o.old.status]})`,
    );
  for (const o of diff.gapsClosed) changes.set(o.id, `Gap closed (was ${LABEL[o.old.status]})`);
  const since = diff.old.date ?? baseline.file;
  return {
    diff,
    thenStatus,
    changes,
    progress: {
      since,
      baselineFile: baseline.file,
      baselineAssessor: diff.old.assessor,
      baselineCatalogVersion: diff.old.catalogVersion,
      overall: flip(diff.overall),
      recommended: flip(diff.recommended),
      chapters: diff.chapters.map((c) => ({ id: c.id, title: c.title, ...flip(c) })),
      improved: diff.improved.length,
      regressed: diff.regressed.map(gap),
      closedGaps: diff.gapsClosed.map(gap),
      newGaps: diff.gapsNew.map(gap),
      catalogNote: diff.catalog.differs
        ? `The baseline was answered against catalog version ${diff.catalog.old}; both are compared on version ${diff.catalog.current}. ${diff.catalog.retired.length} retired, ${diff.catalog.added.length} new and ${diff.catalog.reworded.length} reworded questions are not counted as change ("opsc diff" lists them).`
        : null,
    },
  };
}

function flip(c: { old: number | null; new: number | null; delta: number | null }) {
  return { before: c.old, now: c.new, delta: c.delta };
}

// ── the Committee's recommendations ──────────────────────────────────────────────────────────

export const FOLLOW_UP_STATUSES = ['addressed', 'partly-addressed', 'not-addressed', 'to-verify'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_LABELS: Record<FollowUpStatus, string> = {
  addressed: 'Addressed',
  'partly-addressed': 'Partly addressed',
  'not-addressed': 'Not addressed',
  'to-verify': 'To verify',
};

export interface ReportRecommendation {
  symbol: string;
  paragraph: string;
  text: string;
  obligations: { id: string; title: string; status: ObligationStatus; statusLabel: string }[];
  status: FollowUpStatus;
  statusLabel: string;
  /** With a baseline: the status then and a short account of the change. */
  before?: { status: FollowUpStatus; statusLabel: string };
  change?: string;
}

/**
 * A recommendation's status from its obligations' statuses (not-applicable and reserved ones left out):
 * any unanswered or unverified → to verify; all met → addressed; all not met → not addressed;
 * otherwise partly addressed. Nothing left to judge → to verify.
 */
export function followUpStatus(statuses: readonly ObligationStatus[]): FollowUpStatus {
  // An optional measure used counts as met; a reserved provision, like not-applicable, is left out.
  const plain: Partial<Record<ObligationStatus, ObligationStatus>> = {
    used: 'met',
    'partly-used': 'partial',
    'not-used': 'unmet',
  };
  const relevant = statuses.map((s) => plain[s] ?? s).filter((s) => s !== 'not-applicable' && s !== 'reserved');
  if (relevant.length === 0) return 'to-verify';
  if (relevant.some((s) => s === 'unanswered' || s === 'unverified')) return 'to-verify';
  if (relevant.every((s) => s === 'met')) return 'addressed';
  if (relevant.every((s) => s === 'unmet')) return 'not-addressed';
  return 'partly-addressed';
}

export function buildRecommendations(
  catalog: Catalog,
  recommendations: readonly CommitteeRecommendation[],
  now: Score,
  thenStatus?: Map<string, ObligationStatus>,
): ReportRecommendation[] {
  const titles = new Map(catalog.obligations.map((o) => [o.id, o.title]));
  const nowStatus = new Map(now.obligations.map((o) => [o.id, o.status]));
  return recommendations.map((r) => {
    const ids = r.obligations.filter((id) => titles.has(id));
    const status = followUpStatus(ids.map((id) => nowStatus.get(id) ?? 'unanswered'));
    const entry: ReportRecommendation = {
      symbol: r.symbol,
      paragraph: String(r.paragraph),
      text: r.text.trim(),
      obligations: ids.map((id) => {
        const s = nowStatus.get(id) ?? 'unanswered';
        return { id, title: titles.get(id) ?? id, status: s, statusLabel: LABEL[s] };
      }),
      status,
      statusLabel: FOLLOW_UP_LABELS[status],
    };
    if (thenStatus) {
      const before = followUpStatus(ids.map((id) => thenStatus.get(id) ?? 'unanswered'));
      entry.before = { status: before, statusLabel: FOLLOW_UP_LABELS[before] };
      entry.change =
        before === status ? 'Unchanged' : `${FOLLOW_UP_LABELS[status]} (was ${FOLLOW_UP_LABELS[before].toLowerCase()})`;
    }
    return entry;
  });
}

// ── the action plan ──────────────────────────────────────────────────────────────────────────

export interface ActionRow {
  obligationId: string;
  obligationTitle: string;
  chapter: string;
  provisionLabels: string;
  /** The obligation's status now. */
  gapStatus: ObligationStatus;
  gapStatusLabel: string;
  owner: string;
  due: string | null;
  status: ActionStatus;
  note?: string;
  /** Due before the reference date and not done. */
  overdue: boolean;
  /** Days past due (0 when not overdue). */
  daysOverdue: number;
}

/**
 * Every action in the assessment, overdue first (most overdue first), then open actions by due
 * date (undated last), then done ones. `owner` filters case-insensitively on a part of the name.
 */
export function listActions(
  catalog: Catalog,
  assessment: Pick<Assessment, 'actions'>,
  score: Score,
  options: { date: string; owner?: string; provisionLabels?: Map<string, string> },
): ActionRow[] {
  const obligations = new Map(catalog.obligations.map((o) => [o.id, o]));
  const status = new Map(score.obligations.map((o) => [o.id, o.status]));
  const wanted = options.owner?.trim().toLowerCase();
  const rows: ActionRow[] = [];
  for (const [id, action] of Object.entries(assessment.actions ?? {})) {
    const o = obligations.get(id);
    if (!o || !action) continue;
    const owner = action.owner?.trim() || 'No owner named';
    if (wanted && !owner.toLowerCase().includes(wanted)) continue;
    const due = action.due ? String(action.due).slice(0, 10) : null;
    const state = action.status ?? 'planned';
    const overdue = due !== null && state !== 'done' && due < options.date;
    const gapStatus = status.get(id) ?? 'unanswered';
    rows.push({
      obligationId: id,
      obligationTitle: o.title,
      chapter: o.chapter,
      provisionLabels: options.provisionLabels?.get(id) ?? o.provisions.join(', '),
      gapStatus,
      gapStatusLabel: LABEL[gapStatus],
      owner,
      due,
      status: state,
      ...(action.note?.trim() ? { note: action.note.trim() } : {}),
      overdue,
      daysOverdue: overdue && due ? daysBetween(due, options.date) : 0,
    });
  }
  const rank = (r: ActionRow) => (r.overdue ? 0 : r.status === 'done' ? 2 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.owner.localeCompare(b.owner) ||
      a.obligationId.localeCompare(b.obligationId),
  );
}

/** The action plan grouped by owner (owners in alphabetical order), each group sorted as above. */
export function groupByOwner(rows: readonly ActionRow[]): { owner: string; actions: ActionRow[] }[] {
  const groups = new Map<string, ActionRow[]>();
  for (const row of rows) groups.set(row.owner, [...(groups.get(row.owner) ?? []), row]);
  return [...groups.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((owner) => ({ owner, actions: groups.get(owner) ?? [] }));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
