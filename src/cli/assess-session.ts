import { type AnswerRecord, type Assessment, own } from '../assessment/model.js';
import { isScored, type ScaleAnswer } from '../catalog/model.js';
import {
  type AnswerPatch,
  answerChoices,
  applyAnswer,
  chapterProgress,
  chapterStart,
  type Entry,
  firstInWalk,
  inWalk,
  nextInWalk,
  positionLine,
  previousIndex,
  type Questionnaire,
  questionDigest,
  reviewChapter,
  type Summary,
  summarize,
  type Walk,
} from '../questionnaire/questionnaire.js';
import type { Color } from '../text/terminal.js';
import { type Choice, type Prompts, SEPARATOR } from './prompts.js';

/**
 * The interactive loop of `opsc assess`: shows where the user is, asks, stores each answer through
 * the pure questionnaire core and saves after every change. It knows prompts only through the
 * Prompts interface and the file only through `save`.
 */
export interface SessionOptions {
  q: Questionnaire;
  assessment: Assessment;
  prompts: Prompts;
  write: (text: string) => void;
  /** Called after every change; must persist the assessment before returning. */
  save: (assessment: Assessment) => void;
  now: () => string;
  color?: Color;
  /** How "next" moves on at the start (default: questions still open). */
  walk?: Walk;
}

const LABEL: Record<ScaleAnswer, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  unknown: 'Unknown — to be verified',
  'not-applicable': 'Not applicable',
};

const CLEAR = '-';

type QuestionAction =
  | { kind: 'answer'; answer: ScaleAnswer }
  | { kind: 'text' }
  | { kind: 'later' }
  | { kind: 'treaty' }
  | { kind: 'back' }
  | { kind: 'menu' };

type MenuAction = 'continue' | 'jump' | 'review' | 'flagged' | 'changed' | 'open' | 'summary' | 'quit';

export class Session {
  private assessment: Assessment;
  private position: number | undefined;
  private walk: Walk;
  private lastChapter: string | undefined;
  private readonly q: Questionnaire;
  private readonly prompts: Prompts;

  constructor(private readonly options: SessionOptions) {
    this.q = options.q;
    this.prompts = options.prompts;
    this.assessment = options.assessment;
    this.walk = options.walk ?? 'open';
    this.position = firstInWalk(this.q, this.answers, this.walk);
  }

  get current(): Assessment {
    return this.assessment;
  }

  private get answers(): Assessment['answers'] {
    return this.assessment.answers;
  }

  /** Runs until the user finishes or quits; Ctrl-C surfaces as PromptCancelled (already saved). */
  async run(): Promise<Assessment> {
    for (;;) {
      if (this.position === undefined) {
        if (await this.endOfWalk()) return this.assessment;
        continue;
      }
      const entry = this.q.entries[this.position] as Entry;
      if (!inWalk(entry, this.answers, 'all')) {
        this.position = nextInWalk(this.q, this.answers, entry.index, this.walk);
        continue;
      }
      const action = await this.ask(entry);
      if (action.kind === 'treaty') {
        this.showTreaty(entry);
      } else if (action.kind === 'back') {
        const previous = previousIndex(this.q, this.answers, entry.index);
        if (previous === undefined) this.say(this.dim('This is the first question.'));
        else this.position = previous;
      } else if (action.kind === 'menu') {
        if ((await this.menu()) === 'quit') return this.assessment;
      } else if (action.kind === 'later') {
        const record = own(this.answers, entry.question.id);
        const patch: AnswerPatch = { flagged: true };
        if (isScored(entry.question) && (record?.answer == null || record.answer === 'skipped'))
          patch.answer = 'unknown';
        this.store(entry, patch);
        this.say(this.dim('Marked for later. Menu → "Questions marked for later" brings you back to it.'));
        this.position = nextInWalk(this.q, this.answers, entry.index, this.walk);
      } else {
        await this.answer(entry, action);
        this.position = nextInWalk(this.q, this.answers, entry.index, this.walk);
      }
    }
  }

  // ── one question ───────────────────────────────────────────────────────────────────────────

