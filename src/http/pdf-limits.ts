import { constants, inflateSync } from "node:zlib";

// A PDF of one megabyte can hold a compressed content stream that inflates to gigabytes, and the PDF reader that
// extracts a record's text for search (pdf.js) inflates every stream it reads in full: 1 MB of such a PDF took
// 2 GB of memory and 14 s. Before the reader sees a PDF, its compressed streams are inflated here within a limit.
// Images are left out: the text is read without decoding them, and scans would otherwise count against it.

/** True when the Flate streams of a PDF, images left out, inflate to more than `limit` bytes in all. */
export function pdfStreamsInflateBeyond(bytes: Uint8Array, limit: number): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let total = 0;
  for (const match of text.matchAll(/\bstream(?:\r\n|\n|\r)/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    // The stream's dictionary is what comes between its object's start and the keyword.
    const dictionary = text.slice(Math.max(0, text.lastIndexOf(" obj", match.index)), match.index);
    if (/\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    try {
      const out = inflateSync(bytes.subarray(start, end), {
        maxOutputLength: limit - total + 1,
        // A stream cut short or followed by an end-of-line still counts for what it inflates to.
        finishFlush: constants.Z_SYNC_FLUSH,
      });
      total += out.length;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return true;
      // Not zlib data (another filter, or none): the reader decodes it as it is, without inflating.
    }
    if (total > limit) return true;
  }
  return false;
}
