import { type Catalog, isScored, type Obligation, type Question } from '../catalog/model.js';
import { type AnswerRecord, type Assessment, own, type TreatyStatus } from './model.js';

export interface SerializeOptions {
  /** Path of schemas/assessment.schema.json relative to the file, for the editor modeline. */
  schemaPath: string;
  /**
   * The catalog the answers belong to: answers are then written in questionnaire order, grouped
   * by chapter and obligation, with the question, its help and the provision text as comments.
   */
  catalog?: Catalog;
  /** Comment lines written after the modeline (without "# "). */
  header?: readonly string[];
}

const RECORD_KEYS = ['answer', 'previous', 'text', 'citation', 'notes', 'flagged', 'asked'] as const;
const COMMENT_WIDTH = 100;

/**
 * Assessment → YAML text. Pure and deterministic: the same assessment gives the same bytes, keys
 * in a fixed order, so files diff well under version control. Comments are regenerated from the
 * catalog on every write; values always round-trip exactly (see serialize tests).
 */
export function serializeAssessment(assessment: Assessment, options: SerializeOptions): string {
  const out: string[] = [`# yaml-language-server: $schema=${options.schemaPath}`];
  for (const line of options.header ?? []) out.push(...comment('', line));
  out.push(`instrument: ${scalar(assessment.instrument, '')}`);
  out.push('catalog:', `  version: ${scalar(assessment.catalog.version, '  ')}`);
  if (assessment.catalog.digest !== undefined) out.push(`  digest: ${scalar(assessment.catalog.digest, '  ')}`);
  out.push('country:', `  code: ${scalar(assessment.country.code, '  ')}`);
  if (assessment.country.name !== undefined) out.push(`  name: ${scalar(assessment.country.name, '  ')}`);
  for (const key of ['assessor', 'created', 'updated'] as const) {
    const value = assessment[key];
    if (value !== undefined) out.push(`${key}: ${scalar(value, '')}`);
  }

  if (assessment.treatyStatus !== undefined) out.push(...treatyStatusLines(assessment.treatyStatus));

  const answers = assessment.answers;
  const written = new Set<string>();
  if (Object.keys(answers).length === 0) {
    out.push('answers: {}');
  } else {
    out.push('answers:');
    if (options.catalog) {
      for (const block of layout(options.catalog)) {
        if (block.kind !== 'question') {
          // Chapter and obligation headings only when one of their questions is written.
          if (block.ids.some((id) => Object.hasOwn(answers, id))) out.push(...block.lines);
        } else {
          const record = own(answers, block.id);
          if (record === undefined) continue;
          written.add(block.id);
          out.push(...block.lines, ...recordLines(block.id, record, '  '));
        }
      }
    }
    const rest = Object.keys(answers).filter((id) => !written.has(id));
    if (options.catalog && rest.length > 0) out.push('', ...comment('  ', 'Not in this catalog version:'));
    for (const id of rest) out.push(...recordLines(id, answers[id] as AnswerRecord, '  '));
  }

  const recommendations = assessment.recommendations;
  if (recommendations && recommendations.length > 0) {
    out.push(
      '',
      ...comment('', "The Committee's latest recommendations and the obligations each concerns."),
      'recommendations:',
    );
    for (const r of recommendations) {
      out.push(`  - symbol: ${scalar(r.symbol, '    ')}`, `    paragraph: ${scalar(r.paragraph, '    ')}`);
      out.push(`    text: ${scalar(r.text, '    ')}`, '    obligations:');
      for (const id of r.obligations) out.push(`      - ${scalar(id, '      ')}`);
    }
  }
  const actions = assessment.actions;
  if (actions && Object.keys(actions).length > 0) {
    out.push('', ...comment('', 'The action plan: per obligation, what is planned to close its gap.'), 'actions:');
    for (const [id, action] of Object.entries(actions)) {
      out.push(`  ${scalar(id, '  ')}:`);
      for (const key of ['owner', 'due', 'status', 'note'] as const) {
        if (action[key] !== undefined) out.push(`    ${key}: ${scalar(action[key], '    ')}`);
      }
    }
  }

  const retired = assessment.retired;
  if (retired && Object.keys(retired).length > 0) {
    out.push(
      '',
      ...comment('', 'Answers to questions that a later catalog version removed. Kept for reference; not scored.'),
      'retired:',
    );
    for (const [id, record] of Object.entries(retired)) out.push(...recordLines(id, record, '  '));
  }
  return `${out.join('\n')}\n`;
}

