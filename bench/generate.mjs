// Generates a synthetic catalog of N obligations (split over files, 2-3 questions each, some with
// conditions) and a complete matching assessment, for scale benchmarks. Pure text generation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const instrumentText = readFileSync(join(root, 'obligations', 'opsc', 'instrument.yaml'), 'utf8');
const provisionIds = [...instrumentText.matchAll(/^ {2}- id: "([^"]+)"/gm)]
  .map((m) => m[1])
  .filter((id) => !id.startsWith('P.'));
const chapterIds = [...instrumentText.matchAll(/^ {2}- id: ([a-z-]+)$/gm)].map((m) => m[1]);

const STRENGTHS = ['mandatory', 'mandatory', 'discretionary', 'recommended'];
const ANSWERS = ['yes', 'partly', 'no', 'unknown', 'yes'];
const PER_FILE = 500;

/** Writes DIR/catalog/{instrument.yaml, obligations-NNN.yaml} and DIR/assessment.yaml. */
export function generate(dir, count) {
  const catalogDir = join(dir, 'catalog');
  mkdirSync(catalogDir, { recursive: true });
  writeFileSync(join(catalogDir, 'instrument.yaml'), instrumentText.replace(/^version: .*$/m, 'version: 9.0.0'));
  const answers = [];
  for (let file = 0; file * PER_FILE < count; file++) {
    const lines = ['obligations:'];
    for (let i = file * PER_FILE; i < Math.min(count, (file + 1) * PER_FILE); i++) {
      const strength = STRENGTHS[i % STRENGTHS.length];
      const chapter = chapterIds[Math.floor((i * chapterIds.length) / count)];
      lines.push(
        `  - id: ob-${i}`,
        `    title: Synthetic obligation number ${i} about the protection of children`,
        `    provisions: ["${provisionIds[i % provisionIds.length]}"]`,
        `    chapter: ${chapter}`,
        `    strength: ${strength}`,
        ...(strength === 'recommended' ? ['    source: CRC/C/156'] : []),
        `    weight: ${(i % 5) + 1}`,
        '    summary: >-',
        '      The State must have a law that covers this element, applies to every child under 18 and',
        '      is enforced in practice by the competent authorities.',
        '    recommendation: Amend the relevant code to cover this element fully.',
        '    allowNotApplicable: true',
        '    questions:',
        `      - id: q-${i}-a`,
        `        text: Does national law cover element ${i}?`,
        '        help: Answer "partly" if it covers only some children or some forms of the conduct.',
        `      - id: q-${i}-b`,
        `        text: Is element ${i} punishable by imprisonment?`,
        `        when: { question: q-${i}-a, in: [yes, partly] }`,
      );
      answers.push(
        `  q-${i}-a:`,
        `    answer: ${ANSWERS[i % ANSWERS.length]}`,
        `    citation: Synthetic Code s. ${i}`,
        `  q-${i}-b:`,
        `    answer: ${ANSWERS[(i + 2) % ANSWERS.length]}`,
      );
    }
    writeFileSync(join(catalogDir, `obligations-${String(file).padStart(3, '0')}.yaml`), `${lines.join('\n')}\n`);
  }
  writeFileSync(
    join(dir, 'assessment.yaml'),
    [
      'instrument: opsc',
      'catalog:',
      '  version: 9.0.0',
      'country:',
      '  code: XAA',
      '  name: Synthetic Republic',
      'assessor: Benchmark',
      'created: "2026-01-01"',
      'answers:',
      ...answers,
      '',
    ].join('\n'),
  );
  return { catalogDir, assessment: join(dir, 'assessment.yaml') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count, dir] = [
    Number(process.argv[2] ?? 1000),
    process.argv[3] ?? `/tmp/opsc-scale-${process.argv[2] ?? 1000}`,
  ];
  console.log(generate(dir, count));
}
