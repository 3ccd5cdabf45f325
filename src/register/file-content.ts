import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "../domain/errors.js";
import { pdfStreamsInflateBeyond } from "../http/pdf-limits.js";
import { checkZipInflation, isZipContainer } from "../http/zip-limits.js";

/** The file types a record may have, with the extensions a file name of that type may end in. */
export const allowedFileTypes: Record<string, { label: string; extensions: string[] }> = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "text/plain": { label: "text", extensions: ["txt", "text"] },
  "image/png": { label: "PNG-bild", extensions: ["png"] },
  "image/jpeg": { label: "JPEG-bild", extensions: ["jpg", "jpeg"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    label: "Word-dokument",
    extensions: ["docx"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    label: "Excel-dokument",
    extensions: ["xlsx"],
  },
  "application/vnd.oasis.opendocument.text": { label: "OpenDocument-text", extensions: ["odt"] },
};

/** Largest file accepted, in bytes (PARAGRAF_MAX_FILE_MB, default 25). */
export function maxFileBytes(): number {
  const mb = Number(process.env.PARAGRAF_MAX_FILE_MB ?? 25);
  return Math.floor((Number.isFinite(mb) && mb > 0 ? mb : 25) * 1024 * 1024);
}

// Text kept per file for search; a tsvector holds at most 1 MB, and the first part of a document is what matters.
const maxIndexedChars = 200_000;

export interface IncomingFile {
  name: string;
  /** The media type the sender declared (the browser's Content-Type of the part, or the API's field). */
  declaredType: string;
  bytes: Uint8Array;
}

export interface InspectedFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  text: string | null;
}

function normaliseType(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

// The parts of a Word, Excel or OpenDocument file that say what it is, and all the type check inflates of it;
// real ones are a few kilobytes.
const typeEntries = new Set(["[Content_Types].xml", "mimetype"]);
const maxTypeEntryBytes = 1024 * 1024;

/** The real type of the bytes: from their signature, or text/plain when they are valid UTF-8 without NULs. */
async function detectType(name: string, bytes: Uint8Array): Promise<string | null> {
  if (isZipContainer(bytes)) {
    const check = checkZipInflation(bytes, maxTypeEntryBytes, (entry) => typeEntries.has(entry));
    if (check === "too_large") throw new DomainError("file_zip_bomb", { name }, "files");
    if (check === "unreadable") return null;
  }
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? null : "text/plain";
  } catch {
    return null;
  }
}

/** What a PDF's compressed streams (images left out) may inflate to before its text is left unread. */
const maxPdfStreamBytes = 64 * 1024 * 1024;

async function pdfText(bytes: Uint8Array): Promise<string | null> {
  // The reader inflates every stream in full: a PDF that would inflate beyond reason is kept, but not read.
  if (pdfStreamsInflateBeyond(bytes, maxPdfStreamBytes)) return null;
  try {
    // Loaded on first use: the PDF reader is large and most requests never need it.
    const { extractText, getDocumentProxy } = await import("unpdf");
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(doc, { mergePages: true });
    await doc.destroy();
    return text.trim() || null;
  } catch {
    // A PDF whose text cannot be read is still a valid record; it is just not found by its words.
    return null;
  }
}

/**
 * Checks one incoming file: not empty, within the size limit, of an allowed type, and the declared type and the
 * name's extension agree with what the content really is. Extracts its text for search where it can.
 */
export async function inspectFile(file: IncomingFile): Promise<InspectedFile> {
  const name = file.name.trim().replace(/[\\/]/g, "_").slice(0, 255);
  if (!name) throw new DomainError("file_name_missing", {}, "files");
  if (file.bytes.byteLength === 0) throw new DomainError("file_empty", { name }, "files");
  const limit = maxFileBytes();
  if (file.bytes.byteLength > limit)
    throw new DomainError("file_too_large", { name, limitMb: Math.round(limit / 1024 / 1024) }, "files");
  const declared = normaliseType(file.declaredType);
  const detected = await detectType(name, file.bytes);
  if (!detected || !allowedFileTypes[detected])
    throw new DomainError("file_type_not_allowed", { name }, "files");
  if (declared !== detected)
    throw new DomainError(
      "file_type_mismatch",
      { name, declared: declared || "okänd", actual: allowedFileTypes[detected]!.label },
      "files",
    );
  const extension = name.includes(".") ? name.split(".").pop()!.toLowerCase() : null;
  if (extension && !allowedFileTypes[detected]!.extensions.includes(extension))
    throw new DomainError(
      "file_type_mismatch",
      { name, declared: `.${extension}`, actual: allowedFileTypes[detected]!.label },
      "files",
    );
  let text: string | null = null;
  if (detected === "text/plain") text = new TextDecoder().decode(file.bytes);
  else if (detected === "application/pdf") text = await pdfText(file.bytes);
  // PostgreSQL text holds no NUL characters.
  const indexed = text?.replaceAll("\u0000", "").slice(0, maxIndexedChars) || null;
  return { name, mediaType: detected, bytes: file.bytes, text: indexed };
}