  private async ask(entry: Entry): Promise<QuestionAction> {
    const record = own(this.answers, entry.question.id);
    const done = summarize(this.q, this.answers);
    this.say('');
    if (entry.chapter.id !== this.lastChapter) {
      this.lastChapter = entry.chapter.id;
      this.say(this.bold(`━━ Chapter ${entry.chapterIndex + 1} of ${this.q.chapterCount}: ${entry.chapter.title}`));
      if (entry.chapter.description) this.say(this.dim(entry.chapter.description));
      this.say('');
    }
    this.say(
      this.bold(positionLine(this.q, entry)) + this.dim(` · ${done.answered}/${done.total - done.skipped} done`),
    );
    this.say(`${entry.obligation.title} ${this.dim(`(${entry.obligation.strength})`)}`);
    if (entry.question.help) this.say(this.dim(`Help: ${entry.question.help}`));
    if (record && (record.answer != null || record.text)) this.say(this.dim(`Saved answer: ${describe(record)}`));
    if (record?.flagged) this.say(this.yellow('Marked for later.'));
    if (record?.asked && record.asked !== questionDigest(entry.question) && record.answer != null) {
      this.say(this.yellow('The wording of this question changed since it was answered: check the answer.'));
    }
    const canGoBack = previousIndex(this.q, this.answers, entry.index) !== undefined;
    const tail: Choice<QuestionAction>[] = [
      { value: { kind: 'later' }, name: 'Mark for later', description: 'Answer "unknown" for now and come back to it' },
      ...(entry.provisions.length > 0
        ? [
            {
              value: { kind: 'treaty' } as QuestionAction,
              name: `Show the treaty text (${entry.provisions.map((p) => p.label).join(', ')})`,
            },
          ]
        : []),
      {
        value: { kind: 'back' },
        name: 'Back to the previous question',
        ...(canGoBack ? {} : { disabled: '(this is the first)' }),
      },
      { value: { kind: 'menu' }, name: 'Menu…', description: 'Jump to a chapter, review answers, finish or quit' },
    ];
    if (!isScored(entry.question)) {
      return this.prompts.select<QuestionAction>(entry.question.text, [
        { value: { kind: 'text' }, name: record?.text ? 'Change the answer' : 'Write the answer' },
        SEPARATOR,
        ...tail,
      ]);
    }
    const scale = answerChoices(entry).map((answer) => ({
      value: { kind: 'answer', answer } as QuestionAction,
      name: LABEL[answer],
    }));
    const previous = record?.answer;
    const initial = scale.find((c) => c.value.kind === 'answer' && c.value.answer === previous)?.value;
    return this.prompts.select<QuestionAction>(entry.question.text, [...scale, SEPARATOR, ...tail], initial);
  }

  private async answer(entry: Entry, action: QuestionAction): Promise<void> {
    const id = entry.question.id;
    if (action.kind === 'answer') {
      this.store(entry, { answer: action.answer });
      if (action.answer === 'yes' || action.answer === 'partly' || action.answer === 'no') {
        const citation = await this.field(
          'Citation of national law (e.g. Criminal Code s. 184b), Enter to skip:',
          own(this.answers, id)?.citation,
        );
        this.store(entry, { citation });
      }
    } else {
      const text = await this.field('Answer:', own(this.answers, id)?.text);
      this.store(entry, { text });
    }
    const notes = await this.field('Note (optional):', own(this.answers, id)?.notes);
    this.store(entry, { notes });
  }

  /** A free-text field prefilled with its previous value; "-" clears it. */
  private async field(message: string, previous: string | null | undefined): Promise<string | null> {
    if (previous && /[\r\n]/.test(previous)) {
      // A line break in the prefill would act as Enter and cut the text (notes written in an
      // editor can have several lines): show it, and let Enter keep it whole.
      this.say(this.dim(`Saved: ${previous.replace(/\r?\n/g, ' ⏎ ')}`));
      const value = (
        await this.prompts.text(`${message} ${this.dim(`(Enter keeps the saved text, "${CLEAR}" clears)`)}`)
      ).trim();
      if (value === '') return previous;
      return value === CLEAR ? null : value;
    }
    const shown = previous ? `${message} ${this.dim(`("${CLEAR}" clears)`)}` : message;
    const value = (await this.prompts.text(shown, previous ? { prefill: previous } : {})).trim();
    return value === '' || value === CLEAR ? null : value;
  }

