#!/usr/bin/env node
import { nodeIo } from '../dist/cli/io.js';
// The shim: everything testable lives in main(), which returns an exit code and never exits.
import { main } from '../dist/cli/main.js';

// main() writes through nodeIo(), which checks every byte; the prompts draw on the process
// streams. A reader that stops early (`opsc list | head`) closes the pipe: not an error. Any other
// failure of the terminal is said in one line, with exit code 2, never as a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    try {
      process.stderr.write(`opsc: cannot write to the terminal: ${error.message}\n`);
    } catch {
      // Nowhere left to say it.
    }
    process.exit(2);
  });
}

try {
  process.exitCode = await main(process.argv.slice(2), nodeIo());
} catch (error) {
  // main() maps every expected failure itself; reaching here is a bug, reported without a stack.
  process.stderr.write(`opsc: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write('Please report this with the command you ran. Set OPSC_DEBUG=1 for details.\n');
  if (process.env.OPSC_DEBUG) process.stderr.write(`${error?.stack ?? ''}\n`);
  process.exitCode = 2;
}
