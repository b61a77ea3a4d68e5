import { stripVTControlCharacters } from 'node:util';
import * as pty from '@lydell/node-pty';
import { BIN } from './cli.js';

/**
 * The real bin in a real pseudo-terminal. Reads what the user would see; waits for text instead
 * of sleeping, with a generous timeout that reports the screen when the text never comes.
 */
export class Terminal {
  private output = '';
  private consumed = 0;
  private readonly process: pty.IPty;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;

  constructor(args: string[], cwd: string, env: Record<string, string> = {}) {
    this.process = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 120,
      rows: 40,
      cwd,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', NO_COLOR: '1', ...env },
    });
    this.process.onData((data) => {
      this.output += data;
    });
    this.exited = new Promise((resolve) => this.process.onExit(resolve));
  }

  /** Everything the program sent, escape sequences included. */
  get raw(): string {
    return this.output;
  }

  get text(): string {
    return stripVTControlCharacters(this.output);
  }

  /** Waits until `text` appears after what earlier waits matched. */
  async waitFor(text: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.text.indexOf(text, this.consumed);
      if (at >= 0) {
        this.consumed = at + text.length;
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for "${text}". The terminal shows:\n${this.text.slice(-1500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  write(data: string): void {
    this.process.write(data);
  }

  kill(): void {
    try {
      this.process.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export const KEY = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003' } as const;
