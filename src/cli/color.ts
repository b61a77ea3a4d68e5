import { Chalk, type ChalkInstance } from 'chalk';
import type { Io, OutputStream } from './io.js';

/**
 * chalk 5 ignores NO_COLOR (its maintainers declined it), so colour is decided here once:
 * off for --no-color, NO_COLOR, TERM=dumb, or a stream that is not a terminal; FORCE_COLOR wins.
 */
export function colorFor(stream: OutputStream, io: Io, enabled: boolean): ChalkInstance | undefined {
  const env = io.env;
  if (!enabled) return undefined;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return new Chalk({ level: 1 });
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return undefined;
  if (!stream.isTTY || env.TERM === 'dumb') return undefined;
  return new Chalk({ level: 1 });
}
