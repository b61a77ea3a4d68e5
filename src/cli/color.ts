import type { ChalkInstance } from 'chalk';
import type { Io, OutputStream } from './io.js';

/**
 * chalk 5 ignores NO_COLOR (its maintainers declined it), so colour is decided here once:
 * off for --no-color, NO_COLOR, TERM=dumb, or a stream that is not a terminal; FORCE_COLOR wins.
 * chalk itself is loaded only when colour is on.
 */
export async function colorFor(stream: OutputStream, io: Io, enabled: boolean): Promise<ChalkInstance | undefined> {
  return wantsColor(stream, io, enabled) ? new (await import('chalk')).Chalk({ level: 1 }) : undefined;
}

export function wantsColor(stream: OutputStream, io: Io, enabled: boolean): boolean {
  const env = io.env;
  if (!enabled) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
