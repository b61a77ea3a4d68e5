import { createHash } from 'node:crypto';
import { type AnswerRecord, type Assessment, own } from '../assessment/model.js';
import {
  type Catalog,
  type Chapter,
  isScored,
  type Obligation,
  type Provision,
  type Question,
  type ScaleAnswer,
} from '../catalog/model.js';

/**
 * The questionnaire as a pure state machine over (catalog, assessment): no I/O, no clock (the
 * caller passes `now`), no process. The CLI keeps one Assessment and replaces it with what these
 * functions return; everything it shows (position, progress, skips, summaries) is computed here.
 */

/** One question in questionnaire order, with what the prompt shows around it. */
export interface Entry {
  /** 0-based position in the whole questionnaire. */
  index: number;
  question: Question;
  obligation: Obligation;
  chapter: Chapter;
  /** 0-based position of the chapter among the instrument's chapters. */
  chapterIndex: number;
  provisions: Provision[];
}

export interface Questionnaire {
  catalog: Catalog;
  entries: Entry[];
  byId: Map<string, Entry>;
  chapterCount: number;
}

/**
 * answered: has an answer (scale) or text (text questions).
 * unanswered: to be asked.
 * skipped: its condition is not met, so it is not asked (stored as `answer: skipped`).
 * pending: its condition depends on a question not answered yet.
 */
export type Status = 'answered' | 'unanswered' | 'skipped' | 'pending';

export function createQuestionnaire(catalog: Catalog): Questionnaire {
  const chapters = catalog.instrument.chapters;
  const chapterIndex = new Map(chapters.map((c, i) => [c.id, i]));
  const provisions = new Map(catalog.instrument.provisions.map((p) => [p.id, p]));
  const entries: Entry[] = [];
  for (const obligation of catalog.obligations) {
    const index = chapterIndex.get(obligation.chapter) ?? 0;
    const chapter = chapters[index] ?? { id: obligation.chapter, title: obligation.chapter };
    const cited = obligation.provisions.flatMap((id) => {
      const p = provisions.get(id);
      return p ? [p] : [];
    });
    for (const question of obligation.questions) {
      entries.push({ index: entries.length, question, obligation, chapter, chapterIndex: index, provisions: cited });
    }
  }
  return { catalog, entries, byId: new Map(entries.map((e) => [e.question.id, e])), chapterCount: chapters.length };
}

/** A short digest of what was asked (kind and wording), stored with each answer as `asked`. */
export function questionDigest(question: Question): string {
  return createHash('sha256')
    .update(JSON.stringify([question.kind ?? 'scale', question.text]))
    .digest('hex')
    .slice(0, 16);
}

/** The answers a question offers, in the order shown. */
export function answerChoices(entry: Entry): ScaleAnswer[] {
  const base: ScaleAnswer[] = ['yes', 'partly', 'no', 'unknown'];
  return entry.obligation.allowNotApplicable ? [...base, 'not-applicable'] : base;
}

type Answers = Assessment['answers'];

export function isAnswered(entry: Entry, record: AnswerRecord | undefined): boolean {
  if (!record) return false;
  if (isScored(entry.question)) return record.answer != null && record.answer !== 'skipped';
  return typeof record.text === 'string' && record.text.trim() !== '';
}

/** What the condition of a question says given the answers so far. */
function conditionState(entry: Entry, answers: Answers): 'met' | 'not-met' | 'pending' {
  const when = entry.question.when;
  if (!when) return 'met';
  const answer = own(answers, when.question)?.answer;
  if (answer == null) return 'pending';
  return answer !== 'skipped' && (when.in as string[]).includes(answer) ? 'met' : 'not-met';
}

export function statusOf(entry: Entry, answers: Answers): Status {
  const condition = conditionState(entry, answers);
  if (condition === 'not-met') return 'skipped';
  if (isAnswered(entry, own(answers, entry.question.id))) return 'answered';
  return condition === 'pending' ? 'pending' : 'unanswered';
}

/** Whether the prompt visits this question: skipped and pending ones are passed over. */
export function isAskable(entry: Entry, answers: Answers): boolean {
  const s = statusOf(entry, answers);
  return s === 'answered' || s === 'unanswered';
}

