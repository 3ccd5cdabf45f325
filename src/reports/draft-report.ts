import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { countBodies, countPersons, findTemplateFor } from "./queries.js";
import type { DraftReportInput } from "./schemas.js";
import { officialReport } from "./tables.js";
import { writeVersion } from "./write-version.js";

/** Starts an official report in a case (M5) with its first version, under the body's template or the municipality's. */
export async function draftReport(tx: Tx, actor: Actor, input: DraftReportInput) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  authorize(actor, "case:handle", owner.responsibleBodyId);
  if (owner.status === "closed") throw new DomainError("case_closed", { number: owner.number }, "caseId");
  if ((await countBodies(tx, actor.municipalityId, [input.administrationId])) !== 1)
    throw new DomainError("report_reference_not_found", {}, "administrationId");
  if ((await countPersons(tx, actor.municipalityId, [input.referencePersonId])) !== 1)
    throw new DomainError("report_reference_not_found", {}, "referencePersonId");
  const template = await findTemplateFor(tx, actor.municipalityId, input.bodyId ?? null);
  if (!template) throw new DomainError("report_template_missing", {}, "bodyId");
  const [report] = await tx
    .insert(officialReport)
    .values({
      municipalityId: actor.municipalityId,
      caseId: owner.id,
      templateId: template.id,
      administrationId: input.administrationId,
      referencePersonId: input.referencePersonId,
      title: input.title,
    })
    .returning();
  const version = await writeVersion(tx, actor, report!, template.sections, 1, input);
  await recordAudit(tx, actor, {
    action: "report.drafted",
    recordType: "official_report",
    recordId: report!.id,
    before: null,
    after: { report, version },
  });
  return { report: report!, version };
}
