import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role?: string;
  children?: StructNode[];
  type?: string;
  id?: string;
  alt?: string;
}

export interface PdfFacts {
  pages: number;
  info: Record<string, unknown>;
  xmp: Map<string, unknown>;
  outline: { title: string; items: { title: string }[] }[];
  /** Text of each page, content only (artifacts left out). */
  pageText: string[];
  /** Text inside Artifact marked content, per page (headers, footers, repeated table headers). */
  artifactText: string[];
  /** Structure roles in document order, across pages. */
  roles: string[];
  structTrees: StructNode[];
  /** Headings (H1–H3) in document order, with their text from the marked content they own. */
  headings: { role: string; text: string }[];
  /** Every content text item that reaches outside the page's printable area (20 pt from each edge). */
  offPage: { page: number; text: string }[];
  markInfo: { Marked?: boolean } | null;
}

/** Reads a PDF the way an assistive technology would: text, structure, outline and metadata. */
export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const pdf = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0 })
    .promise;
  const meta = await pdf.getMetadata();
  const outline = ((await pdf.getOutline()) ?? []).map((o) => ({
    title: o.title,
    items: o.items.map((i) => ({ title: i.title })),
  }));
  const pageText: string[] = [];
  const artifactText: string[] = [];
  const roles: string[] = [];
  const structTrees: StructNode[] = [];
  const headings: { role: string; text: string }[] = [];
  const offPage: { page: number; text: string }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , pageWidth = 0, pageHeight = 0] = page.view;
    const byId = new Map<string, string>();
    const open: string[] = [];
    const content = await page.getTextContent({ includeMarkedContent: true });
    let depth = 0;
    let artifactDepth = -1;
    let text = '';
    let artifact = '';
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          depth++;
          open.push((item as { id?: string }).id ?? '');
          if ((item as { tag?: string }).tag === 'Artifact' && artifactDepth < 0) artifactDepth = depth;
        } else if (item.type === 'endMarkedContent') {
          open.pop();
          if (depth === artifactDepth) artifactDepth = -1;
          depth--;
        }
        continue;
      }
      const piece = item.str + (item.hasEOL ? '\n' : '');
      const id = open.findLast((x) => x !== '');
      if (id) byId.set(id, (byId.get(id) ?? '') + piece);
      const [, , , , x = 0, y = 0] = item.transform as number[];
      if (item.str.trim() && (x < 20 || x + item.width > pageWidth - 20 || y < 20 || y > pageHeight - 20)) {
        offPage.push({ page: n, text: item.str });
      }
      if (artifactDepth > 0) artifact += piece;
      else text += piece;
    }
    pageText.push(text);
    artifactText.push(artifact);
    const tree = (await page.getStructTree()) as StructNode | null;
    if (tree) {
      structTrees.push(tree);
      const textOf = (node: StructNode): string =>
        node.type === 'content' ? (byId.get(node.id ?? '') ?? '') : (node.children ?? []).map(textOf).join('');
      const walk = (node: StructNode) => {
        if (node.role) roles.push(node.role);
        if (node.role && /^H[1-6]$/.test(node.role))
          headings.push({ role: node.role, text: flat(textOf(node)).trim() });
        for (const child of node.children ?? []) walk(child);
      };
      walk(tree);
    }
  }
  const xmp = new Map<string, unknown>(
    meta.metadata ? [...(meta.metadata as unknown as Iterable<[string, unknown]>)] : [],
  );
  const facts: PdfFacts = {
    pages: pdf.numPages,
    info: meta.info as Record<string, unknown>,
    xmp,
    outline,
    pageText,
    artifactText,
    roles,
    structTrees,
    headings,
    offPage,
    markInfo: (await pdf.getMarkInfo()) as { Marked?: boolean } | null,
  };
  await pdf.destroy();
  return facts;
}

/** Collapses the line breaks and spacing pdf.js reports inside wrapped text. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
