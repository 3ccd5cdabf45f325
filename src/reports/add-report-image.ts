import { createHash } from "node:crypto";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { inspectImage } from "./image.js";
import { findTemplate, lockLatestVersion, lockReport } from "./queries.js";
import type { AddReportImageInput } from "./schemas.js";
import { isWritten } from "./sections.js";
import { officialReportImage } from "./tables.js";

/**
 * Adds an image to a written section of an official report, with its alternative text: PNG or JPEG as the bytes
 * say, at most 5 MB, while the latest version is a draft. Every check runs before the one write, so a refused image writes nothing. The image shows in
 * every version not yet signed, so the next signer signs it with the rest (its SHA-256 is in the content hash).
 */
export async function addReportImage(tx: Tx, actor: Actor, reportId: string, input: AddReportImageInput) {
  const report = await lockReport(tx, actor.municipalityId, reportId);
  if (!report) throw new NotFoundError("report");
  const owner = await findCase(tx, actor.municipalityId, report.caseId);
  if (!owner) throw new NotFoundError("report");
  authorize(actor, "case:handle", owner.responsibleBodyId);
  // A signed version is locked; the image belongs with the next version's text.
  const latest = await lockLatestVersion(tx, report.id);
  if (latest?.signedAt)
    throw new DomainError("report_image_version_signed", { version: latest.version }, "file");
  const alt = input.alt.trim();
  if (!alt) throw new DomainError("report_image_alt_missing", {}, "alt");
  const template = (await findTemplate(tx, actor.municipalityId, report.templateId))!.sections;
  const section = template.find((s) => s.kind === input.section);
  if (!section || !isWritten(section.kind))
    throw new DomainError("report_section_not_in_template", { kind: input.section }, "section");
  const bytes = Buffer.from(input.contentBase64, "base64");
  const image = await inspectImage(bytes);
  const [created] = await tx
    .insert(officialReportImage)
    .values({
      reportId: report.id,
      sectionKind: section.kind,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      ...image,
      alt,
      data: bytes,
      addedBy: actor.label,
    })
    .returning({
      id: officialReportImage.id,
      sha256: officialReportImage.sha256,
      mediaType: officialReportImage.mediaType,
      width: officialReportImage.width,
      height: officialReportImage.height,
    });
  await recordAudit(tx, actor, {
    action: "report.image_added",
    recordType: "official_report",
    recordId: report.id,
    after: { ...created, section: section.kind, alt, bytes: bytes.byteLength },
  });
  return created!;
}
