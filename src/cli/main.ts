import { Command, CommanderError, Option } from 'commander';
import { ACTION_FORMATS } from '../formats/actions/formats.js';
import { COMPARE_FORMATS } from '../formats/compare/formats.js';
import { DIAGNOSTIC_FORMATS } from '../formats/diagnostics/types.js';
import { DIFF_FORMATS } from '../formats/diff/formats.js';
import { REPORT_FORMATS } from '../formats/report/formats.js';
import { CliError, EXIT } from './errors.js';
import { packageVersion } from './files.js';
import { type Io, safeIo } from './io.js';

/** Options every command receives besides its own. */
export interface GlobalOptions {
  color: boolean;
}

/**
 * Parses argv, runs one command and returns its exit code. Never exits the process and never
 * lets an expected failure escape as a stack trace: errors become exit codes here, in one place.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const io = safeIo(rawIo);
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are successes.
    // "opsc" alone shows the help on stderr as a usage error (K3); --help and --version succeed.
    if (['commander.helpDisplayed', 'commander.version'].includes(error.code)) return EXIT.ok;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT.ok;
    io.stderr.write('Run "opsc --help" for usage.\n');
    return EXIT.input;
  }
  if (error instanceof CliError) {
    if (error.message) io.stderr.write(`opsc: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`opsc: internal error: ${message}\nPlease report this with the command you ran.\n`);
  if (io.env.OPSC_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return EXIT.input;
}

type Run = (code: number) => void;

const CATALOG_HELP = 'catalog folder (default: the bundled OPSC catalog)';

function buildProgram(io: Io, setExitCode: Run): Command {
  const program = new Command('opsc');
  program
    .description(
      'Check national law against the Optional Protocol to the CRC on the sale of children, child prostitution and child pornography (OPSC): questionnaire, score and PDF gap report.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--no-color', 'no colour in terminal output (also: NO_COLOR=1)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`opsc: ${s.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 findings (or score under --fail-under), 2 usage or input error, 130 cancelled.

Examples:
  $ opsc assess --country KEN             answer the questionnaire (saves after every answer)
  $ opsc score my-assessment.yaml         overall and chapter scores, top gaps
  $ opsc report my-assessment.yaml        write the PDF gap report
  $ opsc validate my-assessment.yaml      check an assessment file
  $ opsc validate                         check the bundled OPSC catalog
  $ opsc list                             show the catalog's obligations
  $ opsc template -o form.yaml            write the form for offline work`,
    );

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals() as GlobalOptions;

  program
    .command('assess')
    .description('answer the questionnaire in the terminal; saves after every answer and resumes where you stopped')
    .argument('[file]', 'assessment file to start or continue (default: <instrument>-<COUNTRY>-<date>.yaml)')
    .option('--catalog <dir>', CATALOG_HELP)
    .option('--country <code>', 'ISO 3166-1 alpha-3 code of the country assessed, for a new file (e.g. KEN)')
    .option('--assessor <name>', 'who makes the assessment, for a new file')
    .addHelpText(
      'after',
      `
Keys: arrows or the first letters choose, Enter confirms. Each question offers "Mark for later",
"Show the treaty text", "Back" and "Menu…" (jump to a chapter, review a chapter's answers, go
through the questions marked for later, show what is unanswered, finish). When revisiting, the
citation and note fields hold the saved text: edit it, Enter keeps it, "-" clears it.

The file is written after every answer (to a temporary file, then renamed), so it always holds
every answer given. Ctrl-C saves, prints the command that continues, and exits with 130.
Needs a terminal; without one, use "opsc template" and "opsc validate".

Exit codes: 0 finished or paused from the menu, 2 usage or input error (nothing written), 130 stopped with Ctrl-C (saved).

Examples:
  $ opsc assess                                   start: asks the country and assessor
  $ opsc assess --country KEN --assessor "Ministry of Justice"
  $ opsc assess opsc-KEN-2026-11-29.yaml          continue where you stopped
  $ opsc assess form.yaml --catalog my-catalog/   continue a form filled in offline`,
    )
    .action(async (file: string | undefined, options, command: Command) => {
      const { runAssess } = await import('./commands/assess.js');
      setExitCode(await runAssess(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('template')
    .description('write the questionnaire as a YAML form to fill in offline, with every question as comments')
    .option('--catalog <dir>', CATALOG_HELP)
    .option('--country <code>', 'ISO 3166-1 alpha-3 code of the country (default: the placeholder XXX)')
    .option('-o, --output <file>', 'write to a file instead of standard output (never replaces one without --force)')
    .option('--force', 'replace an existing --output file')
    .addHelpText(
      'after',
      `
The form is a valid assessment file: circulate it, fill it in any editor (the schema modeline on
its first line gives completion and checks in editors with the YAML language server), check it
with "opsc validate FILE", then answer the rest with "opsc assess FILE".

Examples:
  $ opsc template --country KEN -o opsc-KEN.yaml
  $ opsc validate opsc-KEN.yaml
  $ opsc assess opsc-KEN.yaml
  $ opsc template --catalog my-catalog/ > form.yaml`,
    )
    .action(async (options, command: Command) => {
      const { runTemplate } = await import('./commands/template.js');
      setExitCode(runTemplate({ ...options, ...globals(command) }, io));
    });

  program
    .command('score')
    .description('score an assessment: overall, per chapter, and the most important gaps')
    .argument('<file>', 'assessment file (YAML)')
    .option('--catalog <dir>', CATALOG_HELP)
    .option('--json', 'print JSON instead of the summary')
    .option('--fail-under <score>', 'exit 1 when the overall score (0-100) is below this (a CI gate)')
    .option('--baseline <file>', 'an earlier assessment of the same country: also print what changed since')
    .option('--fail-on-regression', 'with --baseline: exit 1 when any obligation regressed (a CI gate)')
    .addHelpText(
      'after',
      `
Exit codes: 0 ok, 1 overall score under --fail-under or an obligation regressed
(--fail-on-regression), 2 usage or input error.

Examples:
  $ opsc score fixtures/assessments/xaa-aldoria.yaml
  $ opsc score my-assessment.yaml --json > score.json
  $ opsc score my-assessment.yaml --fail-under 80
  $ opsc score reform-bill.yaml --baseline in-force.yaml --fail-on-regression`,
    )
    .action(async (file: string, options, command: Command) => {
      const { runScore } = await import('./commands/score.js');
      setExitCode(await runScore(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('report')
    .description('write the gap report: PDF (default), Markdown, JSON or CSV; one per assessment for a folder')
    .argument('<paths...>', 'assessment file (YAML); or files and folders with --output-dir')
    .option('--catalog <dir>', CATALOG_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('pdf'))
    .option(
      '-o, --output <file>',
      'output file (default for pdf: NAME-gap-report.pdf in the current folder; md, json, csv: standard output)',
    )
    .option(
      '--output-dir <dir>',
      'write one report per assessment into this folder (a folder of assessments, or several files)',
    )
    .option('--jobs <n>', 'with --output-dir: threads to use (default: one per core)')
    .option('--force', 'with --output-dir: replace reports that already exist there')
    .option('--date <YYYY-MM-DD>', 'report date (default: SOURCE_DATE_EPOCH, else today); fixes the PDF bytes')
    .option('--baseline <file>', 'an earlier assessment of the same country: adds "Progress since" and a change column')
    .option('--observations <file>', "the Committee's recommendations (YAML; schemas/observations.schema.json)")
    .addHelpText(
      'after',
      `
With --output-dir, every assessment is reported on every core: a progress bar on a terminal, a
line per report otherwise. A bad file is reported at the end and the others are written (exit 1);
existing reports are kept unless --force; Ctrl-C stops, keeps the finished reports and leaves no
half-written file (exit 130).

Examples:
  $ opsc report fixtures/assessments/xaa-aldoria.yaml            writes xaa-aldoria-gap-report.pdf
  $ opsc report my-assessment.yaml -o report.pdf --date 2026-03-01
  $ opsc report my-assessment.yaml --format md > report.md
  $ opsc report my-assessment.yaml --format csv -o gaps.csv
  $ opsc report fixtures/countries/ --output-dir reports/          one PDF per country
  $ opsc report 2026.yaml --baseline 2023.yaml --observations co.yaml -o report.pdf`,
    )
    .action(async (paths: string[], options, command: Command) => {
      if (options.outputDir !== undefined || paths.length > 1) {
        if (options.output !== undefined)
          throw new CliError('--output names one file; with several assessments use --output-dir.');
        if (options.outputDir === undefined)
          throw new CliError('Several assessments need --output-dir DIR for their reports.');
        const { runReportBatch, processInterrupt } = await import('./commands/report-batch.js');
        setExitCode(await runReportBatch(paths, { ...options, ...globals(command) }, io, processInterrupt));
        return;
      }
      const { runReport } = await import('./commands/report.js');
      setExitCode(await runReport(paths[0] ?? '', { ...options, ...globals(command) }, io));
    });

  program
    .command('diff')
    .description('what changed between two assessments of one country (two cycles, or government and shadow report)')
    .argument('<old>', "the earlier (or the first assessor's) assessment file")
    .argument('<new>', "the later (or the second assessor's) assessment file")
    .option('--catalog <dir>', CATALOG_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .addOption(
      new Option('--mode <mode>', 'cycles (earlier → later) or assessors (two views of the same law)')
        .choices(['auto', 'cycles', 'assessors'])
        .default('auto'),
    )
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .addHelpText(
      'after',
      `
Both files are brought to the catalog in memory first (nothing is written to them); questions the
catalog retired, added or reworded between the two are listed apart, not counted as change.
With --mode auto (the default), two different assessors mean two views of the same law
("Where the assessments differ"); the same assessor means two cycles ("improved", "regressed").

Examples:
  $ opsc diff fixtures/assessments/xaa-aldoria-2023.yaml fixtures/assessments/xaa-aldoria.yaml
  $ opsc diff government.yaml shadow.yaml --format md -o differences.md
  $ opsc diff old.yaml new.yaml --format json`,
    )
    .action(async (oldFile: string, newFile: string, options, command: Command) => {
      const { runDiff } = await import('./commands/diff.js');
      setExitCode(await runDiff(oldFile, newFile, { ...options, ...globals(command) }, io));
    });

  program
    .command('actions')
    .description('list the action plan of an assessment: owner, due date, status; overdue first')
    .argument('<file>', 'assessment file (YAML)')
    .option('--catalog <dir>', CATALOG_HELP)
    .addOption(new Option('--format <format>', 'output format').choices(ACTION_FORMATS).default('text'))
    .option('--owner <name>', 'only the actions of this owner (a part of the name, any case)')
    .option('--date <YYYY-MM-DD>', 'what "overdue" is measured against (default: SOURCE_DATE_EPOCH, else today)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .addHelpText(
      'after',
      `
Actions live in the assessment under "actions:", keyed by obligation id:
  actions:
    csam-offences: {owner: Ministry of Justice, due: 2026-06-30, status: in-progress, note: Bill 12/2026}
Edit them in the file; "opsc assess" keeps them when it saves.

Examples:
  $ opsc actions fixtures/assessments/xaa-aldoria.yaml --date 2026-04-01
  $ opsc actions my-assessment.yaml --owner justice --format csv -o actions.csv`,
    )
    .action(async (file: string, options, command: Command) => {
      const { runActions } = await import('./commands/actions.js');
      setExitCode(await runActions(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('validate')
    .description('check catalog folders, obligation files and assessment files (for CI)')
    .argument('[paths...]', 'catalog folders, obligation files or assessment files (default: the bundled catalog)')
    .option('--catalog <dir>', 'catalog that assessment and loose obligation files are checked against')
    .addOption(new Option('--format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addHelpText(
      'after',
      `
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the run failed.

Examples:
  $ opsc validate
  $ opsc validate obligations/opsc --format github
  $ opsc validate assessments/*.yaml --format sarif -o opsc.sarif`,
    )
    .action(async (paths: string[], options, command: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      setExitCode(await runValidate(paths, { ...options, ...globals(command) }, io));
    });

  program
    .command('list')
    .description('show the catalog: chapters, obligations, provisions, strength and questions')
    .option('--catalog <dir>', CATALOG_HELP)
    .option('--json', 'print JSON instead of a table')
    .addHelpText(
      'after',
      `
Examples:
  $ opsc list
  $ opsc list --json > catalog.json
  $ opsc list --catalog my-catalog/`,
    )
    .action(async (options, command: Command) => {
      const { runList } = await import('./commands/list.js');
      setExitCode(await runList({ ...options, ...globals(command) }, io));
    });

  program
    .command('compare')
    .description('compare many countries: ranking, chapter scores, a heat map of obligations, main gaps')
    .argument('<paths...>', 'assessment files, or folders of them (*.yaml)')
    .option('--catalog <dir>', CATALOG_HELP)
    .addOption(
      new Option('--format <format>', 'output format (default: from the --output name, else md)').choices(
        COMPARE_FORMATS,
      ),
    )
    .option('-o, --output <file>', 'output file (md, csv, json: standard output by default; pdf, xlsx need a file)')
    .option('--date <YYYY-MM-DD>', 'date printed on the comparison (default: SOURCE_DATE_EPOCH, else today)')
    .option('--all', 'keep every assessment of a country, not only the latest')
    .addHelpText(
      'after',
      `
All files must be assessments made with one catalog; files made with an older catalog version are
compared as migrated, files with errors are reported and left out (exit 1). When one country has
several assessments the latest (by its updated/created date) is used, unless --all.

Exit codes: 0 ok, 1 some files were left out because of errors, 2 usage or input error.

Examples:
  $ opsc compare fixtures/countries/ -o comparison.pdf
  $ opsc compare fixtures/countries/ --format csv -o comparison.csv
  $ opsc compare a.yaml b.yaml c.yaml > comparison.md`,
    )
    .action(async (paths: string[], options, command: Command) => {
      const { runCompare } = await import('./commands/compare.js');
      setExitCode(await runCompare(paths, { ...options, ...globals(command) }, io));
    });

  return program;
}