/**
 * Records skips: a question whose condition is not met gets `answer: skipped` (its citation and
 * notes are kept, and its answer under `previous`), and one whose condition is met again gets
 * that answer back — or none, so it is asked.
 * Conditions only look back, so one pass in order settles chains.
 */
export function recomputeSkips(q: Questionnaire, answers: Answers): Answers {
  const out: Answers = { ...answers };
  for (const entry of q.entries) {
    if (!entry.question.when) continue;
    const id = entry.question.id;
    const record = own(out, id);
    const condition = conditionState(entry, out);
    if (condition === 'not-met') {
      if (record?.answer !== 'skipped') {
        // The answer given is kept beside the mark, to come back if the condition is met again (D3).
        const base = record ?? emptyRecord(entry);
        const given = base.answer;
        out[id] = { ...base, answer: 'skipped', ...(given != null && given !== 'skipped' ? { previous: given } : {}) };
      }
    } else if (record?.answer === 'skipped') {
      const { previous, ...rest } = record;
      out[id] = { ...rest, answer: previous ?? null };
    }
  }
  return out;
}

/** The record a new assessment or a template holds for a question: every field, empty. */
export function emptyRecord(entry: Entry): AnswerRecord {
  return isScored(entry.question)
    ? { answer: null, citation: null, notes: null, asked: questionDigest(entry.question) }
    : { text: null, notes: null, asked: questionDigest(entry.question) };
}

export interface NewAssessment {
  country: { code: string; name?: string };
  assessor?: string;
  now: string;
}

export function newAssessment(q: Questionnaire, { country, assessor, now }: NewAssessment): Assessment {
  const answers: Answers = {};
  for (const entry of q.entries) answers[entry.question.id] = emptyRecord(entry);
  return {
    instrument: q.catalog.instrument.id,
    catalog: { version: q.catalog.instrument.version, digest: q.catalog.digest },
    country: { ...country },
    ...(assessor ? { assessor } : {}),
    created: now,
    updated: now,
    answers: recomputeSkips(q, answers),
  };
}

/** What the user gave for one question; omitted fields keep their stored value. */
export interface AnswerPatch {
  answer?: ScaleAnswer | null;
  text?: string | null;
  citation?: string | null;
  notes?: string | null;
  flagged?: boolean;
}

/**
 * Stores an answer: merges the patch, records the wording answered (`asked`), clears the
 * "marked for later" flag unless the patch sets it, and recomputes every skip.
 */
export function applyAnswer(
  q: Questionnaire,
  assessment: Assessment,
  questionId: string,
  patch: AnswerPatch,
  now: string,
): Assessment {
  const entry = q.byId.get(questionId);
  if (!entry) throw new Error(`No question "${questionId}" in the catalog.`);
  const previous = own(assessment.answers, questionId) ?? emptyRecord(entry);
  const record: AnswerRecord = { ...previous, ...patch, asked: questionDigest(entry.question) };
  if (!patch.flagged) delete record.flagged;
  const answers = recomputeSkips(q, { ...assessment.answers, [questionId]: record });
  return { ...assessment, updated: now, answers };
}

// ── navigation ───────────────────────────────────────────────────────────────────────────────

/** The first question still to answer at or after `from` (wrapping to the start), if any. */
export function firstOpen(q: Questionnaire, answers: Answers, from = 0): number | undefined {
  const n = q.entries.length;
  for (let k = 0; k < n; k++) {
    const entry = q.entries[(from + k) % n] as Entry;
    if (statusOf(entry, answers) === 'unanswered') return entry.index;
  }
  return undefined;
}

/** The next question the prompt visits after `index`, or undefined at the end. */
export function nextIndex(q: Questionnaire, answers: Answers, index: number): number | undefined {
  return q.entries.find((e) => e.index > index && isAskable(e, answers))?.index;
}

/**
 * How "next" moves on. all: every question in order (after jumping to a chapter). open: only
 * questions still to answer (a new or resumed assessment). flagged / changed: only questions
 * marked for later, or whose wording changed since they were answered.
 */
export type Walk = 'all' | 'open' | 'flagged' | 'changed';

