/**
 * The languages opsc speaks, and how one is chosen. Pure: the caller passes the option and the
 * environment in (the core never reads process.env).
 */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A pseudo-locale for tests only (not listed in help): every message wrapped in ⟦ ⟧, so a test
 * can find any text that did not go through the message catalogs.
 */
export const PSEUDO_LANGUAGE = 'qps';
export type AnyLanguage = Language | typeof PSEUDO_LANGUAGE;

export function isLanguage(value: string): value is AnyLanguage {
  return (LANGUAGES as readonly string[]).includes(value) || value === PSEUDO_LANGUAGE;
}

export interface LanguageChoice {
  lang: AnyLanguage;
  /** Where it came from, for messages: "--lang", "OPSC_LANG", "LC_ALL" …, or "default". */
  from: string;
}

/** A refusal: the user asked for a language opsc does not have. */
export interface LanguageRefusal {
  error: { from: string; value: string };
}

/**
 * `--lang`, else OPSC_LANG, else the POSIX locale (LC_ALL, then LC_MESSAGES, then LANG; the first
 * one set decides, as in POSIX), else English. An explicit --lang or OPSC_LANG that opsc does not
 * speak is refused; a system locale opsc does not speak (de_DE.UTF-8, C, POSIX) means English.
 */
export function chooseLanguage(
  option: string | undefined,
  env: Record<string, string | undefined>,
): LanguageChoice | LanguageRefusal {
  for (const [from, value] of [
    ['--lang', option],
    ['OPSC_LANG', env.OPSC_LANG],
  ] as const) {
    if (value === undefined || value.trim() === '') continue;
    const lang = value.trim().toLowerCase();
    return isLanguage(lang) ? { lang, from } : { error: { from, value } };
  }
  for (const from of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[from];
    if (value === undefined || value === '') continue;
    const lang = localeLanguage(value);
    return { lang: lang ?? 'en', from: lang ? from : 'default' };
  }
  return { lang: 'en', from: 'default' };
}

/** "fr_FR.UTF-8" → "fr", "es-419" → "es", "C" → undefined. */
export function localeLanguage(locale: string): Language | undefined {
  const code = /^([a-zA-Z]{2,3})(?:[_.@-]|$)/.exec(locale.trim())?.[1]?.toLowerCase();
  return (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Language) : undefined;
}

/** The value of `--lang` in argv (before commander parses it: the help text needs the language). */
export function langArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--lang') found = argv[i + 1];
    else if (arg.startsWith('--lang=')) found = arg.slice('--lang='.length);
  }
  return found;
}
