import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaChecker } from '../schema/check.js';
import { didYouMean } from '../text/suggest.js';
import { locate, type ParsedYaml, type PathSegment, parseSource, type SourceFile, type Span } from '../yaml/source.js';
import { type Catalog, type Instrument, isScored, type Obligation, TIER_RANK, WEIGHT_RANGE } from './model.js';

export type { SourceFile } from '../yaml/source.js';

export const INSTRUMENT_FILE = 'instrument.yaml';

export interface CatalogSource {
  /** The catalog folder, used to name a missing instrument.yaml. */
  dir: string;
  /** instrument.yaml and the obligation files, in file-name order. */
  files: SourceFile[];
}

export interface CatalogResult {
  /** Set only when there are no errors (warnings allowed). */
  catalog?: Catalog;
  diagnostics: Diagnostic[];
}

/** Where an item came from, so later checks can point into the file. */
interface Origin {
  parsed: ParsedYaml;
  path: PathSegment[];
}

export function isInstrumentFile(path: string): boolean {
  return path === INSTRUMENT_FILE || path.endsWith(`/${INSTRUMENT_FILE}`) || path.endsWith(`\\${INSTRUMENT_FILE}`);
}

export function loadCatalog(source: CatalogSource, schemas: SchemaChecker): CatalogResult {
  const diagnostics: Diagnostic[] = [];
  let instrument: { value: Instrument; parsed: ParsedYaml } | undefined;
  const obligations: { value: Obligation; origin: Origin }[] = [];

  for (const file of source.files) {
    const { parsed, diagnostics: yamlDiagnostics } = parseSource(file);
    diagnostics.push(...yamlDiagnostics);
    if (!parsed) continue;
    const kind = isInstrumentFile(file.path) ? 'instrument' : 'obligation';
    const schemaDiagnostics = schemas.check(kind, parsed);
    diagnostics.push(...schemaDiagnostics);
    if (schemaDiagnostics.length > 0) continue;
    if (kind === 'instrument') {
      instrument = { value: parsed.value as Instrument, parsed };
    } else {
      (parsed.value as { obligations: Obligation[] }).obligations.forEach((value, i) => {
        obligations.push({ value, origin: { parsed, path: ['obligations', i] } });
      });
    }
  }

  const instrumentFound = source.files.some((f) => isInstrumentFile(f.path));
  if (!instrumentFound) {
    diagnostics.push({
      file: joinPath(source.dir, INSTRUMENT_FILE),
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'missing-instrument',
      message: `No ${INSTRUMENT_FILE} in this catalog folder. A catalog needs one to define the treaty, chapters and provisions.`,
    });
  }
  if (!instrument) return { diagnostics };

  // Questionnaire order: chapter order, then file order (the sort is stable).
  const chapterIndex = new Map(instrument.value.chapters.map((c, i) => [c.id, i]));
  const ordered = [...obligations].sort(
    (a, b) => (chapterIndex.get(a.value.chapter) ?? 0) - (chapterIndex.get(b.value.chapter) ?? 0),
  );
  diagnostics.push(...checkInstrument(instrument.value, instrument.parsed));
  diagnostics.push(...checkObligations(instrument.value, obligations));
  diagnostics.push(...checkConditions(questionEntries(ordered)));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const catalog = { instrument: instrument.value, obligations: ordered.map((o) => o.value), digest: '' };
  catalog.digest = catalogDigest(catalog);
  return { catalog, diagnostics };
}

/** A digest of what the catalog says, independent of comments and formatting. */
export function catalogDigest(catalog: Pick<Catalog, 'instrument' | 'obligations'>): string {
  const content = JSON.stringify({ instrument: catalog.instrument, obligations: catalog.obligations });
  return `sha256-${createHash('sha256').update(content).digest('hex')}`;
}

