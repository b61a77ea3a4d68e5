import { provisionLabels } from '../../catalog/listing.js';
import type { Catalog } from '../../catalog/model.js';
import { formatPercent, formatScore, STATUS_LABELS, tierLabel } from '../../report/model.js';
import { type Aggregate, priorityGaps, type Score } from '../../scoring/model.js';
import type { Color } from '../../text/terminal.js';
import { pad, truncate } from '../text.js';

export interface SummaryOptions {
  width: number;
  color?: Color;
  country: { code: string; name: string; fictional: boolean };
  /** How many gaps to list. */
  gaps?: number;
}

const BAR = 20;
/** Width of the labels before the headline scores. */
const LABEL = 29;

/** The terminal summary of `opsc score`: overall, a bar per chapter, the most important gaps. */
export function scoreSummary(catalog: Catalog, score: Score, options: SummaryOptions): string {
  const { color, width } = options;
  const bold = (s: string) => (color ? color.bold(s) : s);
  const dim = (s: string) => (color ? color.dim(s) : s);
  const tone = (value: number | null, s: string) => {
    if (!color || value === null) return s;
    return value >= 75 ? color.green(s) : value >= 40 ? color.yellow(s) : color.red(s);
  };
  const country = `${options.country.name} (${options.country.code}${options.country.fictional ? ', fictional or training country' : ''})`;
  const out: string[] = [bold(`${catalog.instrument.shortTitle} score: ${country}`), ''];

  const line = (label: string, a: Aggregate) =>
    `${pad(label, LABEL)}${tone(a.score, formatScore(a.score).padStart(5))} / 100   ${dim(`completeness ${formatPercent(a.completeness)} (${a.answered} of ${a.questions} questions answered)`)}`;
  out.push(line('Overall (treaty obligations)', score.overall));
  if (score.recommended.obligations > 0) out.push(line('Beyond the treaty', score.recommended));
  const optional = score.optional;
  if (optional.obligations > 0) {
    const parts = [`${optional.used} used`, `${optional.partlyUsed} partly used`, `${optional.notUsed} not used`];
    if (optional.unverified > 0) parts.push(`${optional.unverified} unverified`);
    out.push(
      `Optional treaty measures      ${parts.join(', ')} ${dim('(not scored: the Protocol leaves them to the State)')}`,
    );
  }
  const reserved = score.obligations.filter((o) => o.status === 'reserved').length;
  if (reserved > 0)
    out.push(
      `Reserved                      ${reserved} obligation${reserved === 1 ? '' : 's'} ${dim('(out of the score: the State made a reservation)')}`,
    );
  if (score.overall.completeness < 1) {
    out.push(dim('Incomplete: scores count answered questions only; unanswered ones are not guessed.'));
  }

  out.push('', bold('Chapters'));
  const titleWidth = Math.max(16, Math.min(44, width - BAR - 22));
  for (const chapter of score.chapters) {
    const filled = chapter.score === null ? 0 : Math.round((chapter.score / 100) * BAR);
    const bar =
      chapter.score === null
        ? dim('·'.repeat(BAR))
        : tone(chapter.score, '█'.repeat(filled)) + dim('░'.repeat(BAR - filled));
    out.push(
      `  ${pad(chapter.title, titleWidth)} ${bar} ${formatScore(chapter.score).padStart(5)}  ${dim(formatPercent(chapter.completeness).padStart(4))}`,
    );
  }

  const gaps = priorityGaps(score);
  const limit = options.gaps ?? 10;
  out.push('', bold(`Most important gaps${gaps.length > limit ? ` (${limit} of ${gaps.length})` : ''}`));
  if (gaps.length === 0) {
    const answered = score.obligations.some((o) => o.status !== 'unanswered');
    out.push(
      dim(
        answered ? '  none: every answered obligation is met or not applicable.' : '  none yet: nothing is answered.',
      ),
    );
  }
  const obligations = new Map(catalog.obligations.map((o) => [o.id, o]));
  const row = (id: string, head: string) => {
    const o = obligations.get(id);
    const where = provisionLabels(catalog, o?.provisions ?? []).join(', ');
    const rest = `${o?.title ?? id} ${dim(`(${where})`)}`;
    // A coloured line is left whole rather than cut inside an escape sequence.
    out.push(head + (color ? rest : truncate(rest, Math.max(30, width - head.length))));
  };
  for (const gap of gaps.slice(0, limit)) {
    row(gap.id, `  ${pad(STATUS_LABELS[gap.status], 10)}  ${pad(tierLabel(gap.strength), 17)} w${gap.weight}  `);
  }
  const measures = score.obligations.filter((o) => o.strength === 'discretionary' && o.status !== 'reserved');
  if (measures.length > 0) {
    out.push('', bold('Optional treaty measures (not scored)'));
    for (const m of measures) row(m.id, `  ${pad(STATUS_LABELS[m.status], 12)}  `);
  }
  out.push('', dim('The formula: README "Scoring", or the methodology section of "opsc report".'));
  return `${out.join('\n')}\n`;
}
