/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, findings: 1, input: 2, cancelled: 130 } as const;

/** An expected failure: its message is shown as is, without a stack, and it maps to an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.input,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The user stopped the program (Ctrl-C); whatever needed saving was saved before this is thrown. */
export class CancelledError extends CliError {
  constructor(message = 'Cancelled.') {
    super(message, EXIT.cancelled);
    this.name = 'CancelledError';
  }
}
