import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, tx } from "../../test/support/db.js";
import { docxParagraphs, pdfProblems } from "../../test/support/documents.js";
import { draftReportInOpenMeeting } from "../../test/support/reports.js";
import { zipBomb } from "../../test/support/zip.js";
import type { Database } from "../db/connect.js";
import { renderDocx } from "../documents/docx.js";
import { reportDocument } from "../documents/from-report.js";
import { renderHtml } from "../documents/html.js";
import { renderPdf } from "../documents/pdf.js";
import { DomainError } from "../domain/errors.js";
import { addReportImage } from "./add-report-image.js";
import { readReport, readReportDocument } from "./read-report.js";
import { removeReportImage } from "./remove-report-image.js";
import { saveReportVersion } from "./save-report-version.js";
import { AddReportImageInput } from "./schemas.js";
import { signReport } from "./sign-report.js";
import { officialReportImage } from "./tables.js";

// Issue 13: a case officer attaches an image (PNG or JPEG, sniffed from the bytes) with its alternative text to a
// written section; the page, the HTML, the PDF/A (a tagged Figure with Alt) and the DOCX (a picture with alt text)
// show it, and a file that is not an image, too large, or without alternative text is refused with nothing written.

const png = readFileSync(new URL("../../test/support/images/staplar.png", import.meta.url));
const jpeg = readFileSync(new URL("../../test/support/images/staplar.jpg", import.meta.url));
const alt = "Stapeldiagram: tre staplar som växer från vänster till höger.";
const all = { all: true, bodyIds: [] };

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function setUp() {
  const { m, f, reportId } = await draftReportInOpenMeeting(database, {
    title: "Ett ärende med bilder",
    texts: { summary: "Åäö och § 10 000 000 kr.", proposal: "1. Nämnden godkänner förslaget." },
  });
  const add = (bytes: Uint8Array, input: { section?: string; alt?: string } = {}) =>
    tx(database, (t) =>
      addReportImage(t, m.system, reportId, {
        section: (input.section ?? "summary") as "summary",
        alt: input.alt ?? alt,
        contentBase64: Buffer.from(bytes).toString("base64"),
      }),
    );
  const images = async () =>
    (await database.db.select().from(officialReportImage).where(eq(officialReportImage.reportId, reportId)))
      .length;
  return { m, f, reportId, add, images };
}

