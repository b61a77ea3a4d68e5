/**
 * Which font can draw a text. The embedded Noto Sans covers Latin, Greek, Cyrillic and
 * Devanagari; a few major scripts get an added Noto font, loaded only when a report needs it
 * (each also covers basic Latin, digits and punctuation). pdfkit has no font fallback, so one
 * text is drawn in one font: the first added script it needs. Everything else is reported.
 */
export type FallbackScript = 'thai' | 'arabic' | 'hebrew' | 'cjk';

export const FALLBACK_SCRIPTS: readonly FallbackScript[] = ['thai', 'arabic', 'hebrew', 'cjk'];

const FALLBACK: [FallbackScript, RegExp][] = [
  ['thai', /\p{Script=Thai}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff60\u30fc]/u],
];

const BASE =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Devanagari}\p{Script=Common}\p{Script=Inherited}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Scripts named in warnings; any other uncovered character is named by its code point. */
const NAMED = [
  'Hangul',
  'Khmer',
  'Lao',
  'Myanmar',
  'Bengali',
  'Tamil',
  'Telugu',
  'Gujarati',
  'Gurmukhi',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Ethiopic',
  'Georgian',
  'Armenian',
  'Tibetan',
  'Mongolian',
  'Syriac',
  'Thaana',
].map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

export const SCRIPT_LABEL: Record<FallbackScript, string> = {
  thai: 'Thai',
  arabic: 'Arabic',
  hebrew: 'Hebrew',
  cjk: 'Chinese/Japanese',
};

export interface TextCoverage {
  /** The added font this text is drawn in, if it needs one. */
  font?: FallbackScript;
  /** Scripts no font of this text can draw (shown as empty boxes). */
  missing: string[];
}

const cache = new Map<string, FallbackScript | undefined>();

/** The added font a text needs, if any (memoised: the renderer asks for every string it draws). */
export function fallbackFor(text: string): FallbackScript | undefined {
  if (text.length < 2000 && cache.has(text)) return cache.get(text);
  let found: FallbackScript | undefined;
  // Fast path: plain Latin-1 text, which is nearly every string of a report.
  if (/[^\u0000-\u024f\u2000-\u206f]/.test(text)) {
    // The script with the most characters in the text wins.
    let most = 0;
    for (const [script, pattern] of FALLBACK) {
      const count = text.match(new RegExp(pattern.source, 'gu'))?.length ?? 0;
      if (count > most) {
        found = script;
        most = count;
      }
    }
  }
  if (text.length < 2000) cache.set(text, found);
  return found;
}

export function coverage(text: string): TextCoverage {
  const font = fallbackFor(text);
  const missing = new Set<string>();
  if (/[^\u0000-\u024f\u2000-\u206f]/.test(text)) {
    for (const char of text) {
      const fallback = FALLBACK.find(([, pattern]) => pattern.test(char))?.[0];
      if (fallback) {
        if (fallback !== font) missing.add(SCRIPT_LABEL[fallback]);
        continue;
      }
      if (EMOJI.test(char)) {
        missing.add('emoji');
        continue;
      }
      if (BASE.test(char)) continue;
      const named = NAMED.find(([, pattern]) => pattern.test(char))?.[0];
      missing.add(named ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
    }
  }
  return { ...(font ? { font } : {}), missing: [...missing] };
}
