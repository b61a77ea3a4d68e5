/** The report's output formats; kept apart from the renderers so the CLI can list them cheaply. */
export const REPORT_FORMATS = ['pdf', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
