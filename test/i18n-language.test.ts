import { describe, expect, it } from 'vitest';
import { createTranslator } from '../src/i18n/create.js';
import { chooseLanguage, langArgument, localeLanguage } from '../src/i18n/languages.js';
import { loadTranslator } from '../src/i18n/load.js';
import { runners } from './helpers/cli.js';

describe('choosing the language', () => {
  it.each([
    [undefined, {}, 'en', 'default'],
    ['fr', { OPSC_LANG: 'es', LANG: 'es_ES.UTF-8' }, 'fr', '--lang'],
    [undefined, { OPSC_LANG: 'es', LANG: 'fr_FR.UTF-8' }, 'es', 'OPSC_LANG'],
    [undefined, { LC_ALL: 'fr_CA.UTF-8', LC_MESSAGES: 'es_MX', LANG: 'en_GB' }, 'fr', 'LC_ALL'],
    [undefined, { LC_MESSAGES: 'es_MX.utf8', LANG: 'fr_FR' }, 'es', 'LC_MESSAGES'],
    [undefined, { LANG: 'fr_BE.UTF-8' }, 'fr', 'LANG'],
    [undefined, { LC_ALL: 'de_DE.UTF-8', LANG: 'fr_FR.UTF-8' }, 'en', 'default'],
    [undefined, { LANG: 'C.UTF-8' }, 'en', 'default'],
    [undefined, { OPSC_LANG: ' FR ' }, 'fr', 'OPSC_LANG'],
  ] as const)('--lang %s with %j → %s (from %s)', (option, env, lang, from) => {
    expect(chooseLanguage(option, env)).toEqual({ lang, from });
  });

  it('refuses a language opsc does not speak when asked for explicitly', () => {
    expect(chooseLanguage('de', {})).toEqual({ error: { from: '--lang', value: 'de' } });
    expect(chooseLanguage(undefined, { OPSC_LANG: 'pt' })).toEqual({ error: { from: 'OPSC_LANG', value: 'pt' } });
  });

  it('reads --lang from argv before commander does', () => {
    expect(langArgument(['report', 'x.yaml', '--lang', 'fr'])).toBe('fr');
    expect(langArgument(['--lang=es', 'list'])).toBe('es');
    expect(langArgument(['list', '--', '--lang', 'fr'])).toBeUndefined();
    expect(localeLanguage('es-419')).toBe('es');
    expect(localeLanguage('POSIX')).toBeUndefined();
  });
});

describe('the translator', () => {
  it('fills placeholders and chooses plural forms by the language rules', () => {
    const messages = { n: { x_one: '{{count}} question', x_other: '{{count}} questions' } };
    const fr = createTranslator('fr', { n: { x_one: '{{count}} question', x_other: '{{count}} questions' } }, messages);
    const en = createTranslator('en', messages);
    expect(en.t('n.x', { count: 0 })).toBe('0 questions');
    expect(en.t('n.x', { count: 1 })).toBe('1 question');
    // French: 0 and 1 are singular.
    expect(fr.t('n.x', { count: 0 })).toBe('0 question');
    expect(fr.t('n.x', { count: 2 })).toBe('2 questions');
  });

  it('falls back to English for a message not translated yet', () => {
    const fr = createTranslator('fr', {}, { only: { english: 'Hello {{who}}' } });
    expect(fr.t('only.english', { who: 'Aldoria' })).toBe('Hello Aldoria');
  });

  it('formats numbers, percentages and dates with Intl for the language', () => {
    const en = loadTranslator('en');
    const fr = loadTranslator('fr');
    const es = loadTranslator('es');
    expect(en.score(72.46)).toBe('72.5');
    expect(fr.score(72.46)).toBe('72,5');
    expect(es.score(null)).toBe('–');
    expect(en.percent(0.456)).toBe('45%');
    expect(fr.percent(0.456)).toMatch(/^45[\u00a0\u202f]%$/);
    expect(en.date('2026-03-01')).toBe('2026-03-01');
    expect(fr.date('2026-03-01')).toBe('1 mars 2026');
    expect(es.date('2026-03-01')).toBe('1 de marzo de 2026');
    expect(fr.list(['a', 'b', 'c'])).toBe('a, b et c');
  });

  it('wraps every message in the pseudo-locale', () => {
    const qps = loadTranslator('qps');
    expect(qps.t('cli.internalError', { message: 'boom' })).toBe('⟦internal error: boom⟧');
  });
});

describe.each(runners)('--lang on the command line (%s)', (_name, run) => {
  it('gives help in French and Spanish, and refuses an unknown language with exit 2', async () => {
    const fr = await run(['score', '--help', '--lang', 'fr']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain('Utilisation : opsc score');
    expect(fr.stdout).toContain('noter une évaluation');
    const es = await run(['--help'], { env: { LANG: 'es_ES.UTF-8' } });
    expect(es.stdout).toContain('Comandos:');
    expect(es.stdout).toContain('utilización de niños en la pornografía');
    const de = await run(['list', '--lang', 'de']);
    expect(de.code).toBe(2);
    expect(de.stderr).toContain('--lang "de"');
  });
});
