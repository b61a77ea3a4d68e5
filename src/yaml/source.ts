import { createRequire } from 'node:module';
import { CORE_SCHEMA, load as loadFast } from 'js-yaml';
import type * as YamlModule from 'yaml';
import type { Alias, Document, LineCounter, Node, YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { DEFAULT_LIMITS, type YamlLimits } from './limits.js';

export { DEFAULT_LIMITS, type YamlLimits } from './limits.js';

// The yaml package (positions, careful checks) costs ~40 ms to load; a clean file read by the
// fast path never needs it, so it is loaded on first use.
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

export interface ParsedYaml {
  file: string;
  /** The document as plain data (the file had no YAML-level errors). */
  value: unknown;
  /** The syntax tree with positions. Built on first use: a clean file never needs it. */
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/**
 * The value of a file already known for exactly these bytes: the bundled catalog is parsed at
 * build time (content-addressed, so an edited file is simply parsed again).
 */
export interface KnownValue {
  value: unknown;
}

export interface ParseResult {
  parsed?: ParsedYaml;
  diagnostics: Diagnostic[];
}

export type PathSegment = string | number;

export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export function fileTooLarge(file: string, size: number, limits: YamlLimits = DEFAULT_LIMITS): Diagnostic {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'file-too-large',
    message: `File is ${formatBytes(size)}; the limit is ${formatBytes(limits.maxBytes)}. Catalog and assessment files are far smaller: check that this is the right file.`,
  };
}

/** A file as the shell read it; the core never reads files itself. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
  /** The size on disk, when the shell did not read a file that is over the size limit. */
  size?: number;
  /** The parsed content, when already known for exactly these bytes (see KnownValue). */
  known?: KnownValue;
}

export function parseSource(source: SourceFile): ParseResult {
  return parseYaml(source.path, source.bytes, {
    ...(source.size !== undefined ? { size: source.size } : {}),
    ...(source.known ? { known: source.known } : {}),
  });
}

function fileLevel(file: string, rule: string, message: string): ParseResult {
  return { diagnostics: [{ file, line: 1, column: 1, severity: 'error', rule, message }] };
}

/** Decodes and parses one YAML file into a single mapping, or explains why it cannot. */
export function parseYaml(
  file: string,
  bytes: Uint8Array,
  {
    size = bytes.length,
    known,
    limits = DEFAULT_LIMITS,
  }: { size?: number; known?: KnownValue; limits?: YamlLimits } = {},
): ParseResult {
  if (size > limits.maxBytes) return { diagnostics: [fileTooLarge(file, size, limits)] };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fileLevel(file, 'not-text', 'File is not UTF-8 text (it looks binary). Save it as UTF-8 YAML.');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return { diagnostics: [notText(file, text, nul)] };

  if (known) return { parsed: withLazyTree(file, text, known.value), diagnostics: [] };
  const fast = parseFast(file, text, limits);
  if (fast) return { parsed: fast, diagnostics: [] };
  return parseCarefully(file, text, limits);
}

/** The careful path: positions for everything, and every YAML-level check. */
export function parseCarefully(file: string, text: string, limits: YamlLimits = DEFAULT_LIMITS): ParseResult {
  const tooDeep = checkDepth(file, text, limits);
  if (tooDeep) return { diagnostics: [tooDeep] };

  // Old Mac line endings: to the YAML parser the whole file is one line (U1).
  if (text.includes('\r') && !text.includes('\n')) {
    return fileLevel(
      file,
      'yaml-syntax',
      'The file uses CR line endings (old Mac style), which YAML does not read as line breaks. Save it with LF or CRLF line endings.',
    );
  }
  const { docs, lines } = compose(text);
  if (docs.length === 0 || docs[0]?.contents == null) {
    return fileLevel(file, 'yaml-empty', 'File is empty. Expected a YAML mapping (key: value lines).');
  }
  const doc = docs[0] as Document.Parsed;
  const span = (offset: number, end?: number): Span => toSpan(lines, offset, end);
  const diagnostics: Diagnostic[] = [];
  const error = (rule: string, message: string, where: Span): void => {
    diagnostics.push({ file, ...where, severity: 'error', rule, message });
  };

  for (const e of doc.errors) error('yaml-syntax', sentence(e.message), span(e.pos[0], e.pos[1]));
  const second = docs[1];
  if (second) {
    error(
      'yaml-multiple-documents',
      'File holds more than one YAML document (a "---" line). Keep one document per file.',
      span(second.range[0]),
    );
  }
  if (!yaml().isMap(doc.contents)) {
    error(
      'yaml-not-mapping',
      `Expected a mapping (key: value lines) at the top of the file, found ${describeNode(doc.contents)}.`,
      span(doc.contents?.range?.[0] ?? 0),
    );
  }
  checkNodes(doc, lines, (rule, message, node) => error(rule, message, nodeSpan(lines, node)));

  if (diagnostics.length > 0) return { diagnostics };
  return { parsed: { file, doc, lines, value: doc.toJS({ maxAliasCount: 0 }) }, diagnostics };
}

