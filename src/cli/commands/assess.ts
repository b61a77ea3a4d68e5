import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allCountries, isUserAssignedCode } from '../../assessment/countries.js';
import type { Assessment } from '../../assessment/model.js';
import { PLACEHOLDER_COUNTRY } from '../../assessment/template.js';
import {
  type CatalogDiff,
  createQuestionnaire,
  diffCatalog,
  migrate,
  newAssessment,
  type Questionnaire,
  summarize,
} from '../../questionnaire/questionnaire.js';
import { Session } from '../assess-session.js';
import { createAssessmentStore, timestamp } from '../assessment-store.js';
import { colorFor } from '../color.js';
import { countryOption, loadAssessmentOrFail, loadCatalogOrFail } from '../context.js';
import { CancelledError, CliError, EXIT } from '../errors.js';
import { displayPath } from '../files.js';
import type { Io } from '../io.js';
import { type Choice, createPrompts, PromptCancelled, type Prompts } from '../prompts.js';

export interface AssessOptions {
  catalog?: string;
  country?: string;
  assessor?: string;
  color: boolean;
}

/** `opsc assess [FILE]`: the adapter between the terminal, the file and the questionnaire session. */
export async function runAssess(file: string | undefined, options: AssessOptions, io: Io): Promise<number> {
  const givenCountry = options.country !== undefined ? countryOption(options.country) : undefined;
  const loaded = loadCatalogOrFail(io, options.catalog);
  const q = createQuestionnaire(loaded.catalog);

  // Everything that can be refused is refused before the first prompt and the first write.
  let path = file !== undefined ? resolve(io.cwd, file) : undefined;
  let existing = path !== undefined && existsSync(path) ? loadAssessmentOrFail(io, path, loaded).assessment : undefined;
  if (existing && givenCountry && existing.country.code !== givenCountry.code) {
    throw new CliError(
      `${displayPath(path as string, io.cwd)} is the assessment of ${existing.country.code}, not ${givenCountry.code}. Leave out --country to continue it, or name another file.`,
    );
  }
  if (path !== undefined && !existing && !isDirectory(dirname(path))) {
    throw new CliError(
      `Cannot create ${displayPath(path, io.cwd)}: the folder ${displayPath(dirname(path), io.cwd)} does not exist.`,
    );
  }
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    throw new CliError(
      [
        'opsc assess asks questions, so it needs a terminal (standard input and output must be a TTY); nothing was written.',
        'To work without one, write the form with "opsc template --output FILE", fill it in an editor,',
        'check it with "opsc validate FILE", and run "opsc assess FILE" in a terminal to answer the rest.',
      ].join('\n'),
    );
  }

  const prompts = createPrompts(io);
  const color = await colorFor(io.stdout, io, options.color);
  const say = (line: string) => io.stdout.write(`${line}\n`);

  try {
    let assessment: Assessment;
    if (existing && path) {
      assessment = existing;
    } else {
      const country = givenCountry ?? (await chooseCountry(prompts));
      if (path === undefined) {
        path = join(io.cwd, `${loaded.catalog.instrument.id}-${country.code}-${today()}.yaml`);
        if (existsSync(path)) {
          existing = loadAssessmentOrFail(io, path, loaded).assessment;
          say(`${displayPath(path, io.cwd)} already exists: continuing it.`);
        }
      }
      if (existing) {
        assessment = existing;
      } else {
        const assessor =
          options.assessor ?? (await prompts.text('Assessor (your name or institution), Enter to skip:'));
        assessment = newAssessment(q, {
          country,
          ...(assessor.trim() ? { assessor: assessor.trim() } : {}),
          now: timestamp(),
        });
      }
    }
    const target = path as string;
    const shown = displayPath(target, io.cwd);
    const resume = resumeCommand(shown, options.catalog);
    const store = createAssessmentStore(target, shown, loaded.catalog);
    if (existing) {
      const backup = store.adopt(existing);
      if (backup) {
        say(
          `${shown} has comments written by hand; opsc rewrites the file with its own comments, so the file as it was is kept in ${displayPath(backup, io.cwd)}.`,
        );
      }
      const diff = diffCatalog(q, assessment);
      if (diff.differs || diff.added.length > 0 || diff.removed.length > 0) {
        say(describeDiff(diff));
        assessment = migrate(q, assessment);
      }
      if (assessment.country.code === PLACEHOLDER_COUNTRY && !assessment.country.name) {
        say(`${shown} has the placeholder country "${PLACEHOLDER_COUNTRY}"; choose the country.`);
        assessment = { ...assessment, country: await chooseCountry(prompts) };
      }
    }
    store.save(assessment);
    const saving = `Answers are saved to ${shown} after every answer. Ctrl-C stops; "${resume}" continues.`;
    say(color ? color.dim(saving) : saving);

    const session = new Session({
      q,
      assessment,
      prompts,
      write: (s) => io.stdout.write(s),
      save: (a) => store.save(a),
      now: timestamp,
      ...(color ? { color } : {}),
    });
    try {
      assessment = await session.run();
    } catch (error) {
      if (error instanceof PromptCancelled) {
        store.save(session.current);
        throw new CancelledError(`Stopped. Every answer given is saved in ${shown}.\nTo continue: ${resume}`);
      }
      throw error;
    }
    store.save(assessment);
    say(`Saved in ${shown}. Check it with: opsc validate ${shellQuote(shown)}`);
    if (openCount(q, assessment) > 0) say(`To continue: ${resume}`);
    return EXIT.ok;
  } catch (error) {
    // Ctrl-C before the file existed (at the country or assessor question): nothing to save.
    if (error instanceof PromptCancelled) throw new CancelledError('Stopped before anything was written.');
    throw error;
  }
}

