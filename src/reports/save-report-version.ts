import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { findTemplate, lockLatestVersion, lockReport } from "./queries.js";
import type { SaveVersionInput } from "./schemas.js";
import { writeVersion } from "./write-version.js";

/**
 * Saves a new version of an official report. Earlier versions stay as they were, signed or not; a writer who started
 * from an older version than the latest is refused rather than overwriting what someone else saved.
 */
export async function saveReportVersion(tx: Tx, actor: Actor, reportId: string, input: SaveVersionInput) {
  const report = await lockReport(tx, actor.municipalityId, reportId);
  if (!report) throw new NotFoundError("report");
  const owner = await findCase(tx, actor.municipalityId, report.caseId);
  authorize(actor, "case:handle", owner?.responsibleBodyId ?? null);
  const latest = await lockLatestVersion(tx, report.id);
  if (!latest || latest.version !== input.basedOn)
    throw new DomainError("report_version_changed", { current: latest?.version ?? 0 }, "basedOn");
  const template = await findTemplate(tx, actor.municipalityId, report.templateId);
  const version = await writeVersion(tx, actor, report, template!.sections, latest.version + 1, input);
  await recordAudit(tx, actor, {
    action: "report.version_saved",
    recordType: "official_report",
    recordId: report.id,
    before: { version: latest.version },
    after: version,
  });
  return version;
}