function compose(text: string): { docs: Document.Parsed[]; lines: LineCounter } {
  const lines = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    strict: true,
    uniqueKeys: false,
  });
  return { docs: Array.isArray(docs) ? (docs as Document.Parsed[]) : [], lines };
}

/**
 * Anchors, aliases, tags and complex keys: a file with any of these (or what looks like them)
 * takes the careful path, which reports them. So does a bare CR line break, which the two
 * parsers read differently (found by fuzzing). False alarms only cost time.
 */
const NEEDS_CAREFUL_PARSE = /\r(?!\n)|(?:^|[\s[{,])[&!*]\S|^[ \t-]*\?(?:\s|$)|[\]}][ \t]*:/m;

/**
 * The fast path. js-yaml is about ten times faster than the yaml package, which matters for
 * large catalogs, but gives no positions. A file it loads cleanly into one mapping is valid
 * YAML; positions are computed with the yaml package only if a later check needs one. Anything
 * unusual (an exception, another shape, the patterns above) falls through to the careful path
 * so that every YAML-level diagnostic comes from one place.
 */
function parseFast(file: string, text: string, limits: YamlLimits): ParsedYaml | undefined {
  if (NEEDS_CAREFUL_PARSE.test(text)) return undefined;
  let value: unknown;
  try {
    // maxDepth (js-yaml 4.3; missing from its types) keeps deep files off the fast path.
    const options = { schema: CORE_SCHEMA, json: false, maxDepth: limits.maxFlowDepth };
    value = loadFast(text, options);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return withLazyTree(file, text, value);
}

/** A parsed file whose syntax tree (for positions) is built only if a check asks for one. */
function withLazyTree(file: string, text: string, value: unknown): ParsedYaml {
  let tree: { doc: Document.Parsed; lines: LineCounter } | undefined;
  const syntaxTree = () => {
    if (!tree) {
      const { docs, lines } = compose(text);
      // Should the careful parser find no document where the fast one found a mapping,
      // positions fall back to line 1 instead of failing.
      tree = { doc: (docs[0] ?? new (yaml().Document)()) as Document.Parsed, lines };
    }
    return tree;
  };
  return {
    file,
    value,
    get doc() {
      return syntaxTree().doc;
    },
    get lines() {
      return syntaxTree().lines;
    },
  };
}

/** Aliases are refused outright (no billion laughs); duplicate and non-scalar keys are errors. */
function checkNodes(
  doc: Document.Parsed,
  lines: LineCounter,
  report: (rule: string, message: string, node: Node) => void,
): void {
  // A Set per mapping keeps this linear; the yaml package's own uniqueKeys check is quadratic.
  const aliases: Node[] = [];
  yaml().visit(doc, {
    Alias(_: unknown, node: Alias) {
      aliases.push(node);
    },
    Map(_: unknown, map: YAMLMap) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (!yaml().isScalar(key)) {
          if (key) report('yaml-complex-key', 'Keys must be plain text, not lists or mappings.', key);
          continue;
        }
        const name = String(key.value);
        const first = seen.get(name);
        if (first) {
          const firstLine = nodeSpan(lines, first).line;
          report('yaml-duplicate-key', `Duplicate key "${name}" (first at line ${firstLine}). Keep only one.`, key);
        } else {
          seen.set(name, key);
        }
      }
    },
  });
  // One finding for all aliases: a billion-laughs file has dozens, and one message says it all.
  const [first] = aliases;
  if (first) {
    const more = aliases.length > 1 ? ` (${aliases.length} aliases in this file)` : '';
    report(
      'yaml-alias',
      `YAML aliases such as *${(first as { source?: string }).source} are not allowed in these files${more}. Write each value out in full.`,
      first,
    );
  }
}

