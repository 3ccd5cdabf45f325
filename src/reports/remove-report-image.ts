import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { lockLatestVersion, lockReport } from "./queries.js";
import { officialReportImage } from "./tables.js";

/**
 * Takes an image out of an official report while its latest version is a draft. The image is marked, not deleted:
 * a version signed with it keeps showing it (its signed content names the image, its documents embed the bytes), and
 * only the versions not yet signed leave it out.
 */
export async function removeReportImage(tx: Tx, actor: Actor, reportId: string, imageId: string) {
  const report = await lockReport(tx, actor.municipalityId, reportId);
  if (!report) throw new NotFoundError("report");
  const owner = await findCase(tx, actor.municipalityId, report.caseId);
  if (!owner) throw new NotFoundError("report");
  authorize(actor, "case:handle", owner.responsibleBodyId);
  const latest = await lockLatestVersion(tx, report.id);
  if (latest?.signedAt)
    throw new DomainError("report_image_removal_version_signed", { version: latest.version }, "image");
  const [removed] = await tx
    .update(officialReportImage)
    .set({ removedAt: new Date(), removedBy: actor.label })
    .where(
      and(
        eq(officialReportImage.reportId, report.id),
        eq(officialReportImage.id, imageId),
        isNull(officialReportImage.removedAt),
      ),
    )
    .returning({
      id: officialReportImage.id,
      section: officialReportImage.sectionKind,
      sha256: officialReportImage.sha256,
      alt: officialReportImage.alt,
    });
  if (!removed) throw new NotFoundError("report_image");
  await recordAudit(tx, actor, {
    action: "report.image_removed",
    recordType: "official_report",
    recordId: report.id,
    before: removed,
  });
  return removed;
}
