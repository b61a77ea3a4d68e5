import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, readMessages } from '../src/i18n/load.js';
import type { Messages } from '../src/i18n/translator.js';
import { ROOT } from './helpers/cli.js';

/** Flattens nested messages to "a.b.c" keys, plural suffixes dropped ("x_one" → "x"). */
function flatten(messages: Messages, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(messages)) {
    const path = `${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`;
    if (typeof value === 'string') out.set(path, [...(out.get(path) ?? []), value]);
    else for (const [k, v] of flatten(value, `${path}.`)) out.set(k, [...(out.get(k) ?? []), ...v]);
  }
  return out;
}

const placeholders = (texts: string[]) =>
  [...new Set(texts.flatMap((s) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1])))].sort();

const languages = readdirSync(LOCALES_DIR).sort();
const english = flatten(readMessages('en'));

describe('message catalogs (locales/<lang>/messages.json)', () => {
  it('has a folder for en, fr and es', () => {
    expect(languages).toEqual(['en', 'es', 'fr']);
  });

  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/messages.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  it.each(languages)('%s follows schemas/messages.schema.json', (lang) => {
    const ok = validate(readMessages(lang as 'en'));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(['fr', 'es'])('%s has only keys that English has, with the same placeholders', (lang) => {
    const own = flatten(readMessages(lang as 'fr'));
    for (const [key, texts] of own) {
      expect(english.has(key), `${lang}: unknown key ${key}`).toBe(true);
      expect(placeholders(texts), `${lang}: placeholders of ${key}`).toEqual(placeholders(english.get(key) ?? []));
    }
  });

  it('every key the source code uses exists in English', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const used = new Set<string>();
    for (const file of files) {
      const text = readFileSync(join(ROOT, 'src', file), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z][\w.]*)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => !english.has(key));
    expect(missing).toEqual([]);
  });
});
