// @types/pdfkit 0.17.6 lags pdfkit 0.20: table header cells take a scope (pdfkit's
// PDFStructureElement reads options.scope into a /Table attribute). 'PDF/UA' for `subset` is a
// type alias there and cannot be merged, so pdf.ts casts that one option.
declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    scope?: 'Row' | 'Column' | 'Both';
  }
}