export function inWalk(entry: Entry, answers: Answers, walk: Walk): boolean {
  if (!isAskable(entry, answers)) return false;
  if (walk === 'open') return statusOf(entry, answers) === 'unanswered';
  if (walk === 'flagged') return own(answers, entry.question.id)?.flagged === true;
  if (walk === 'changed') {
    const record = own(answers, entry.question.id);
    return record?.asked !== undefined && isAnswered(entry, record) && record.asked !== questionDigest(entry.question);
  }
  return true;
}

/** The next question of the walk after `index`, or undefined when the walk is over. */
export function nextInWalk(q: Questionnaire, answers: Answers, index: number, walk: Walk): number | undefined {
  return q.entries.find((e) => e.index > index && inWalk(e, answers, walk))?.index;
}

/** The first question of a walk. */
export function firstInWalk(q: Questionnaire, answers: Answers, walk: Walk): number | undefined {
  return nextInWalk(q, answers, -1, walk);
}

/** The previous question the prompt visits before `index`, or undefined at the start. */
export function previousIndex(q: Questionnaire, answers: Answers, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const entry = q.entries[i] as Entry;
    if (isAskable(entry, answers)) return i;
  }
  return undefined;
}

/** Where "jump to chapter" lands: the chapter's first open question, else its first question. */
export function chapterStart(q: Questionnaire, answers: Answers, chapterId: string): number | undefined {
  const inChapter = q.entries.filter((e) => e.chapter.id === chapterId && isAskable(e, answers));
  return (inChapter.find((e) => statusOf(e, answers) === 'unanswered') ?? inChapter[0])?.index;
}

export interface ChapterProgress {
  chapter: Chapter;
  number: number;
  questions: number;
  answered: number;
  unanswered: number;
  skipped: number;
  pending: number;
  flagged: number;
}

export function chapterProgress(q: Questionnaire, answers: Answers): ChapterProgress[] {
  return q.catalog.instrument.chapters.map((chapter, i) => {
    const entries = q.entries.filter((e) => e.chapter.id === chapter.id);
    const count = (s: Status) => entries.filter((e) => statusOf(e, answers) === s).length;
    return {
      chapter,
      number: i + 1,
      questions: entries.length,
      answered: count('answered'),
      unanswered: count('unanswered'),
      skipped: count('skipped'),
      pending: count('pending'),
      flagged: entries.filter((e) => own(answers, e.question.id)?.flagged).length,
    };
  });
}

/** "Chapter 3 of 8 — Prohibition · question 14 of 96 · art. 3(1)(c)" */
export function positionLine(q: Questionnaire, entry: Entry): string {
  const labels = entry.provisions.map((p) => p.label);
  return [
    `Chapter ${entry.chapterIndex + 1} of ${q.chapterCount} — ${entry.chapter.title}`,
    `question ${entry.index + 1} of ${q.entries.length}`,
    ...(labels.length > 0 ? [labels.join(', ')] : []),
  ].join(' · ');
}

export interface Summary {
  total: number;
  answered: number;
  skipped: number;
  unanswered: Entry[];
  pending: Entry[];
  flagged: Entry[];
  unknown: Entry[];
  changed: Entry[];
}

/** What is done and what is still open: the finish screen and `Menu → still unanswered`. */
export function summarize(q: Questionnaire, answers: Answers): Summary {
  const by = (s: Status) => q.entries.filter((e) => statusOf(e, answers) === s);
  return {
    total: q.entries.length,
    answered: by('answered').length,
    skipped: by('skipped').length,
    unanswered: by('unanswered'),
    pending: by('pending'),
    flagged: q.entries.filter((e) => isAskable(e, answers) && own(answers, e.question.id)?.flagged),
    unknown: q.entries.filter((e) => isAskable(e, answers) && own(answers, e.question.id)?.answer === 'unknown'),
    changed: changedQuestions(q, answers),
  };
}

/** Answered questions whose wording changed since they were answered. */
export function changedQuestions(q: Questionnaire, answers: Answers): Entry[] {
  return q.entries.filter((e) => inWalk(e, answers, 'changed'));
}

export interface ReviewRow {
  entry: Entry;
  status: Status;
  record: AnswerRecord | undefined;
}

