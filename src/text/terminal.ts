import { randomBytes } from 'node:crypto';

/**
 * The styles opsc's own output uses. They do not emit escape sequences themselves: each wraps its
 * text in markers that carry a per-process random nonce, and only the output edge
 * (terminalText, used by the Io writers and the prompts) turns those markers into SGR sequences,
 * after every control character of the text itself has been made visible. So text from a file
 * can never forge a style, let alone an escape sequence: it does not know the nonce.
 */
export interface Color {
  bold(s: string): string;
  dim(s: string): string;
  italic(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
}

const NONCE = randomBytes(8).toString('hex');
const MARK = (code: number) => `\uFDD0${NONCE}${code}\uFDD1`;
const MARKS = new RegExp(`\uFDD0${NONCE}(\\d{1,2})\uFDD1`, 'g');

const STYLES: Record<keyof Color, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

/** The styles, as markers for terminalText. */
export function styler(): Color {
  const color = {} as Color;
  for (const [name, [open, close]] of Object.entries(STYLES) as [keyof Color, [number, number]][]) {
    // A close inside the text (nested styles sharing a close code) re-opens the outer style.
    color[name] = (s) => MARK(open) + s.split(MARK(close)).join(MARK(close) + MARK(open)) + MARK(close);
  }
  return color;
}

/**
 * C0 and C1 control characters (line feed, tab and the CR of a CRLF excepted) and the bidi
 * embedding, override and isolate characters ("Trojan Source"). ESC, CSI and OSC sequences are
 * all made of these, so a file can neither move the cursor, set the title, write the clipboard,
 * add a hyperlink nor hide text.
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0\ufdd1]|\r(?!\n)/g;

/**
 * Shows the unsafe characters of a text as visible escapes (`\u001b`), which are also valid
 * inside a JSON string, so a JSON document stays the same document.
 */
export function neutralise(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The one function every text goes through on its way to standard output, standard error or a
 * prompt: the text is neutralised, and then opsc's own style markers become SGR sequences.
 */
export function terminalText(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(MARKS)) {
    out += `${neutralise(text.slice(from, match.index))}\u001b[${match[1]}m`;
    from = match.index + match[0].length;
  }
  return out + neutralise(text.slice(from));
}
