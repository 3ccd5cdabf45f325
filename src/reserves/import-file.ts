import { readSheet } from "read-excel-file/node";
import { DomainError } from "../domain/errors.js";
import { checkZipInflation, isZipContainer } from "../http/zip-limits.js";
import { parseCsv } from "./csv.js";

// A file to import, whichever way it came: CSV as Swedish Excel writes it, or an XLSX workbook (its first
// sheet). Either becomes the same rows, each with the line number the person sees — the CSV's line, the row
// number Excel shows — so a refusal can point at it.

export type FileFormat = "csv" | "xlsx";

/** One non-blank line of a file: its number as the person sees it, and its cells as text. */
export interface SourceRow {
  line: number;
  cells: string[];
}

export interface ReadFile {
  format: FileFormat;
  rows: SourceRow[];
  /** The file as the import job keeps it: the CSV's text, or the workbook in base64. */
  stored: string;
}

/** What the parts of a workbook the reader reads (its XML) may inflate to in all: far above any real import file. */
const maxWorkbookXmlBytes = 32 * 1024 * 1024;

/** The rows of a CSV text; the header is line 1. */
export function csvRows(text: string): SourceRow[] {
  return parseCsv(text).map((cells, i) => ({ line: i + 1, cells }));
}

/** A spreadsheet cell as the text the CSV would have held: numbers with a point, days as ÅÅÅÅ-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "ja" : "nej";
  return String(value);
}

/** The rows of an XLSX workbook's first sheet, numbered as Excel numbers them; blank rows left out. */
export async function xlsxRows(bytes: Uint8Array): Promise<SourceRow[]> {
  // The reader inflates every XML part in full; a workbook that would inflate beyond reason is refused first.
  const check = checkZipInflation(bytes, maxWorkbookXmlBytes, (entry) => /\.(xml|rels)$/.test(entry));
  if (check === "too_large") throw new DomainError("import_xlsx_too_large", {}, "file");
  if (check === "unreadable") throw new DomainError("import_not_xlsx", {}, "file");
  let data: unknown[][];
  try {
    data = await readSheet(Buffer.from(bytes));
  } catch {
    throw new DomainError("import_not_xlsx", {}, "file");
  }
  return data
    .map((row, i) => ({ line: i + 1, cells: row.map(cellText) }))
    .filter((r) => r.cells.some((c) => c.trim() !== ""));
}

/**
 * Reads an uploaded file by what it is, not by its name: a ZIP container is an XLSX workbook, UTF-8 text is
 * CSV, anything else is refused in Swedish.
 */
export async function readFile(bytes: Uint8Array): Promise<ReadFile> {
  if (isZipContainer(bytes))
    return { format: "xlsx", rows: await xlsxRows(bytes), stored: Buffer.from(bytes).toString("base64") };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("import_not_csv_or_xlsx", {}, "file");
  }
  // Text with control characters other than tab and line breaks is no CSV (a PDF, an image, an old .xls).
  if (hasControlCharacters(text)) throw new DomainError("import_not_csv_or_xlsx", {}, "file");
  return { format: "csv", rows: csvRows(text), stored: text };
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return true;
  }
  return false;
}

/** The rows of a file the import job kept. */
export async function storedRows(format: FileFormat, stored: string): Promise<SourceRow[]> {
  return format === "xlsx" ? xlsxRows(Buffer.from(stored, "base64")) : csvRows(stored);
}