function checkInstrument(instrument: Instrument, parsed: ParsedYaml): Diagnostic[] {
  return [
    ...duplicates(
      'duplicate-chapter-id',
      'Chapter id',
      instrument.chapters.map((c, i) => ({ id: c.id, origin: { parsed, path: ['chapters', i, 'id'] } })),
    ),
    ...duplicates(
      'duplicate-provision-id',
      'Provision id',
      instrument.provisions.map((p, i) => ({ id: p.id, origin: { parsed, path: ['provisions', i, 'id'] } })),
    ),
  ];
}

function checkObligations(instrument: Instrument, obligations: { value: Obligation; origin: Origin }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const provisionIds = new Set(instrument.provisions.map((p) => p.id));
  const chapterIds = instrument.chapters.map((c) => c.id);
  diagnostics.push(
    ...duplicates(
      'duplicate-obligation-id',
      'Obligation id',
      obligations.map((o) => ({ id: o.value.id, origin: at(o.origin, 'id') })),
    ),
  );
  const questions = questionEntries(obligations);
  diagnostics.push(
    ...duplicates(
      'duplicate-question-id',
      'Question id',
      questions.map((q) => ({ id: q.question.id, origin: at(q.origin, 'id') })),
    ),
  );

  for (const { value: obligation, origin } of obligations) {
    obligation.provisions.forEach((id, k) => {
      if (!provisionIds.has(id)) {
        diagnostics.push(
          finding(
            at(origin, 'provisions', k),
            'unknown-provision',
            `Provision "${id}" is not in ${INSTRUMENT_FILE}.${didYouMean(id, provisionIds)} Use the ids of the instrument's provisions (e.g. 3.1.c).`,
          ),
        );
      }
    });
    if (!chapterIds.includes(obligation.chapter)) {
      diagnostics.push(
        finding(
          at(origin, 'chapter'),
          'unknown-chapter',
          `Chapter "${obligation.chapter}" is not in ${INSTRUMENT_FILE}.${didYouMean(obligation.chapter, chapterIds)}`,
        ),
      );
    }
    if (!obligation.questions.some(isScored)) {
      diagnostics.push(
        finding(
          at(origin, 'questions'),
          'no-scored-question',
          `Obligation "${obligation.id}" has no scored question, so it could never be scored. Add a question with the yes/partly/no scale.`,
        ),
      );
    }
    if (obligation.weight < WEIGHT_RANGE.min || obligation.weight > WEIGHT_RANGE.max) {
      diagnostics.push(
        finding(
          at(origin, 'weight'),
          'weight-out-of-range',
          `Weight ${obligation.weight} is out of range: use a whole number from ${WEIGHT_RANGE.min} to ${WEIGHT_RANGE.max}.`,
        ),
      );
    }
  }
  return diagnostics;
}

/** A place below an origin, e.g. the "id" of an obligation. */
function at(origin: Origin, ...rest: PathSegment[]): Origin {
  return { parsed: origin.parsed, path: [...origin.path, ...rest] };
}

function questionEntries(obligations: { value: Obligation; origin: Origin }[]): QuestionEntry[] {
  return obligations.flatMap((o) =>
    o.value.questions.map((question, j) => ({ question, obligation: o.value, origin: at(o.origin, 'questions', j) })),
  );
}

interface QuestionEntry {
  question: Obligation['questions'][number];
  obligation: Obligation;
  origin: Origin;
}

/**
 * A condition may only look back: it names a scored question asked earlier in questionnaire
 * order (`ordered`: chapter order, then file order). Cycles are reported as such, not as forward
 * references.
 */