export function reviewChapter(q: Questionnaire, answers: Answers, chapterId: string): ReviewRow[] {
  return q.entries
    .filter((e) => e.chapter.id === chapterId)
    .map((entry) => ({ entry, status: statusOf(entry, answers), record: own(answers, entry.question.id) }));
}

// ── catalog versions ─────────────────────────────────────────────────────────────────────────

export interface CatalogDiff {
  /** True when the assessment was made with another catalog version or content. */
  differs: boolean;
  from: { version: string; digest?: string };
  to: { version: string; digest: string };
  /** Questions the assessment has no record of. */
  added: Entry[];
  /** Answer ids the catalog no longer has. */
  removed: string[];
  /** Answered questions whose wording changed (known from each answer's `asked`). */
  changed: Entry[];
  /** Answered questions without `asked`, so a change in wording cannot be told. */
  unverifiable: number;
}

export function diffCatalog(q: Questionnaire, assessment: Assessment): CatalogDiff {
  const { instrument } = q.catalog;
  const answers = assessment.answers;
  const differs =
    assessment.catalog.version !== instrument.version ||
    (assessment.catalog.digest !== undefined && assessment.catalog.digest !== q.catalog.digest);
  return {
    differs,
    from: { ...assessment.catalog },
    to: { version: instrument.version, digest: q.catalog.digest },
    added: q.entries.filter((e) => !Object.hasOwn(answers, e.question.id)),
    removed: Object.keys(answers).filter((id) => !q.byId.has(id)),
    changed: changedQuestions(q, answers),
    unverifiable: q.entries.filter((e) => {
      const record = own(answers, e.question.id);
      return record !== undefined && record.asked === undefined && isAnswered(e, record);
    }).length,
  };
}

/**
 * Brings an assessment to the catalog: answers to removed questions move to `retired` (nothing
 * typed is deleted), new questions get empty records, answers that no longer fit the question
 * (a scale answer on what is now a text question, not-applicable where it is no longer allowed)
 * are cleared with the old value kept in the notes, and the catalog version and digest are updated.
 * Answers to changed questions are kept; they keep their old `asked` until answered again.
 */
export function migrate(q: Questionnaire, assessment: Assessment): Assessment {
  const answers: Answers = {};
  const retired = { ...(assessment.retired ?? {}) };
  for (const [id, record] of Object.entries(assessment.answers)) {
    // An empty record holds nothing to keep; a retired answer is never replaced by another one.
    if (!q.byId.has(id) && hasContent(record) && !hasContent(own(retired, id))) retired[id] = record;
  }
  for (const entry of q.entries) {
    const id = entry.question.id;
    // A question that exists again gets its retired answer back (W10): its `asked` digest says
    // whether the wording is still the one answered.
    let record = own(assessment.answers, id);
    const back = own(retired, id);
    if (back !== undefined && !hasContent(record)) {
      record = back;
      delete retired[id];
    } else if (back !== undefined && !hasContent(back)) {
      delete retired[id];
    }
    answers[id] = record ? fitRecord(entry, record) : emptyRecord(entry);
  }
  const migrated: Assessment = {
    ...assessment,
    catalog: { version: q.catalog.instrument.version, digest: q.catalog.digest },
    answers: recomputeSkips(q, answers),
  };
  if (Object.keys(retired).length > 0) migrated.retired = retired;
  else delete migrated.retired;
  return migrated;
}

function hasContent(record: AnswerRecord | undefined): boolean {
  if (!record) return false;
  return (
    (record.answer != null && record.answer !== 'skipped') ||
    record.previous != null ||
    Boolean(record.text) ||
    Boolean(record.citation) ||
    Boolean(record.notes) ||
    record.flagged === true
  );
}

function fitRecord(entry: Entry, record: AnswerRecord): AnswerRecord {
  const answer = record.answer;
  if (answer == null || answer === 'skipped') return record;
  const misfit = !isScored(entry.question) || (answer === 'not-applicable' && !entry.obligation.allowNotApplicable);
  if (!misfit) return record;
  const kept = `Earlier answer: ${answer} (cleared after a catalog change).`;
  return { ...record, answer: null, notes: record.notes ? `${record.notes}\n${kept}` : kept };
}
