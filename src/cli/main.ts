import { Command, CommanderError, type Help, Option } from 'commander';
import { ACTION_FORMATS } from '../formats/actions/formats.js';
import { COMPARE_FORMATS } from '../formats/compare/formats.js';
import { DIAGNOSTIC_FORMATS } from '../formats/diagnostics/types.js';
import { DIFF_FORMATS } from '../formats/diff/formats.js';
import { REPORT_FORMATS } from '../formats/report/formats.js';
import { chooseLanguage, langArgument } from '../i18n/languages.js';
import { loadTranslator } from '../i18n/load.js';
import type { Translator } from '../i18n/translator.js';
import { CliError, EXIT } from './errors.js';
import { packageVersion } from './files.js';
import { type Io, safeIo } from './io.js';

/** Options every command receives besides its own. */
export interface GlobalOptions {
  color: boolean;
  /** The user's language: every command speaks through it and passes it to the core. */
  i18n: Translator;
}

/**
 * Parses argv, runs one command and returns its exit code. Never exits the process and never
 * lets an expected failure escape as a stack trace: errors become exit codes here, in one place.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<number> {
  const io = safeIo(rawIo);
  let exitCode: number = EXIT.ok;
  // The language is needed before commander parses (the help text is in it), so --lang is read first.
  const choice = chooseLanguage(langArgument(argv), io.env);
  const i18n = loadTranslator('lang' in choice ? choice.lang : 'en');
  if ('error' in choice) {
    io.stderr.write(`opsc: ${i18n.t('cli.badLanguage', choice.error)}\n`);
    return EXIT.input;
  }
  const program = buildProgram(io, i18n, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, io, i18n);
  }
}

function exitCodeFor(error: unknown, io: Io, i18n: Translator): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version are successes.
    // "opsc" alone shows the help on stderr as a usage error (K3); --help and --version succeed.
    if (['commander.helpDisplayed', 'commander.version'].includes(error.code)) return EXIT.ok;
    if (error.code === 'commander.executeSubCommandAsync') return EXIT.ok;
    io.stderr.write(`${i18n.t('cli.runHelp')}\n`);
    return EXIT.input;
  }
  if (error instanceof CliError) {
    if (error.message) io.stderr.write(`opsc: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`opsc: ${i18n.t('cli.internalError', { message })}\n${i18n.t('cli.reportBug')}\n`);
  if (io.env.OPSC_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return EXIT.input;
}

type Run = (code: number) => void;

function buildProgram(io: Io, i18n: Translator, setExitCode: Run): Command {
  const { t } = i18n;
  const program = new Command('opsc');
  const catalogHelp = t('cli.catalog');
  program
    .description(t('cli.description'))
    .version(packageVersion(), '-V, --version', t('cli.version'))
    .helpOption('-h, --help', t('cli.help'))
    .helpCommand('help [command]', t('cli.helpCommand'))
    .option('--no-color', t('cli.noColor'))
    .option('--lang <code>', t('cli.lang'))
    .configureHelp({ ...helpIn(i18n), showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`opsc: ${s.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', t('cli.mainAfter'));

  const globals = (command: Command): GlobalOptions => ({
    ...(command.optsWithGlobals() as Omit<GlobalOptions, 'i18n'>),
    i18n,
  });

  program
    .command('assess')
    .description(t('cli.assess.description'))
    .argument('[file]', t('cli.assess.file'))
    .option('--catalog <dir>', catalogHelp)
    .option('--country <code>', t('cli.assess.country'))
    .option('--assessor <name>', t('cli.assess.assessor'))
    .addHelpText('after', t('cli.assess.after'))
    .action(async (file: string | undefined, options, command: Command) => {
      const { runAssess } = await import('./commands/assess.js');
      setExitCode(await runAssess(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('template')
    .description(t('cli.template.description'))
    .option('--catalog <dir>', catalogHelp)
    .option('--country <code>', t('cli.template.country'))
    .option('-o, --output <file>', t('cli.template.output'))
    .option('--force', t('cli.template.force'))
    .addHelpText('after', t('cli.template.after'))
    .action(async (options, command: Command) => {
      const { runTemplate } = await import('./commands/template.js');
      setExitCode(runTemplate({ ...options, ...globals(command) }, io));
    });

  program
    .command('score')
    .description(t('cli.score.description'))
    .argument('<file>', t('cli.score.file'))
    .option('--catalog <dir>', catalogHelp)
    .option('--json', t('cli.score.json'))
    .option('--fail-under <score>', t('cli.score.failUnder'))
    .option('--baseline <file>', t('cli.score.baseline'))
    .option('--fail-on-regression', t('cli.score.failOnRegression'))
    .addHelpText('after', t('cli.score.after'))
    .action(async (file: string, options, command: Command) => {
      const { runScore } = await import('./commands/score.js');
      setExitCode(await runScore(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('report')
    .description(t('cli.report.description'))
    .argument('<paths...>', t('cli.report.paths'))
    .option('--catalog <dir>', catalogHelp)
    .addOption(new Option('--format <format>', t('cli.report.format')).choices(REPORT_FORMATS).default('pdf'))
    .option('-o, --output <file>', t('cli.report.output'))
    .option('--output-dir <dir>', t('cli.report.outputDir'))
    .option('--jobs <n>', t('cli.report.jobs'))
    .option('--force', t('cli.report.force'))
    .option('--date <YYYY-MM-DD>', t('cli.report.date'))
    .option('--baseline <file>', t('cli.report.x1'))
    .option('--observations <file>', t('cli.report.x2'))
    .addHelpText('after', t('cli.report.after3'))
    .action(async (paths: string[], options, command: Command) => {
      if (options.outputDir !== undefined || paths.length > 1) {
        if (options.output !== undefined) throw new CliError(t('cli.report.oneOutput'));
        if (options.outputDir === undefined) throw new CliError(t('cli.report.needOutputDir'));
        const { runReportBatch, processInterrupt } = await import('./commands/report-batch.js');
        setExitCode(await runReportBatch(paths, { ...options, ...globals(command) }, io, processInterrupt));
        return;
      }
      const { runReport } = await import('./commands/report.js');
      setExitCode(await runReport(paths[0] ?? '', { ...options, ...globals(command) }, io));
    });

  program
    .command('diff')
    .description(t('cli.diff.description'))
    .argument('<old>', t('cli.diff.old'))
    .argument('<new>', t('cli.diff.new'))
    .option('--catalog <dir>', catalogHelp)
    .addOption(new Option('--format <format>', t('cli.report.format')).choices(DIFF_FORMATS).default('text'))
    .addOption(new Option('--mode <mode>', t('cli.diff.mode')).choices(['auto', 'cycles', 'assessors']).default('auto'))
    .option('-o, --output <file>', t('cli.diff.output'))
    .addHelpText('after', t('cli.diff.after'))
    .action(async (oldFile: string, newFile: string, options, command: Command) => {
      const { runDiff } = await import('./commands/diff.js');
      setExitCode(await runDiff(oldFile, newFile, { ...options, ...globals(command) }, io));
    });

  program
    .command('actions')
    .description(t('cli.actions.x4'))
    .argument('<file>', t('cli.score.file'))
    .option('--catalog <dir>', catalogHelp)
    .addOption(new Option('--format <format>', t('cli.report.format')).choices(ACTION_FORMATS).default('text'))
    .option('--owner <name>', t('cli.actions.x5'))
    .option('--date <YYYY-MM-DD>', t('cli.actions.x6'))
    .option('-o, --output <file>', t('cli.diff.output'))
    .addHelpText('after', t('cli.actions.after7'))
    .action(async (file: string, options, command: Command) => {
      const { runActions } = await import('./commands/actions.js');
      setExitCode(await runActions(file, { ...options, ...globals(command) }, io));
    });

  program
    .command('validate')
    .description(t('cli.validate.description'))
    .argument('[paths...]', t('cli.validate.paths'))
    .option('--catalog <dir>', t('cli.validate.catalog'))
    .addOption(new Option('--format <format>', t('cli.report.format')).choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('-o, --output <file>', t('cli.validate.output'))
    .addHelpText('after', t('cli.validate.after'))
    .action(async (paths: string[], options, command: Command) => {
      const { runValidate } = await import('./commands/validate.js');
      setExitCode(await runValidate(paths, { ...options, ...globals(command) }, io));
    });

  program
    .command('list')
    .description(t('cli.list.description'))
    .option('--catalog <dir>', catalogHelp)
    .option('--json', t('cli.list.json'))
    .addHelpText('after', t('cli.list.after'))
    .action(async (options, command: Command) => {
      const { runList } = await import('./commands/list.js');
      setExitCode(await runList({ ...options, ...globals(command) }, io));
    });

  program
    .command('compare')
    .description(t('cli.compare.description'))
    .argument('<paths...>', t('cli.compare.paths'))
    .option('--catalog <dir>', catalogHelp)
    .addOption(new Option('--format <format>', t('cli.compare.format')).choices(COMPARE_FORMATS))
    .option('-o, --output <file>', t('cli.compare.output'))
    .option('--date <YYYY-MM-DD>', t('cli.compare.date'))
    .option('--all', t('cli.compare.all'))
    .addHelpText('after', t('cli.compare.after'))
    .action(async (paths: string[], options, command: Command) => {
      const { runCompare } = await import('./commands/compare.js');
      setExitCode(await runCompare(paths, { ...options, ...globals(command) }, io));
    });

  return program;
}

/** Commander's own words in help (titles, "default:", "choices:") in the user's language. */
function helpIn(i18n: Translator): Partial<Help> {
  const titles: Record<string, string> = {
    'Usage:': i18n.t('cli.titles.usage'),
    'Arguments:': i18n.t('cli.titles.arguments'),
    'Options:': i18n.t('cli.titles.options'),
    'Commands:': i18n.t('cli.titles.commands'),
    'Global Options:': i18n.t('cli.titles.globalOptions'),
  };
  return {
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription: (option) => {
      const extra: string[] = [];
      if (option.argChoices)
        extra.push(i18n.t('cli.choices', { values: option.argChoices.map((c) => JSON.stringify(c)).join(', ') }));
      if (option.defaultValue !== undefined && !option.negate && typeof option.defaultValue !== 'boolean') {
        extra.push(i18n.t('cli.default', { value: JSON.stringify(option.defaultValue) }));
      }
      return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
    },
  };
}
