import { existsSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportFormat } from '../../formats/report/formats.js';
import { collectAssessmentFiles } from '../assessment-set.js';
import { CancelledError, CliError, EXIT } from '../errors.js';
import { displayPath, PACKAGE_ROOT, pathKind } from '../files.js';
import type { Io } from '../io.js';
import type { BatchJob, BatchResult } from '../report-worker.js';
import { reportDate } from './report.js';

export interface BatchOptions {
  catalog?: string;
  format: ReportFormat;
  outputDir: string;
  date?: string;
  force?: boolean;
  /** Threads to use (default: one per core). */
  jobs?: string;
}

/** Lets a test (or a caller) stop the batch as Ctrl-C would; the CLI passes the process's SIGINT. */
export interface Interrupt {
  on(stop: () => void): void;
  off(stop: () => void): void;
}

const EXTENSIONS: Partial<Record<ReportFormat, string>> = { md: 'md', json: 'json', csv: 'csv', pdf: 'pdf' };

/** "country.yaml" → "country-gap-report.pdf". */
function targetName(file: string, format: ReportFormat): string {
  return `${basename(file, extname(file))}-gap-report.${EXTENSIONS[format] ?? format}`;
}

/**
 * `opsc report DIR|FILES… --output-dir OUT`: one report per assessment, on every core. A bad file
 * is reported and the others are written (exit 1); existing reports are not replaced without
 * --force (checked before any work starts); Ctrl-C stops at once, keeps the finished reports and
 * removes any half-written temporary file (exit 130). Each report is written by rename, so a file
 * in OUT is always complete.
 */
export async function runReportBatch(
  inputs: string[],
  options: BatchOptions,
  io: Io,
  interrupt: Interrupt,
): Promise<number> {
  reportDate(options.date, io.env); // a bad --date or SOURCE_DATE_EPOCH is a usage error before any work
  const files = collectAssessmentFiles(inputs, io.cwd);
  const outDir = resolve(io.cwd, options.outputDir);
  if (existsSync(outDir) && pathKind(outDir, options.outputDir) !== 'directory') {
    throw new CliError(`--output-dir ${options.outputDir} is a file, not a folder.`);
  }
  mkdirSync(outDir, { recursive: true });
  const jobs: BatchJob[] = files.map((file) => ({
    file,
    target: join(outDir, targetName(file, options.format)),
    options: { catalog: options.catalog, format: options.format, date: options.date, color: false, force: true },
  }));
  const clash = new Map<string, string>();
  for (const job of jobs) {
    const other = clash.get(job.target);
    if (other) throw new CliError(`${other} and ${job.file} would both write ${job.target}; rename one of them.`);
    clash.set(job.target, job.file);
  }
  const existing = jobs.filter((j) => existsSync(j.target));
  if (existing.length > 0 && !options.force) {
    throw new CliError(
      `${existing.length} report(s) already exist in ${displayPath(outDir, io.cwd)} (e.g. ${basename(existing[0]?.target ?? '')}); add --force to replace them. Nothing was written.`,
    );
  }

  const threads = Math.max(1, Math.min(jobs.length, Number(options.jobs ?? availableParallelism()) || 1));
  const progress = await openProgress(io, jobs.length);
  const failures: BatchResult[] = [];
  let written = 0;
  let stopped = false;
  const workers: Worker[] = [];
  const queue = [...jobs];
  const inFlight = new Set<string>();

  await new Promise<void>((settle, fail) => {
    let running = 0;
    const stop = () => {
      stopped = true;
      for (const worker of workers) void worker.terminate();
      settle();
    };
    interrupt.on(stop);
    const finish = () => {
      interrupt.off(stop);
      settle();
    };
    const next = (worker: Worker) => {
      const job = queue.shift();
      if (!job || stopped) {
        void worker.terminate();
        running -= 1;
        if (running === 0) finish();
        return;
      }
      inFlight.add(job.target);
      worker.postMessage(job);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(join(PACKAGE_ROOT, 'dist', 'cli', 'report-worker.js'), {
        workerData: { env: io.env, cwd: io.cwd },
      });
      workers.push(worker);
      running += 1;
      worker.on('message', (result: BatchResult) => {
        inFlight.delete(result.target);
        if (result.code === EXIT.ok) written += 1;
        else failures.push(result);
        progress.tick(displayPath(result.file, io.cwd), result.code === EXIT.ok);
        next(worker);
      });
      worker.on('error', (error) => {
        if (!stopped) fail(error);
      });
      next(worker);
    }
  });
  progress.stop();

  if (stopped) {
    removeTemporaries(outDir, inFlight);
    io.stderr.write(
      `Stopped: ${written} of ${jobs.length} reports were written and kept in ${displayPath(outDir, io.cwd)}; no half-written file is left.\n`,
    );
    throw new CancelledError('');
  }
  io.stderr.write(`Wrote ${written} of ${jobs.length} reports to ${displayPath(outDir, io.cwd)}.\n`);
  if (failures.length === 0) return EXIT.ok;
  io.stderr.write(`${failures.length} file(s) could not be reported:\n`);
  for (const failure of failures) {
    io.stderr.write(`\n${displayPath(failure.file, io.cwd)}:\n${failure.messages.trimEnd()}\n`);
  }
  return EXIT.findings;
}

/** writeFileAtomic's temporaries for the reports that were being written when the batch stopped. */
function removeTemporaries(outDir: string, targets: Set<string>): void {
  const prefixes = [...targets].map((t) => `.${basename(t)}.`);
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.tmp') && prefixes.some((p) => name.startsWith(p))) {
      try {
        unlinkSync(join(outDir, name));
      } catch {
        // Already renamed or removed.
      }
    }
  }
}

interface Progress {
  tick(file: string, ok: boolean): void;
  stop(): void;
}

/** A progress bar on a terminal; without one, a plain line per report (for logs and CI). */
async function openProgress(io: Io, total: number): Promise<Progress> {
  let done = 0;
  if (!io.stderr.isTTY) {
    return {
      tick(file, ok) {
        done += 1;
        io.stderr.write(`[${done}/${total}] ${ok ? 'done' : 'FAILED'} ${file}\n`);
      },
      stop() {},
    };
  }
  const { default: progress } = await import('cli-progress');
  const bar = new progress.SingleBar(
    {
      format: 'Reports {bar} {value}/{total} {file}',
      stream: (io.stderr.raw ?? process.stderr) as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    progress.Presets.shades_classic,
  );
  bar.start(total, 0, { file: '' });
  return {
    tick(file) {
      bar.increment(1, { file });
    },
    stop() {
      bar.stop();
    },
  };
}

/** Ctrl-C in a terminal: while a batch runs, SIGINT stops it instead of killing the process. */
export const processInterrupt: Interrupt = {
  on: (stop) => process.on('SIGINT', stop),
  off: (stop) => process.off('SIGINT', stop),
};
