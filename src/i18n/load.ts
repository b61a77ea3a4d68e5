import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTranslator } from './create.js';
import { type AnyLanguage, PSEUDO_LANGUAGE } from './languages.js';
import type { Messages, Translator } from './translator.js';

/** locales/<lang>/messages.json, beside src/ and dist/ alike. */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

const cache = new Map<AnyLanguage, Translator>();

/**
 * The Translator for a language, reading only its messages (and English, the fallback for
 * messages not translated yet). The pseudo-locale is made from English.
 */
export function loadTranslator(lang: AnyLanguage): Translator {
  let translator = cache.get(lang);
  if (!translator) {
    const english = readMessages('en');
    translator =
      lang === 'en' || lang === PSEUDO_LANGUAGE
        ? createTranslator(lang, english)
        : createTranslator(lang, readMessages(lang), english);
    cache.set(lang, translator);
  }
  return translator;
}

/** The English translator: what tests and callers without a language choice use. */
export function english(): Translator {
  return loadTranslator('en');
}

export function readMessages(lang: Exclude<AnyLanguage, typeof PSEUDO_LANGUAGE>): Messages {
  return JSON.parse(readFileSync(`${LOCALES_DIR}${lang}/messages.json`, 'utf8')) as Messages;
}