/**
 * Comment lines of `text` that opsc did not write (compared with texts opsc would write for the
 * same file): a rewrite loses them, so the caller keeps a copy of the file first.
 */
export function foreignComments(text: string, generated: readonly string[]): string[] {
  const known = new Set<string>();
  for (const g of generated)
    for (const line of g.split('\n')) if (line.trimStart().startsWith('#')) known.add(line.trim());
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#') && !line.startsWith('# yaml-language-server:') && !known.has(line));
}

type Block =
  | { kind: 'chapter' | 'obligation'; ids: string[]; lines: string[] }
  | { kind: 'question'; id: string; lines: string[] };

// The comments depend on the catalog only, and wrapping them is most of the work of a save on a
// large catalog: they are laid out once per catalog object.
const layouts = new WeakMap<Catalog, Block[]>();

function layout(catalog: Catalog): Block[] {
  const cached = layouts.get(catalog);
  if (cached) return cached;
  const blocks: Block[] = [];
  const chapters = catalog.instrument.chapters;
  const provisions = new Map(catalog.instrument.provisions.map((p) => [p.id, p]));
  const total = catalog.obligations.reduce((n, o) => n + o.questions.length, 0);
  let number = 0;
  chapters.forEach((chapter, c) => {
    const obligations = catalog.obligations.filter((o) => o.chapter === chapter.id);
    blocks.push({
      kind: 'chapter',
      ids: obligations.flatMap((o) => o.questions.map((q) => q.id)),
      lines: ['', ...comment('  ', `━━ Chapter ${c + 1} of ${chapters.length} — ${chapter.title}`)],
    });
    for (const obligation of obligations) {
      blocks.push({
        kind: 'obligation',
        ids: obligation.questions.map((q) => q.id),
        lines: ['', ...obligationComment(obligation, provisions)],
      });
      for (const question of obligation.questions) {
        number++;
        blocks.push({
          kind: 'question',
          id: question.id,
          lines: ['', ...questionComment(question, obligation, number, total)],
        });
      }
    }
  });
  layouts.set(catalog, blocks);
  return blocks;
}

function obligationComment(obligation: Obligation, provisions: Map<string, { label: string; text: string }>): string[] {
  const lines = [
    ...comment('  ', `── ${obligation.title} (${obligation.id}, ${obligation.strength})`),
    ...obligation.provisions.flatMap((id) => {
      const p = provisions.get(id);
      return p ? comment('  ', `${p.label}: “${p.text}”`, '     ') : [];
    }),
  ];
  return lines;
}

function questionComment(question: Question, obligation: Obligation, number: number, total: number): string[] {
  const lines = [...comment('  ', `Q${number}/${total}. ${question.text}`, '   ')];
  if (question.help) lines.push(...comment('  ', `Help: ${question.help}`, '   '));
  if (question.when) {
    const otherwise = question.when.otherwise === 'not-applicable' ? ' Otherwise it does not apply.' : '';
    lines.push(
      ...comment('  ', `Asked only if ${question.when.question} is ${question.when.in.join(' or ')}.${otherwise}`),
    );
  }
  if (isScored(question)) {
    const scale = ['yes', 'partly', 'no', 'unknown', ...(obligation.allowNotApplicable ? ['not-applicable'] : [])];
    lines.push(...comment('  ', `answer: ${scale.join(' | ')}`));
  } else {
    lines.push(...comment('  ', 'A free-text question: write the answer under "text".'));
  }
  return lines;
}

