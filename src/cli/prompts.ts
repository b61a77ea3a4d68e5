import { input, Separator, search, select } from '@inquirer/prompts';
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
  const output = typeof (io.stdout as { on?: unknown }).on === 'function' ? io.stdout : undefined;
  const context = { input: io.stdin, ...(output ? { output: output as NodeJS.WritableStream } : {}) };
  const pageSize = Math.max(7, Math.min(15, ((io.stdout as { rows?: number }).rows ?? 24) - 8));
  return {
    select: (message, choices, initial) =>
      guard(
        select(
          {
            message,
            choices: choices.map((c) => (c === SEPARATOR ? new Separator() : c)),
            pageSize,
            loop: false,
            ...(initial !== undefined ? { default: initial } : {}),
          },
          context,
        ),
      ),
    text: (message, options = {}) =>
      guard(
        input(
          {
            message,
            ...(options.prefill ? { default: options.prefill, prefill: 'editable' as const } : {}),
            ...(options.validate ? { validate: options.validate } : {}),
          },
          context,
        ),
      ),
    search: (message, source) =>
      guard(search({ message, source: async (term) => source(term ?? ''), pageSize }, context)),
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
