import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { Io } from './io.js';

/**
 * One thread of `opsc report DIR --output-dir OUT`: takes one assessment at a time from the main
 * thread and writes its report with the very code `opsc report FILE -o TARGET` runs (so every
 * format, present or future, works in a batch), then answers with the exit code and what the
 * command said. Nothing here decides anything: the main thread owns the queue and the summary.
 */
export interface BatchJob {
  file: string;
  target: string;
  options: Record<string, unknown>;
}
export interface BatchResult {
  file: string;
  target: string;
  code: number;
  messages: string;
}

const { env, cwd } = workerData as { env: Record<string, string | undefined>; cwd: string };
const { runReport } = await import('./commands/report.js');

parentPort?.on('message', async (job: BatchJob) => {
  let messages = '';
  const capture = { write: (chunk: string | Uint8Array) => (messages += String(chunk)), isTTY: false };
  const io: Io = { stdout: capture, stderr: capture, stdin: new PassThrough(), env, cwd };
  let code: number;
  try {
    code = await runReport(job.file, { ...(job.options as object), output: job.target } as never, io);
  } catch (error) {
    const { CliError } = await import('./errors.js');
    code = error instanceof CliError ? error.exitCode : 2;
    messages += `${error instanceof Error ? error.message : String(error)}\n`;
  }
  const result: BatchResult = { file: job.file, target: job.target, code, messages };
  parentPort?.postMessage(result);
});
