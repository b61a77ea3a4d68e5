import { type Color, styler } from '../text/terminal.js';
import type { Io, OutputStream } from './io.js';

export type { Color };

/**
 * Colour is decided here once: off for --no-color, NO_COLOR, TERM=dumb, or a stream that is not
 * a terminal; FORCE_COLOR (non-empty, not "0") wins. Empty NO_COLOR and FORCE_COLOR mean unset.
 */
export async function colorFor(stream: OutputStream, io: Io, enabled: boolean): Promise<Color | undefined> {
  return wantsColor(stream, io, enabled) ? styler() : undefined;
}

export function wantsColor(stream: OutputStream, io: Io, enabled: boolean): boolean {
  const env = io.env;
  if (!enabled) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}
