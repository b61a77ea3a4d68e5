import { type ComparisonModel, type CountryRow, STATUS_LEGEND, STATUS_SYMBOLS } from '../../compare/model.js';
import { formatPercent, formatScore } from '../../report/model.js';
import { esc } from '../report/markdown.js';

/** A country as listed: its name and code, marked when fictional. */
export function countryLabel(row: Pick<CountryRow, 'name' | 'code' | 'fictional'>): string {
  return `${row.name} (${row.code})${row.fictional ? ' [fictional]' : ''}`;
}

/** The score as shown in every compare format: provisional scores carry a mark. */
export function scoreLabel(row: Pick<CountryRow, 'overall' | 'provisional'>): string {
  if (row.overall === null) return 'none yet';
  return `${formatScore(row.overall)}${row.provisional ? ' (provisional)' : ''}`;
}

/** The comparison as Markdown: ranking, chapters × countries, heat map, per-obligation counts, gaps. */
export function compareMarkdown(model: ComparisonModel): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const table = (header: string[], rows: string[][]) => {
    push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
    for (const row of rows) push(`| ${row.join(' | ')} |`);
    push('');
  };

  push(`# ${model.title}: ${esc(model.instrument.shortTitle)}`, '');
  push(
    `- Instrument: ${esc(model.instrument.title)}`,
    `- Catalog version: ${esc(model.instrument.version)}`,
    `- Countries compared: ${model.countries.length}`,
    `- Date: ${model.date}`,
    `- Tool: opsc ${model.toolVersion}`,
    '',
  );
  if (model.countries.some((c) => c.fictional)) {
    push('> Countries marked [fictional] use ISO 3166-1 user-assigned codes: training or demo data.', '');
  }
  if (model.countries.some((c) => c.provisional)) {
    push('> A provisional score comes from an incomplete assessment and may still move.', '');
  }
  for (const group of model.duplicates) {
    push(
      `> ${group.code} has ${group.files.length} assessments (${group.files.map(esc).join(', ')}); ${group.used ? `the latest, ${esc(group.used)}, is used.` : 'all are listed (--all).'}`,
      '',
    );
  }

  push('## Ranking by overall score', '');
  table(
    ['Rank', 'Country', 'Overall score', 'Completeness', 'Assessment date', 'File'],
    model.countries.map((c) => [
      c.rank === null ? '–' : String(c.rank),
      esc(countryLabel(c)),
      scoreLabel(c),
      formatPercent(c.completeness),
      c.date || 'not recorded',
      esc(c.file) + (c.migratedFrom ? ` (catalog ${esc(c.migratedFrom)}, migrated)` : ''),
    ]),
  );

  push('## Chapter scores', '');
  table(
    ['Country', ...model.chapters.map((ch) => esc(ch.title))],
    model.countries.map((c) => [
      esc(countryLabel(c)),
      ...c.chapterScores.map((s) => (s === null ? '–' : formatScore(s))),
    ]),
  );

  push('## Obligations by country', '');
  push(`Legend: ${STATUS_LEGEND.map(([s, label]) => `${STATUS_SYMBOLS[s]} ${label}`).join(', ')}.`, '');
  table(
    ['Obligation', ...model.countries.map((c) => c.code)],
    model.obligations.map((o, i) => [
      `${esc(o.title)} (${esc(o.id)})`,
      ...model.countries.map((c) => STATUS_SYMBOLS[c.statuses[i] ?? 'unanswered']),
    ]),
  );

  push('## How many countries meet each obligation', '');
  table(
    ['Obligation', 'Strength', 'Met', 'Partly', 'Not met', 'Unverified', 'N/A', 'Not answered'],
    model.obligations.map((o) => [
      `${esc(o.title)} (${esc(o.id)})`,
      o.strength,
      ...(['met', 'partial', 'unmet', 'unverified', 'not-applicable', 'unanswered'] as const).map((s) =>
        String(o.counts[s]),
      ),
    ]),
  );

  push('## Main gaps by country', '');
  for (const c of model.countries) {
    push(`### ${esc(countryLabel(c))}`, '');
    if (c.gaps.length === 0) push('No open treaty gap among the answered obligations.', '');
    else {
      for (const gap of c.gaps)
        push(`- ${esc(gap.title)} (${esc(gap.id)}): ${gap.status === 'unmet' ? 'not met' : 'partly met'}`);
      push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
