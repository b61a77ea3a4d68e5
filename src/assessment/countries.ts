import { createRequire } from 'node:module';

interface CountriesLib {
  registerLocale(locale: object): void;
  getAlpha3Codes(): Record<string, string>;
  getName(code: string, lang: string, options?: { select: 'official' | 'alias' | 'all' }): string | undefined;
}

// i18n-iso-countries ships every language; registering English alone keeps start-up small.
const require = createRequire(import.meta.url);
let lib: CountriesLib | undefined;
function countries(): CountriesLib {
  if (!lib) {
    lib = require('i18n-iso-countries') as CountriesLib;
    lib.registerLocale(require('i18n-iso-countries/langs/en.json') as object);
  }
  return lib;
}

/**
 * ISO 3166-1 reserves these alpha-3 ranges for users' own purposes; opsc accepts them for
 * fictional and training countries and marks reports made with them as such.
 */
export function isUserAssignedCode(code: string): boolean {
  return /^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z]{2}|ZZ[A-Z])$/.test(code);
}

export function countryName(code: string): string | undefined {
  const codes = countries().getAlpha3Codes();
  const alpha2 = Object.hasOwn(codes, code) ? codes[code] : undefined;
  return alpha2 ? countries().getName(alpha2, 'en', { select: 'official' }) : undefined;
}

export function isCountryCode(code: string): boolean {
  return isUserAssignedCode(code) || code in countries().getAlpha3Codes();
}

export interface Country {
  code: string;
  name: string;
}

/** Every ISO 3166-1 country, sorted by English name. */
export function allCountries(): Country[] {
  return Object.keys(countries().getAlpha3Codes())
    .map((code) => ({ code, name: countryName(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** A country whose English name matches, for "did you mean" on a mistyped code. */
export function findCountryByName(text: string): Country | undefined {
  const wanted = text.trim().toLowerCase();
  return allCountries().find((c) => c.name.toLowerCase() === wanted);
}
