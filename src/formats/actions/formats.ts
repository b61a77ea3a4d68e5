/** The action list's output formats; kept apart from the renderers so the CLI can list them cheaply. */
export const ACTION_FORMATS = ['text', 'md', 'csv', 'json'] as const;
export type ActionFormat = (typeof ACTION_FORMATS)[number];
