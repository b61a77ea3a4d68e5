import type { CatalogListing } from '../../catalog/listing.js';
import type { Color } from '../../text/terminal.js';
import { pad, truncate } from '../text.js';

export interface TableOptions {
  width: number;
  color?: Color;
}

/** The catalog grouped by chapter, one obligation a line, fitted to the terminal width. */
export function listTable(listing: CatalogListing, { width, color }: TableOptions): string {
  const bold = (s: string) => (color ? color.bold(s) : s);
  const dim = (s: string) => (color ? color.dim(s) : s);
  const { instrument } = listing;
  const questionCount = listing.obligations.reduce((n, o) => n + o.questions.length, 0);
  const out: string[] = [
    bold(`${instrument.shortTitle} — ${instrument.title}`),
    dim(
      `catalog ${instrument.version} · ${listing.obligations.length} obligations · ${questionCount} questions · ${instrument.digest.slice(0, 19)}…`,
    ),
  ];
  const idWidth = Math.min(40, Math.max(10, ...listing.obligations.map((o) => o.id.length)));
  const provisionWidth = Math.min(28, Math.max(10, ...listing.obligations.map((o) => o.provisions.join(', ').length)));
  listing.chapters.forEach((chapter, index) => {
    const obligations = listing.obligations.filter((o) => o.chapter === chapter.id);
    out.push('', bold(`${index + 1}. ${chapter.title}`) + dim(`  (${chapter.id})`));
    if (obligations.length === 0) {
      out.push(dim('   no obligations'));
      return;
    }
    out.push(
      dim(
        `   ${pad('ID', idWidth)}  ${pad('PROVISIONS', provisionWidth)}  ${pad('STRENGTH', 13)}  ${pad('Q', 2)}  TITLE`,
      ),
    );
    for (const o of obligations) {
      const fixed = `   ${pad(o.id, idWidth)}  ${pad(o.provisions.join(', '), provisionWidth)}  ${pad(o.strength, 13)}  ${pad(String(o.questions.length), 2)}  `;
      out.push(fixed + truncate(o.title, Math.max(20, width - fixed.length)));
    }
  });
  return `${out.join('\n')}\n`;
}
