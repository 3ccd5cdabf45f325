// A document as a sequence of blocks: the one shape every renderer (HTML, PDF/A, DOCX) takes, so that the three files
// of a paragraph, the minutes, a notice, an attachment or an official report say the same thing in the same order.
// Builders (from-*.ts) make it from presented values; they never read the database.

/** One block of a document, in reading order. */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string; strong?: boolean }
  | { kind: "list"; ordered: boolean; items: ListItem[]; label?: string }
  | { kind: "table"; caption: string; head: string[]; rows: string[][] }
  /** A signing stamp ("SIGNERAD 2025-11-17"): printed boxed, read as a paragraph. */
  | { kind: "stamp"; text: string }
  /** Facts as label and value ("Datum", "2025-12-03"), printed as a two-column table without borders. */
  | { kind: "facts"; caption: string; rows: [string, string][] }
  /** An image (PNG or JPEG) with its alternative text: <img alt>, a tagged Figure with Alt, a Word picture with alt text. */
  | {
      kind: "image";
      alt: string;
      data: Uint8Array;
      mediaType: "image/png" | "image/jpeg";
      /** Its size in pixels; printed at 96 pixels to the inch, narrowed to the text's width. */
      width: number;
      height: number;
    }
  | { kind: "pageBreak" };

export interface ListItem {
  text: string;
  /** The number an ordered item prints ("1."), when it is not its position. */
  value?: number;
  /** A second line under the item, e.g. a consultee's reservations. */
  note?: string;
}

/** Everything a renderer needs: the blocks, the metadata of the file and the name it is downloaded under. */
export interface DocumentModel {
  title: string;
  /** Who the document is from, for the metadata ("Malmö stad, Kommunfullmäktige"). */
  author: string;
  subject: string;
  /** The day the document is of (ISO date), used as its creation date so the same data gives the same file. */
  datedOn: string;
  /** The file name without extension: "KF-2026-01-22-§8-Aterrapportering-kring-kraftsamlande-insatser". */
  baseName: string;
  blocks: Block[];
}

/** The text of a block as a reader reads it, for comparing the formats with each other. */
export function blockText(b: Block): string[] {
  switch (b.kind) {
    case "heading":
    case "paragraph":
    case "stamp":
      return [b.text];
    case "list":
      return b.items.flatMap((item, i) => {
        const mark = b.ordered ? `${item.value ?? i + 1}. ` : "";
        return item.note ? [`${mark}${item.text}`, item.note] : [`${mark}${item.text}`];
      });
    case "table":
      return [b.caption, b.head.join(" "), ...b.rows.map((r) => r.join(" "))];
    case "facts":
      return b.rows.map(([k, v]) => `${k} ${v}`);
    case "pageBreak":
    case "image":
      // An image's alternative text is read by assistive technology, not printed as text.
      return [];
  }
}

/** The document's whole text, one string per block line. */
export function documentText(d: DocumentModel): string[] {
  return d.blocks.flatMap(blockText);
}

/** Splits stored text into its paragraphs (blank lines part them). */
export function paragraphsOf(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((part) => ({ kind: "paragraph" as const, text: part }));
}
