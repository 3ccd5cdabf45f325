import { deflateSync } from "node:zlib";

/**
 * A minimal one-page PDF holding the given text (Latin-1 with WinAnsi encoding, so å, ä and ö work). With
 * `inflatedMiB`, its content stream is padded with spaces to that size and compressed (FlateDecode): a "PDF bomb"
 * of a few hundred kilobytes that a reader inflates to that many megabytes.
 */
export function pdfWithText(text: string, options: { inflatedMiB?: number } = {}): Buffer {
  const escaped = text.replace(/[\\()]/g, (ch) => `\\${ch}`);
  const operators = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  let stream = Buffer.from(operators, "latin1");
  let filter = "";
  if (options.inflatedMiB) {
    const padded = Buffer.alloc(options.inflatedMiB * 1024 * 1024, 0x20);
    stream.copy(padded);
    stream = deflateSync(padded, { level: 9 });
    filter = " /Filter /FlateDecode";
  }
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length}${filter} >>\nstream\n`, "latin1"),
      stream,
      Buffer.from("\nendstream", "latin1"),
    ]),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const add = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((object, i) => {
    offsets.push(length);
    add(Buffer.from(`${i + 1} 0 obj\n`, "latin1"));
    add(typeof object === "string" ? Buffer.from(object, "latin1") : object);
    add(Buffer.from("\nendobj\n", "latin1"));
  });
  const xref = length;
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  tail += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  add(Buffer.from(tail, "latin1"));
  return Buffer.concat(parts);
}