describe("images in an official report", () => {
  it("shows a PNG and a JPEG in their section, with alt text, in the HTML, the PDF/A and the DOCX", async () => {
    const s = await setUp();
    const before = await tx(database, (t) => readReport(t, s.m.id, s.reportId, all));
    const added = await s.add(png);
    expect(added).toMatchObject({ mediaType: "image/png", width: 120, height: 60 });
    expect(await s.add(jpeg, { section: "proposal" })).toMatchObject({ mediaType: "image/jpeg", width: 120 });
    const { view, images } = await tx(database, (t) => readReportDocument(t, s.m.id, s.reportId, all));
    // The images are part of what a signer reads: the content's hash changes with them.
    expect(view.sha256).not.toBe(before.sha256);
    expect(view.sections.find((x) => x.kind === "summary")!.parts.at(-1)).toMatchObject({
      kind: "image",
      alt,
    });
    const doc = reportDocument(view, images);

    const html = renderHtml(doc);
    expect(html).toMatch(
      new RegExp(`<img src="data:image/png;base64,[^"]+" alt="${alt}" width="120" height="60">`),
    );
    expect(html).toContain('<img src="data:image/jpeg;base64,');

    const pdf = await renderPdf(doc);
    expect(pdfProblems(pdf)).toEqual([]);
    const path = join(mkdtempSync(join(tmpdir(), "paragraf-images-")), "rapport.pdf");
    writeFileSync(path, pdf);
    const raw = pdf.toString("latin1");
    expect(raw.match(/\/S \/Figure/g)).toHaveLength(2);
    expect(raw).toMatch(/\/BBox \[/);
    // The Figure's Alt, as pdfkit writes a text string with non-ASCII letters: UTF-16BE with its byte order mark.
    const utf16 = Buffer.from(`\ufeff${alt}`, "utf16le").swap16().toString("latin1");
    expect(raw).toContain(`/Alt (${utf16})`);
    const listed = execFileSync("pdfimages", ["-list", path], { encoding: "utf8" }).trim().split("\n");
    expect(listed.slice(2).map((l) => l.trim().split(/\s+/).slice(3, 5))).toEqual([
      ["120", "60"],
      ["120", "60"],
    ]);

    const docx = await renderDocx(doc);
    const docxPath = join(dirname(path), "rapport.docx");
    writeFileSync(docxPath, docx);
    const xml = execFileSync("unzip", ["-p", docxPath, "word/document.xml"], { encoding: "utf8" });
    expect(xml).toContain(`descr="${alt}"`);
    const media = execFileSync("unzip", ["-l", docxPath], { encoding: "utf8" });
    expect(media).toMatch(/word\/media\/\S+\.png/);
    expect(media).toMatch(/word\/media\/\S+\.jpg/);
    expect(docxParagraphs(docx).some((p) => p.style === "Heading1")).toBe(true);
  });

  it("refuses a file that is not an image, one too large, or one without alt text, writing nothing", async () => {
    const s = await setUp();
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof DomainError ? e.code : e),
      );
    // A text file does not become an image by its name or its declared type: only the bytes count.
    expect(await refused(s.add(new TextEncoder().encode("inte en bild")))).toBe("report_image_not_image");
    const pdf = Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");
    expect(await refused(s.add(pdf))).toBe("report_image_not_image");
    // A ZIP container is no image, and is refused before anything inflates it.
    expect(await refused(s.add(zipBomb("[Content_Types].xml", 64)))).toBe("report_image_not_image");
    // A PNG of a few kilobytes that says it is 8 000 × 8 000 pixels: the PDF would inflate it to 256 MB.
    const vast = Buffer.from(png);
    vast.writeUInt32BE(8000, 16);
    vast.writeUInt32BE(8000, 20);
    expect(await refused(s.add(vast))).toBe("report_image_too_many_pixels");
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(png);
    expect(await refused(s.add(huge))).toBe("report_image_too_large");
    expect(await refused(s.add(png, { alt: "   " }))).toBe("report_image_alt_missing");
    expect(await refused(s.add(png, { section: "basis" }))).toBe("report_section_not_in_template");
    expect(await s.images()).toBe(0);
    const missingAlt = AddReportImageInput.safeParse({ section: "summary", alt: "", contentBase64: "aGVq" });
    expect(missingAlt.error?.issues[0]?.message).toBe(
      "Skriv en alternativtext som beskriver bilden för den som inte ser den.",
    );
  });

  it("keeps the images a signed version was signed with; a later image waits for the next version", async () => {
    const s = await setUp();
    await s.add(png);
    await tx(database, async (t) => {
      const r = await readReport(t, s.m.id, s.reportId, all);
      await signReport(t, s.m.system, s.reportId, { version: r.version, sha256: r.sha256 });
    });
    // The signed version is locked: an image waits for the next version.
    const error = await s.add(jpeg, { alt: "En senare bild." }).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe("report_image_version_signed");
    const v1 = await tx(database, (t) => readReport(t, s.m.id, s.reportId, all));
    await tx(database, (t) =>
      saveReportVersion(t, s.m.system, s.reportId, {
        basedOn: 1,
        datedOn: "2026-02-25",
        texts: v1.texts,
        basis: [],
        recipients: [],
        responsibleIds: [],
      }),
    );
    await s.add(jpeg, { alt: "En senare bild." });
    const imagesOf = (r: typeof v1) => r.sections.flatMap((x) => x.parts.filter((p) => p.kind === "image"));
    const signed = await tx(database, (t) => readReport(t, s.m.id, s.reportId, all, 1));
    expect(imagesOf(signed)).toHaveLength(1);
    expect(imagesOf(signed)[0]).toMatchObject({ alt });
    const first = await tx(database, (t) => readReportDocument(t, s.m.id, s.reportId, all, 1));
    expect([...first.images.keys()]).toHaveLength(1);
    const draft = await tx(database, (t) => readReport(t, s.m.id, s.reportId, all));
    expect(imagesOf(draft).map((p) => (p as { alt: string }).alt)).toEqual([alt, "En senare bild."]);
  });

  it("takes an image out of the draft; the version signed with it keeps it, bytes and all", async () => {
    const s = await setUp();
    const first = await s.add(png);
    await tx(database, async (t) => {
      const r = await readReport(t, s.m.id, s.reportId, all);
      await signReport(t, s.m.system, s.reportId, { version: r.version, sha256: r.sha256 });
    });
    // While the latest version is signed, nothing can be taken out of it.
    const locked = await tx(database, (t) => removeReportImage(t, s.m.system, s.reportId, first.id)).catch(
      (e: unknown) => e,
    );
    expect((locked as DomainError).code).toBe("report_image_removal_version_signed");
    const v1 = await tx(database, (t) => readReport(t, s.m.id, s.reportId, all));
    await tx(database, (t) =>
      saveReportVersion(t, s.m.system, s.reportId, {
        basedOn: 1,
        datedOn: "2026-02-25",
        texts: v1.texts,
        basis: [],
        recipients: [],
        responsibleIds: [],
      }),
    );
    const second = await s.add(jpeg, { alt: "En senare bild." });
    await tx(database, (t) => removeReportImage(t, s.m.system, s.reportId, first.id));
    const alts = (r: typeof v1) =>
      r.sections.flatMap((x) => x.parts.flatMap((p) => (p.kind === "image" ? [p.alt] : [])));
    expect(alts(await tx(database, (t) => readReport(t, s.m.id, s.reportId, all)))).toEqual([
      "En senare bild.",
    ]);
    expect(alts(await tx(database, (t) => readReport(t, s.m.id, s.reportId, all, 1)))).toEqual([alt]);
    const signedDocument = await tx(database, (t) => readReportDocument(t, s.m.id, s.reportId, all, 1));
    expect([...signedDocument.images.keys()]).toEqual([first.sha256]);
    // Taken out twice, or an image of no report: not found, nothing written.
    const again = await tx(database, (t) => removeReportImage(t, s.m.system, s.reportId, first.id)).catch(
      (e: unknown) => e,
    );
    expect((again as DomainError).code).toBe("not_found");
    const [row] = await database.db
      .select()
      .from(officialReportImage)
      .where(eq(officialReportImage.id, second.id));
    expect(row!.removedAt).toBeNull();
    expect(await s.images()).toBe(2);
  });
});