function checkDepth(file: string, text: string, limits: YamlLimits): Diagnostic | undefined {
  let flowDepth = 0;
  let line = 1;
  let lineStart = 0;
  let offset = 0;
  let indicators = 0;
  let atLineStart = true;
  const tooDeep = (what: string): Diagnostic => ({
    file,
    line,
    column: offset - lineStart + 1,
    severity: 'error',
    rule: 'yaml-too-deep',
    message: `${what}. These files never need more than a few levels: check that this is the right file.`,
  });
  for (const token of new (yaml().Lexer)().lex(text)) {
    // The lexer interleaves control tokens (document start, scalar and flow-end markers) that
    // are not part of the source text; they must not move the column.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    const first = token.charCodeAt(0);
    if (first === 0x5b || first === 0x7b) {
      // [ or {
      if (++flowDepth > limits.maxFlowDepth)
        return tooDeep(`Brackets are nested more than ${limits.maxFlowDepth} deep`);
    } else if (first === 0x5d || first === 0x7d) {
      if (flowDepth > 0) flowDepth--;
    } else if (token === '-' || token === '?' || token === ':') {
      if (++indicators > limits.maxIndicatorsPerLine) return tooDeep('Too many nested entries on one line');
    } else if (token === '\n' || token === '\r\n') {
      line++;
      lineStart = offset + token.length;
      indicators = 0;
      atLineStart = true;
      offset += token.length;
      continue;
    } else if (atLineStart && first === 0x20 && token.length > limits.maxIndent && token.trim() === '') {
      return tooDeep(`Indentation of ${token.length} spaces exceeds ${limits.maxIndent}`);
    }
    atLineStart = false;
    offset += token.length;
  }
  return undefined;
}

function notText(file: string, text: string, offset: number): Diagnostic {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return {
    file,
    line,
    column,
    severity: 'error',
    rule: 'not-text',
    message: 'File contains a NUL byte: it is binary, not YAML text. Save it as UTF-8 YAML.',
  };
}

export function toSpan(lines: LineCounter, offset: number, end?: number): Span {
  const start = lines.linePos(offset);
  const span: Span = { line: start.line, column: start.col };
  if (end !== undefined && end > offset) {
    const stop = lines.linePos(end);
    span.endLine = stop.line;
    span.endColumn = stop.col;
  }
  return span;
}

export function nodeSpan(lines: LineCounter, node: Node | null | undefined): Span {
  if (!node?.range) return { line: 1, column: 1 };
  return toSpan(lines, node.range[0], node.range[1]);
}

/**
 * Finds where a path into the data sits in the file: the value's node, or the key's node for
 * `target: 'key'`. Falls back to the nearest existing ancestor, so a missing key points at its
 * parent mapping.
 */
/**
 * The pairs of a mapping by key, built once per mapping: a file with 50,000 answers needs 50,000
 * lookups, which a scan each would make quadratic (C3).
 */
const pairIndex = new WeakMap<object, Map<string, unknown>>();
function pairOf(map: { items: { key: unknown }[] }, segment: PathSegment) {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!yaml().isScalar(p.key)) continue;
      const key = String((p.key as { value: unknown }).value);
      if (!index.has(key)) index.set(key, p);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(segment)) as ((typeof map.items)[number] & { key: Node; value: unknown }) | undefined;
}

export function locate(parsed: ParsedYaml, path: readonly PathSegment[], target: 'value' | 'key' = 'value'): Span {
  let node: Node | null | undefined = parsed.doc.contents as Node | null;
  let found: Node | null | undefined = node;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = pairOf(node, segment as PathSegment);
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      node = last && target === 'key' ? key : value?.range && value.range[0] !== value.range[1] ? value : key;
    } else if (yaml().isSeq(node)) {
      node = node.items[Number(segment)] as Node | undefined;
    } else {
      break;
    }
    if (node) found = node;
  }
  return nodeSpan(parsed.lines, found);
}

function describeNode(node: unknown): string {
  if (yaml().isSeq(node)) return 'a list';
  if (yaml().isScalar(node)) return `the text ${JSON.stringify(String(node.value)).slice(0, 60)}`;
  return 'something else';
}

/** yaml's messages have no final stop and sometimes a lower-case start; make them sentences. */
function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
