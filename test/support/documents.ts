import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Reading documents back as a user's tools would: Debian's poppler-utils for PDF (pdfinfo, pdffonts, pdftotext), qpdf
// for the file's structure, and unzip for the DOCX container. Used by the document tests to check conformance and
// compare text.

const dir = mkdtempSync(join(tmpdir(), "paragraf-docs-"));
let n = 0;

function saved(bytes: Buffer, ext: string): string {
  const path = join(dir, `d${++n}.${ext}`);
  writeFileSync(path, bytes);
  return path;
}

/** Whitespace folded, the bullets a PDF draws as text removed, the footer's page numbers dropped. */
export function fold(text: string): string {
  return text
    .replace(/^.* – sida \d+ av \d+$/gm, " ")
    .replace(/[•\u00a0\f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** pdftotext in the content stream's order, the order the structure tree reads. */
export function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", saved(pdf, "pdf"), "-"], { encoding: "utf8" });
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync("pdfinfo", [saved(pdf, "pdf")], { encoding: "utf8" });
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** pdffonts' rows: name, type, whether embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = execFileSync("pdffonts", [saved(pdf, "pdf")], { encoding: "utf8" });
  return out
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name, type (one or two words), encoding, emb, sub, uni, object, id
      return { name: cols[0]!, embedded: cols.at(-5) === "yes" };
    });
}

/** The XMP metadata packet of a PDF (pdfkit writes it uncompressed). */
export function pdfXmp(pdf: Buffer): string {
  const s = pdf.toString("latin1");
  const start = s.indexOf("<x:xmpmeta");
  const end = s.indexOf("</x:xmpmeta>");
  return start >= 0 && end > start ? Buffer.from(s.slice(start, end + 12), "latin1").toString("utf8") : "";
}

function unzip(docx: Buffer, entry: string): string {
  return execFileSync("unzip", ["-p", saved(docx, "docx"), entry], { encoding: "utf8" });
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A DOCX's paragraphs in order: their style (Heading1…) and their text; numbered paragraphs say so. */
export function docxParagraphs(docx: Buffer): { style: string | null; numbered: boolean; text: string }[] {
  const xml = unzip(docx, "word/document.xml");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    numbered: p.includes("<w:numPr>"),
    text: decode(
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => m[1] ?? " ").join(""),
    ),
  }));
}

/** Which numbering ids count in decimals ("1.", "2."), from word/numbering.xml. */
function decimalNumIds(docx: Buffer): Set<string> {
  const xml = unzip(docx, "word/numbering.xml");
  const decimalAbstracts = new Set(
    [...xml.matchAll(/<w:abstractNum [^>]*w:abstractNumId="(\d+)"[\s\S]*?<\/w:abstractNum>/g)]
      .filter(
        ([a]) =>
          /<w:lvl w:ilvl="0"[^>]*>[\s\S]*?<w:numFmt w:val="decimal"\/>/.exec(a ?? "") !== null &&
          /<w:lvl w:ilvl="0"[^>]*>[\s\S]*?<w:numFmt w:val="([a-z]+)"\/>/.exec(a ?? "")?.[1] === "decimal",
      )
      .map((m) => m[1]!),
  );
  return new Set(
    [...xml.matchAll(/<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"\/>/g)]
      .filter((m) => decimalAbstracts.has(m[2]!))
      .map((m) => m[1]!),
  );
}

/** The DOCX's text, paragraph by paragraph, with the numbers Word shows before the items of numbered lists. */
export function docxText(docx: Buffer): string {
  const xml = unzip(docx, "word/document.xml");
  const decimal = decimalNumIds(docx);
  const counters = new Map<string, number>();
  const paragraphs = docxParagraphs(docx);
  const numIds = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(
    ([p]) => /<w:numId w:val="(\d+)"\/>/.exec(p)?.[1],
  );
  return paragraphs
    .map((p, i) => {
      const numId = numIds[i];
      if (!numId || !decimal.has(numId)) return p.text;
      const n = (counters.get(numId) ?? 0) + 1;
      counters.set(numId, n);
      return `${n}. ${p.text}`;
    })
    .join("\n");
}

/** The style definitions, to check that the heading styles are Word's own. */
export function docxStyles(docx: Buffer): string {
  return unzip(docx, "word/styles.xml");
}

/** The text of an HTML file, tags dropped and entities decoded. */
export function htmlText(html: string): string {
  const body = html.slice(html.indexOf("<main>"), html.indexOf("</main>"));
  return decode(body.replace(/<li value="(\d+)">/g, " $1. ").replace(/<[^>]+>/g, " "));
}

/**
 * What keeps a PDF from being the PDF/A-2a (and PDF/UA-1) file Paragraf promises: each problem in words, none when it
 * conforms as far as these checks see (identification in the XMP, every font embedded, tagged with a structure tree,
 * the language, the title shown, an output intent, extractable text).
 */
export function pdfProblems(pdf: Buffer): string[] {
  const problems: string[] = [];
  const raw = pdf.toString("latin1");
  const xmp = pdfXmp(pdf);
  const info = pdfInfo(pdf);
  if (!/<pdfaid:part>2<\/pdfaid:part>/.test(xmp)) problems.push("no PDF/A part 2 in the XMP");
  if (!/<pdfaid:conformance>A<\/pdfaid:conformance>/.test(xmp))
    problems.push("no conformance level A in the XMP");
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) problems.push("no PDF/UA-1 in the XMP");
  if (!/<dc:title>/.test(xmp)) problems.push("no dc:title in the XMP");
  if (info.Tagged !== "yes") problems.push("not tagged");
  if (!raw.includes("/StructTreeRoot")) problems.push("no structure tree");
  if (!/\/Lang \(sv-SE\)/.test(raw)) problems.push("the language is not sv-SE");
  if (!/\/DisplayDocTitle true/.test(raw)) problems.push("the title is not displayed");
  if (!raw.includes("/OutputIntents")) problems.push("no output intent");
  const fonts = pdfFonts(pdf);
  if (fonts.length === 0) problems.push("no fonts");
  for (const f of fonts) if (!f.embedded) problems.push(`font ${f.name} not embedded`);
  if (fold(pdfText(pdf)).length === 0) problems.push("no extractable text");
  // qpdf reads every object and stream: a broken cross-reference table or stream is a file no archive should take.
  // (No PDF/A validator is packaged for Debian or npm; veraPDF is not reachable here, ADR 0012.)
  try {
    execFileSync("qpdf", ["--check", saved(pdf, "pdf")], { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    problems.push(`qpdf --check: ${String((error as { stdout?: string }).stdout ?? error).trim()}`);
  }
  return problems;
}