  private store(entry: Entry, patch: AnswerPatch): void {
    this.assessment = applyAnswer(this.q, this.assessment, entry.question.id, patch, this.options.now());
    this.options.save(this.assessment);
  }

  private showTreaty(entry: Entry): void {
    this.say('');
    for (const provision of entry.provisions) this.say(`${this.bold(provision.label)}  ${provision.text}`);
  }

  // ── menu, review, end ──────────────────────────────────────────────────────────────────────

  private async menu(): Promise<MenuAction> {
    for (;;) {
      const summary = summarize(this.q, this.answers);
      const action = await this.prompts.select<MenuAction>('Menu', [
        { value: 'continue', name: 'Continue with the questions' },
        { value: 'jump', name: 'Jump to a chapter…' },
        { value: 'review', name: "Review a chapter's answers…" },
        {
          value: 'flagged',
          name: `Go through the questions marked for later (${summary.flagged.length})`,
          ...(summary.flagged.length === 0 ? { disabled: '(none)' } : {}),
        },
        ...(summary.changed.length > 0
          ? [{ value: 'changed' as const, name: `Check answers whose question changed (${summary.changed.length})` }]
          : []),
        {
          value: 'open',
          name: `Go to the first unanswered question (${summary.unanswered.length})`,
          ...(summary.unanswered.length === 0 ? { disabled: '(none)' } : {}),
        },
        { value: 'summary', name: 'Show what is still unanswered' },
        SEPARATOR,
        { value: 'quit', name: 'Finish for now (everything is saved)' },
      ]);
      if (action === 'continue') return action;
      if (action === 'quit') {
        this.printSummary(summary);
        return action;
      }
      if (action === 'summary') {
        this.printSummary(summary);
        continue;
      }
      if (action === 'jump') {
        const chapter = await this.chooseChapter('Jump to which chapter?');
        if (chapter === undefined) continue;
        const start = chapterStart(this.q, this.answers, chapter);
        if (start === undefined) {
          this.say(this.dim('Nothing to ask in that chapter: its questions are skipped or wait for earlier answers.'));
          continue;
        }
        this.walk = 'all';
        this.position = start;
        return action;
      }
      if (action === 'review') {
        const target = await this.review();
        if (target === undefined) continue;
        this.walk = 'all';
        this.position = target;
        return action;
      }
      // flagged, changed, open: walk those questions only, from the first.
      this.walk = action;
      this.position = firstInWalk(this.q, this.answers, action);
      return action;
    }
  }

  private async chooseChapter(message: string): Promise<string | undefined> {
    const choices: (Choice<string | undefined> | typeof SEPARATOR)[] = chapterProgress(this.q, this.answers).map(
      (p) => ({
        value: p.chapter.id,
        name: `${p.number}. ${p.chapter.title}  ${this.dim(chapterCounts(p))}`,
        ...(p.questions === 0 ? { disabled: '(no questions)' } : {}),
      }),
    );
    choices.push(SEPARATOR, { value: undefined, name: 'Back to the menu' });
    return this.prompts.select(message, choices);
  }

  /** Prints a chapter's answers and offers to open one of its questions. */
  private async review(): Promise<number | undefined> {
    const chapter = await this.chooseChapter("Review which chapter's answers?");
    if (chapter === undefined) return undefined;
    const rows = reviewChapter(this.q, this.answers, chapter);
    this.say('');
    for (const row of rows) {
      const state =
        row.status === 'skipped'
          ? this.dim('skipped (condition not met)')
          : row.status === 'pending'
            ? this.dim('waits for an earlier answer')
            : row.status === 'unanswered'
              ? this.yellow('not answered')
              : describe(row.record as AnswerRecord);
      this.say(`${String(row.entry.index + 1).padStart(4)}. ${row.entry.question.text}`);
      this.say(`      ${state}${row.record?.flagged ? this.yellow(' · marked for later') : ''}`);
    }
    const choices: (Choice<number | undefined> | typeof SEPARATOR)[] = rows
      .filter((r) => inWalk(r.entry, this.answers, 'all'))
      .map((r) => ({ value: r.entry.index, name: `${r.entry.index + 1}. ${r.entry.question.text}` }));
    choices.push(SEPARATOR, { value: undefined, name: 'Back to the menu' });
    return this.prompts.select('Open a question to change its answer?', choices);
  }

