import { writeSync } from 'node:fs';
import { terminalText } from '../text/terminal.js';
import { CliError, EXIT } from './errors.js';

/** Everything the CLI touches of its process, passed in so tests can run main() in-process. */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  /** The process stream underneath, for the prompts (which draw with their own escape sequences). */
  raw?: NodeJS.WritableStream;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export function nodeIo(): Io {
  return {
    stdout: fdWriter(1, process.stdout, 'standard output'),
    stderr: fdWriter(2, process.stderr, 'standard error'),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * The output edge: every text any command writes goes through terminalText, which shows control
 * characters and bidi overrides from files as visible escapes and lets only opsc's own styles
 * through. Binary output (a PDF on standard output) passes unchanged. main() applies it to
 * whatever Io it is given, so every command, present or future, is covered.
 */
export function safeIo(io: Io): Io {
  const guard = (stream: OutputStream): OutputStream => ({
    write: (chunk) => stream.write(typeof chunk === 'string' ? terminalText(chunk) : chunk),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
    get raw() {
      return stream.raw;
    },
  });
  return { ...io, stdout: guard(io.stdout), stderr: guard(io.stderr) };
}

/** A closed pipe (`opsc list | head`: the reader has all it wants) or a closed descriptor. */
const CLOSED = new Set(['EPIPE', 'ECONNRESET', 'EBADF']);
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte to a file descriptor, synchronously, in a loop: Node's own stream ignores a
 * short write to a file (a full disk truncated the report and opsc still exited 0). A closed pipe
 * ends the output quietly; any other failure on standard output (ENOSPC, EIO) is an error
 * with exit code 2. Failures on standard error are ignored: there is nowhere left to say them.
 */
function fdWriter(fd: number, stream: NodeJS.WriteStream, name: string): OutputStream {
  let closed = false;
  return {
    write(chunk) {
      if (closed) return true;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let done = 0;
      while (done < bytes.length) {
        try {
          done += writeSync(fd, bytes, done, bytes.length - done);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (code === 'EAGAIN') {
            Atomics.wait(pause, 0, 0, 5);
            continue;
          }
          closed = true;
          if (CLOSED.has(code) || fd !== 1) return true;
          throw new CliError(`cannot write ${name}: ${writeReason(error)}.`, EXIT.input);
        }
      }
      return true;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
    raw: stream,
  };
}

export function writeReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EIO') return 'input/output error';
  if (code === 'EFBIG') return 'the file is too large';
  return (error as Error)?.message ?? String(error);
}