/** The status block, keys in a fixed order; only what the file has is written. */
function treatyStatusLines(status: TreatyStatus): string[] {
  const lines = ['treatyStatus:'];
  const r = status.ratification;
  if (r !== undefined) {
    const keys = (['kind', 'date', 'signed'] as const).filter((k) => r[k] !== undefined);
    if (keys.length === 0) lines.push('  ratification: {}');
    else lines.push('  ratification:', ...keys.map((k) => `    ${k}: ${scalar(r[k], '    ')}`));
  }
  for (const key of ['nationalLaw', 'reporting'] as const) {
    if (status[key] !== undefined) lines.push(`  ${key}: ${scalar(status[key], '  ')}`);
  }
  const reservations = status.reservations;
  if (reservations !== undefined) {
    if (reservations.length === 0) lines.push('  reservations: []');
    else lines.push('  reservations:');
    for (const item of reservations) {
      lines.push(`    - kind: ${scalar(item.kind, '      ')}`);
      if (item.provisions !== undefined) {
        if (item.provisions.length === 0) lines.push('      provisions: []');
        else lines.push('      provisions:', ...item.provisions.map((id) => `        - ${quoted(id)}`));
      }
      lines.push(`      text: ${scalar(item.text, '      ')}`);
      if (item.date !== undefined) lines.push(`      date: ${scalar(item.date, '      ')}`);
    }
  }
  if (lines.length === 1) return ['treatyStatus: {}'];
  return lines;
}

function recordLines(id: string, record: AnswerRecord, indent: string): string[] {
  const inner = `${indent}  `;
  const lines = [`${indent}${scalar(id, indent)}:`];
  let any = false;
  for (const key of RECORD_KEYS) {
    const value = record[key];
    if (value === undefined) continue;
    any = true;
    lines.push(`${inner}${key}: ${scalar(value, inner)}`);
  }
  if (!any) lines[0] = `${indent}${scalar(id, indent)}: {}`;
  return lines;
}

/** Comment lines, wrapped; line breaks inside the text cannot end the comment. */
function comment(indent: string, text: string, hang = ''): string[] {
  const words = text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').split(/ +/);
  const width = Math.max(40, COMMENT_WIDTH - indent.length - 2);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = hang + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l) => (l ? `${indent}# ${l}` : `${indent}#`));
}

// Plain scalars only for text that YAML cannot read as anything but this string.
const PLAIN = /^[A-Za-z][A-Za-z0-9 .,;()'’§/_-]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
const ANSWERS = new Set(['yes', 'partly', 'no', 'unknown', 'not-applicable', 'skipped']);
// Characters YAML does not allow raw in a file (C0 except tab and line feed, DEL, C1 except NEL,
// surrogates, U+FFFE/U+FFFF): these strings are written double-quoted with escapes.
const NOT_PRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufffe\uffff]/u;

export function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const s = String(value);
  // The answer scale reads best plain ("answer: yes"); a YAML 1.2 reader, as opsc uses, keeps it a string.
  if (ANSWERS.has(s)) return s;
  if (PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ')) return s;
  if (s.includes('\n') && literalSafe(s)) return literal(s, indent);
  return quoted(s);
}

/** A block literal keeps multi-line notes readable; only for text it represents exactly. */
function literalSafe(s: string): boolean {
  if (s.includes('\r') || NOT_PRINTABLE.test(s) || s.includes('\ufeff')) return false;
  // The first line with text sets the indentation, so it may not start with a space or tab.
  const first = s.split('\n').find((line) => line !== '');
  if (first === undefined || /^[ \t]/.test(first)) return false;
  // Lines of only spaces or tabs change meaning inside a block scalar.
  return s.split('\n').every((line) => !/^[ \t]+$/.test(line));
}

function literal(s: string, indent: string): string {
  const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing > 0 ? s.slice(0, -1) : s;
  const pad = `${indent}  `;
  return `|${chomp}\n${body
    .split('\n')
    .map((line) => (line ? pad + line : ''))
    .join('\n')}`;
}

function quoted(s: string): string {
  // JSON strings are YAML double-quoted scalars; YAML also needs DEL, C1 and the non-characters escaped.
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
