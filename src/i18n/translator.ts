import type { AnyLanguage } from './languages.js';

/** Parameters of a message: placeholders ({{name}}) and `count` for plurals. */
export type MessageParams = Record<string, string | number>;

/** A message catalog: nested objects of messages (i18next JSON v4: key_one / key_other for plurals). */
export interface Messages {
  [key: string]: string | Messages;
}

/**
 * What the core receives to speak the user's language. The core never loads messages or reads
 * the environment: the CLI builds one Translator and passes it in.
 */
export interface Translator {
  readonly lang: AnyLanguage;
  /** The BCP 47 locale for Intl (the pseudo-locale formats as English). */
  readonly locale: string;
  /** The message for `key` with its placeholders filled in; an unknown key throws (a bug). */
  t(key: string, params?: MessageParams): string;
  /** A number in the language's notation (72.5 / 72,5). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A share 0–1 as a whole percentage, rounded down (45% / 45 %). */
  percent(share: number): string;
  /** A 0–100 score with one decimal at most; "–" for none. */
  score(value: number | null): string;
  /** A calendar date YYYY-MM-DD: kept as is in English, written out in French and Spanish. */
  date(isoDate: string): string;
  /** "a, b and c" / "a, b et c" / "a, b y c". */
  list(items: readonly string[]): string;
  /** Compares two strings for sorting in the language. */
  compare(a: string, b: string): number;
}
