import i18next from 'i18next';
import { type AnyLanguage, PSEUDO_LANGUAGE } from './languages.js';
import type { MessageParams, Messages, Translator } from './translator.js';

/**
 * Builds a Translator from message catalogs already read (pure: no files). `fallback` (English)
 * answers keys the language does not have yet: other work adds English messages first.
 */
export function createTranslator(lang: AnyLanguage, messages: Messages, fallback?: Messages): Translator {
  const pseudo = lang === PSEUDO_LANGUAGE;
  const own = pseudo ? pseudoMessages(messages) : messages;
  const i18n = i18next.createInstance();
  const resources: Record<string, { translation: Messages }> = { [lang]: { translation: own } };
  if (fallback && !pseudo && lang !== 'en') resources.en = { translation: fallback };
  void i18n.init({
    lng: lang,
    fallbackLng: resources.en && lang !== 'en' ? 'en' : false,
    resources,
    initAsync: false,
    // Output goes to terminals, YAML, CSV, Markdown and PDF: each format escapes for itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    nsSeparator: false,
  });
  const locale = pseudo ? 'en' : lang;
  const numbers = new Map<string, Intl.NumberFormat>();
  const numberFormat = (options: Intl.NumberFormatOptions = {}) => {
    const key = JSON.stringify(options);
    let format = numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, options);
      numbers.set(key, format);
    }
    return format;
  };
  const collator = new Intl.Collator(locale);
  const t = (key: string, params?: MessageParams): string => i18n.t(key, params ?? {}) as string;
  return {
    lang,
    locale,
    t,
    number: (value, options) => numberFormat(options).format(value),
    percent: (share) =>
      numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(share * 100) / 100),
    score: (value) =>
      value === null
        ? '–'
        : numberFormat({ maximumFractionDigits: 1, useGrouping: false }).format(Math.round(value * 10) / 10),
    date: (isoDate) => {
      if (lang === 'en' || pseudo) return isoDate;
      const instant = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(instant.getTime())) return isoDate;
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
    },
    list: (items) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
    compare: (a, b) => collator.compare(a, b),
  };
}

/** Every message wrapped in ⟦ ⟧ (placeholders keep working: they are filled in inside the marks). */
export function pseudoMessages(messages: Messages): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === 'string' ? `⟦${value}⟧` : pseudoMessages(value);
  }
  return out;
}
