import { input, Separator, search, select } from '@inquirer/prompts';
import { terminalText } from '../text/terminal.js';
import type { Io } from './io.js';

/**
 * Every prompt opsc shows goes through this module, the only one that imports @inquirer/prompts.
 * It is loaded lazily (by `opsc assess` only), so other commands do not pay for it, and tests
 * script it with @inquirer/testing.
 */

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  disabled?: boolean | string;
}

/** A line between groups of choices. */
export const SEPARATOR = 'separator' as const;

export interface TextOptions {
  /** Shown in the field, editable: the previous value when revisiting. */
  prefill?: string;
  validate?: (value: string) => true | string;
}

export interface Prompts {
  select<T>(message: string, choices: readonly (Choice<T> | typeof SEPARATOR)[], initial?: T): Promise<T>;
  text(message: string, options?: TextOptions): Promise<string>;
  search<T>(message: string, source: (term: string) => Choice<T>[]): Promise<T>;
}

/** Ctrl-C (or the terminal closing) at a prompt: whatever the caller holds must be saved. */
export class PromptCancelled extends Error {
  constructor() {
    super('Cancelled at a prompt.');
    this.name = 'PromptCancelled';
  }
}

export function createPrompts(io: Io): Prompts {
  // In tests @inquirer/testing replaces both streams; a real terminal gets the process's.
  const output = io.stdout.raw ?? (typeof (io.stdout as { on?: unknown }).on === 'function' ? io.stdout : undefined);
  const context = { input: io.stdin, ...(output ? { output: output as NodeJS.WritableStream } : {}) };
  const pageSize = Math.max(7, Math.min(15, ((io.stdout as { rows?: number }).rows ?? 24) - 8));
  return {
    select: (message, choices, initial) =>
      guard(
        select(
          {
            message: terminalText(message),
            choices: choices.map((c) => (c === SEPARATOR ? new Separator() : shown(c))),
            pageSize,
            loop: false,
            ...(initial !== undefined ? { default: initial } : {}),
          },
          context,
        ),
      ),
    text: async (message, options = {}) => {
      // The field shows a saved text with its control characters made visible; Enter on it
      // unchanged keeps the saved text exactly as it was.
      const prefill = options.prefill ? terminalText(options.prefill) : undefined;
      const value = await guard(
        input(
          {
            message: terminalText(message),
            ...(prefill ? { default: prefill, prefill: 'editable' as const } : {}),
            ...(options.validate ? { validate: options.validate } : {}),
          },
          context,
        ),
      );
      return prefill !== undefined && options.prefill !== undefined && value === prefill ? options.prefill : value;
    },
    search: (message, source) =>
      guard(
        search(
          { message: terminalText(message), source: async (term) => source(term ?? '').map(shown), pageSize },
          context,
        ),
      ),
  };
}

/** What a prompt draws goes through the same output edge as every other text (see safeIo). */
function shown<T>(choice: Choice<T>): Choice<T> {
  return {
    ...choice,
    name: terminalText(choice.name),
    ...(choice.description !== undefined ? { description: terminalText(choice.description) } : {}),
    ...(typeof choice.disabled === 'string' ? { disabled: terminalText(choice.disabled) } : {}),
  };
}

async function guard<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    // @inquirer/core's ExitPromptError (Ctrl-C, SIGINT, terminal closed) and AbortPromptError.
    const name = (error as Error | undefined)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') {
      throw new PromptCancelled();
    }
    throw error;
  }
}