  /** The walk is over: say what is left and offer the ways on. Returns true to stop. */
  private async endOfWalk(): Promise<boolean> {
    const summary = summarize(this.q, this.answers);
    this.say('');
    this.printSummary(summary);
    const complete = summary.unanswered.length === 0 && summary.flagged.length === 0 && summary.pending.length === 0;
    const choices: (Choice<'open' | 'flagged' | 'menu' | 'quit'> | typeof SEPARATOR)[] = [
      ...(summary.unanswered.length > 0
        ? [{ value: 'open' as const, name: `Answer the ${summary.unanswered.length} unanswered question(s)` }]
        : []),
      ...(summary.flagged.length > 0
        ? [{ value: 'flagged' as const, name: `Go through the ${summary.flagged.length} marked for later` }]
        : []),
      { value: 'menu', name: 'Menu…' },
      { value: 'quit', name: complete ? 'Finish' : 'Finish for now (everything is saved)' },
    ];
    const action = await this.prompts.select('What next?', choices);
    if (action === 'quit') return true;
    if (action === 'menu') {
      const result = await this.menu();
      return result === 'quit';
    }
    this.walk = action;
    this.position = firstInWalk(this.q, this.answers, action);
    return false;
  }

  private printSummary(summary: Summary): void {
    const open = summary.total - summary.skipped;
    this.say(
      this.bold(`${summary.answered} of ${open} questions answered`) +
        (summary.skipped > 0 ? this.dim(` (${summary.skipped} skipped by condition)`) : ''),
    );
    const list = (title: string, entries: Entry[]) => {
      if (entries.length === 0) return;
      this.say(`${title} (${entries.length}):`);
      for (const e of entries.slice(0, 20)) this.say(`  ${e.index + 1}. ${e.question.text}`);
      if (entries.length > 20) this.say(this.dim(`  … and ${entries.length - 20} more`));
    };
    list('Still unanswered', summary.unanswered);
    list('Waiting for an earlier answer', summary.pending);
    list('Marked for later', summary.flagged);
    list(
      'Answered "unknown"',
      summary.unknown.filter((e) => !summary.flagged.includes(e)),
    );
    list('Question changed since answered', summary.changed);
    if (summary.unanswered.length + summary.flagged.length + summary.pending.length === 0) {
      this.say(this.green('Every question is answered.'));
    }
  }

  // ── output ─────────────────────────────────────────────────────────────────────────────────

  private say(line: string): void {
    this.options.write(`${line}\n`);
  }
  private bold(s: string): string {
    return this.options.color ? this.options.color.bold(s) : s;
  }
  private dim(s: string): string {
    return this.options.color ? this.options.color.dim(s) : s;
  }
  private yellow(s: string): string {
    return this.options.color ? this.options.color.yellow(s) : s;
  }
  private green(s: string): string {
    return this.options.color ? this.options.color.green(s) : s;
  }
}

function describe(record: AnswerRecord): string {
  const parts = [record.answer ?? (record.text ? `“${record.text}”` : 'not answered')];
  if (record.citation) parts.push(record.citation);
  if (record.notes) parts.push(`note: ${record.notes.split('\n')[0]}`);
  return parts.join(' · ');
}

function chapterCounts(p: { questions: number; answered: number; skipped: number; flagged: number }): string {
  const open = p.questions - p.skipped;
  return `${p.answered}/${open} answered${p.flagged ? `, ${p.flagged} for later` : ''}`;
}
