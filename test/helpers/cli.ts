import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/opsc.js', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  tty?: boolean;
}

/** Runs main() in-process with captured streams: fast, and the same contract as the real bin. */
export async function runInProcess(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    stdin,
    env: { ...options.env },
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/** Spawns the real bin (built dist/), as a user or CI would. */
export function runBin(argv: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Both ways, so each CLI case is written once and checked through main() and the real bin. */
export const runners = [
  ['in-process', runInProcess],
  ['bin', async (argv: string[], options?: RunOptions) => runBin(argv, options)],
] as const;