function openCount(q: Questionnaire, assessment: Assessment): number {
  const summary = summarize(q, assessment.answers);
  return summary.unanswered.length + summary.pending.length + summary.flagged.length;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function describeDiff(diff: CatalogDiff): string {
  const lines = [
    diff.from.version === diff.to.version
      ? `The catalog changed since this assessment was made (version ${diff.to.version}, new content).`
      : `This assessment was made with catalog ${diff.from.version}; the catalog is now ${diff.to.version}.`,
  ];
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`  ${title} (${items.length}): ${items.slice(0, 8).join(', ')}${items.length > 8 ? ', …' : ''}`);
  };
  list(
    'New questions, to be asked',
    diff.added.map((e) => e.question.id),
  );
  list('Removed questions, answers kept under "retired"', diff.removed);
  list(
    'Changed questions, answers kept (Menu → check answers whose question changed)',
    diff.changed.map((e) => e.question.id),
  );
  if (diff.unverifiable > 0) {
    lines.push(
      `  ${diff.unverifiable} answer(s) do not record the wording answered, so changes to them cannot be told.`,
    );
  }
  if (diff.added.length + diff.removed.length + diff.changed.length === 0)
    lines.push('  No question was added, removed or reworded.');
  return lines.join('\n');
}

async function chooseCountry(prompts: Prompts): Promise<{ code: string; name?: string }> {
  const countries = allCountries();
  return prompts.search('Country (type a name or an ISO alpha-3 code):', (term) => {
    const t = term.trim().toLowerCase();
    const matches: Choice<{ code: string; name?: string }>[] = countries
      .filter((c) => !t || c.code.toLowerCase() === t || c.name.toLowerCase().includes(t))
      .sort((a, b) => Number(b.code.toLowerCase() === t) - Number(a.code.toLowerCase() === t))
      .map((c) => ({ value: { code: c.code, name: c.name }, name: `${c.name} (${c.code})` }));
    const code = term.trim().toUpperCase();
    if (/^[A-Z]{3}$/.test(code) && isUserAssignedCode(code)) {
      matches.unshift({ value: { code }, name: `${code} — a fictional or training country (user-assigned code)` });
    }
    return matches;
  });
}

export function resumeCommand(shown: string, catalog: string | undefined): string {
  return `opsc assess ${shellQuote(shown)}${catalog !== undefined ? ` --catalog ${shellQuote(catalog)}` : ''}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