function checkConditions(ordered: QuestionEntry[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const position = new Map<string, number>();
  ordered.forEach((e, i) => {
    if (!position.has(e.question.id)) position.set(e.question.id, i);
  });
  const byId = new Map(ordered.map((e) => [e.question.id, e]));
  const inCycle = findCycles(ordered);

  ordered.forEach((entry, index) => {
    const when = entry.question.when;
    if (!when) return;
    const where = { parsed: entry.origin.parsed, path: [...entry.origin.path, 'when', 'question'] };
    const target = byId.get(when.question);
    if (!target) {
      diagnostics.push(
        finding(
          where,
          'condition-unknown-question',
          `Condition names question "${when.question}", which does not exist.${didYouMean(when.question, byId.keys())}`,
        ),
      );
    } else if (inCycle.has(entry.question.id)) {
      diagnostics.push(
        finding(
          where,
          'condition-cycle',
          `Conditions form a cycle: ${cyclePath(entry.question.id, byId)}. A question cannot depend on itself.`,
        ),
      );
    } else if ((position.get(when.question) ?? 0) >= index) {
      diagnostics.push(
        finding(
          where,
          'condition-forward-reference',
          `Condition names question "${when.question}", which is asked later. A condition may only depend on an earlier answer: move one of the questions.`,
        ),
      );
    } else if (TIER_RANK[target.obligation.strength] > TIER_RANK[entry.obligation.strength]) {
      const recommended = target.obligation.strength === 'recommended';
      diagnostics.push(
        finding(
          where,
          recommended ? 'condition-on-recommended' : 'condition-on-optional',
          recommended
            ? `Condition names question "${when.question}" of a recommended obligation, but this question is part of the treaty (${entry.obligation.strength}). What the treaty asks must not depend on an answer beyond it: condition it on a mandatory or discretionary question, or drop the condition.`
            : `Condition names question "${when.question}" of an optional treaty measure (discretionary), but this question counts in the main score. A treaty obligation must not depend on whether the State uses an option: condition it on a mandatory question, or drop the condition.`,
        ),
      );
    } else if (!isScored(target.question)) {
      diagnostics.push(
        finding(
          where,
          'condition-not-scale',
          `Condition names question "${when.question}", a free-text question. Conditions need a yes/partly/no question.`,
        ),
      );
    }
  });
  return diagnostics;
}

function findCycles(entries: QuestionEntry[]): Set<string> {
  const next = new Map(
    entries.filter((e) => e.question.when).map((e) => [e.question.id, e.question.when?.question ?? '']),
  );
  const cyclic = new Set<string>();
  for (const start of next.keys()) {
    const seen = new Set<string>();
    let current: string | undefined = start;
    while (current !== undefined && next.has(current) && !seen.has(current)) {
      seen.add(current);
      current = next.get(current);
    }
    if (current === start) for (const id of seen) cyclic.add(id);
  }
  return cyclic;
}

function cyclePath(start: string, byId: Map<string, QuestionEntry>): string {
  const path = [start];
  let current = byId.get(start)?.question.when?.question;
  while (current && current !== start && path.length < 50) {
    path.push(current);
    current = byId.get(current)?.question.when?.question;
  }
  return [...path, start].join(' → ');
}

/** Each repeated id is reported at every place it occurs, each naming the others. */
function duplicates(rule: string, what: string, items: { id: string; origin: Origin }[]): Diagnostic[] {
  const byId = new Map<string, Origin[]>();
  for (const item of items) byId.set(item.id, [...(byId.get(item.id) ?? []), item.origin]);
  const diagnostics: Diagnostic[] = [];
  for (const [id, origins] of byId) {
    if (origins.length < 2) continue;
    const spans = origins.map((o) => ({ file: o.parsed.file, ...locate(o.parsed, o.path) }));
    origins.forEach((origin, i) => {
      const others = spans
        .filter((_, j) => j !== i)
        .map((s) => `${s.file}:${s.line}:${s.column}`)
        .join(', ');
      diagnostics.push(
        finding(origin, rule, `${what} "${id}" is used more than once (also at ${others}). Ids must be unique.`),
      );
    });
  }
  return diagnostics;
}

export function finding(
  origin: Origin,
  rule: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  const span: Span = locate(origin.parsed, origin.path);
  return { file: origin.parsed.file, ...span, severity, rule, message };
}

function joinPath(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir.replace(/[/\\]$/, '')}/${name}`;
}
