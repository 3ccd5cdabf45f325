import writeXlsxFile from "write-excel-file/node";

/** A table to download: a header row and rows of text or numbers. */
export interface Table {
  sheet: string;
  header: string[];
  rows: (string | number | null)[][];
}

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * CSV as Swedish Excel opens it: UTF-8 with a byte order mark (so å, ä and ö survive), semicolons between
 * cells (Excel's list separator in Swedish), CRLF between rows, quotes where a cell needs them.
 */
export function toCsv(table: Table): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvCell).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The same table as an XLSX workbook with a bold header row. */
export async function toXlsx(table: Table): Promise<Buffer> {
  const header = table.header.map((value) => ({ value, fontWeight: "bold" as const }));
  const rows = table.rows.map((row) =>
    row.map((value) =>
      value === null ? null : typeof value === "number" ? { value, type: Number } : { value, type: String },
    ),
  );
  return writeXlsxFile([header, ...rows], {
    sheet: table.sheet.slice(0, 31),
    columns: table.header.map((h) => ({ width: Math.min(60, Math.max(12, h.length + 2)) })),
    stickyRowsCount: 1,
  }).toBuffer();
}

/** The HTTP response headers of a download, with an ASCII and a UTF-8 file name. */
export function downloadHeaders(fileName: string, kind: "csv" | "xlsx"): Record<string, string> {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/"/g, "");
  return {
    "Content-Type":
      kind === "csv"
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${ascii}.${kind}"; filename*=UTF-8''${encodeURIComponent(fileName)}.${kind}`,
  };
}
