/** Cuts text to `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Fits text into a fixed-width column. */
export function pad(text: string, width: number): string {
  return truncate(text, width).padEnd(width);
}
