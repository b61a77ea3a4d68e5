/** The comparison's output formats; kept apart from the renderers so the CLI can list them cheaply. */
export const COMPARE_FORMATS = ['md', 'csv', 'json', 'pdf', 'xlsx'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];
/** Formats that are not text and so are never written to standard output. */
export const BINARY_COMPARE_FORMATS: readonly CompareFormat[] = ['pdf', 'xlsx'];
