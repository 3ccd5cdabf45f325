// Reading CSV as Swedish Excel writes it: UTF-8 (with or without a byte order mark), semicolons between cells,
// quotes around cells that hold a semicolon, a quote or a line break. Pure; no I/O.

/** The rows of a CSV text, each a list of cells; blank lines are left out. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = firstLine.includes(";") || !firstLine.includes(",") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map(unprotect)).filter((r) => r.some((c) => c.trim() !== ""));
}

/** A cell the export kept from running as a formula ("'=…") is read back as what it was. */
function unprotect(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** A number as a Swedish spreadsheet writes it ("72,5", "1 200"), or null when it is not one. */
export function parseSwedishNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".")
    .replace("−", "-");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
