/** The diff's output formats; kept apart from the renderers so the CLI can list them cheaply. */
export const DIFF_FORMATS = ['text', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
