import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_CATALOG } from './catalogs.js';

const CHAPTERS = ['general', 'prohibition', 'victims'];

/**
 * Writes a catalog of `questions` questions (the flow catalog's instrument, generated obligations
 * of four questions each: the second asked only when the first is yes or partly) into `dir`.
 */
export function writeGeneratedCatalog(dir: string, questions: number): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FLOW_CATALOG, 'instrument.yaml'), join(dir, 'instrument.yaml'));
  const lines = ['obligations:'];
  for (let o = 0; o * 4 < questions; o++) {
    lines.push(
      `  - id: gen-${o}`,
      `    title: Generated obligation ${o}`,
      '    provisions: ["3.1.a"]',
      `    chapter: ${CHAPTERS[o % CHAPTERS.length]}`,
      '    strength: mandatory',
      '    weight: 3',
      '    summary: A generated obligation for tests and benchmarks.',
      '    recommendation: Nothing.',
      ...(o % 5 === 0 ? ['    allowNotApplicable: true'] : []),
      '    questions:',
    );
    for (let k = 0; k < 4 && o * 4 + k < questions; k++) {
      lines.push(
        `      - id: gen-${o}-${k}`,
        `        text: Does national law cover element ${k} of generated obligation ${o}, in every case the treaty names?`,
        '        help: Answer "partly" if it is covered only for some children or some forms of the conduct.',
        ...(k === 1 ? [`        when: { question: gen-${o}-0, in: [yes, partly] }`] : []),
      );
    }
  }
  writeFileSync(join(dir, '10-generated.yaml'), `${lines.join('\n')}\n`);
  return dir;
}
