import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { record } from "../register/tables.js";
import { countBodies, countPersons } from "./queries.js";
import type { DraftReportInput } from "./schemas.js";
import { isWritten, type TemplateSection } from "./sections.js";
import {
  officialReportBasis,
  officialReportRecipient,
  officialReportResponsible,
  officialReportVersion,
} from "./tables.js";

type Content = Pick<DraftReportInput, "datedOn" | "texts" | "basis" | "recipients" | "responsibleIds">;

/**
 * Checks a version's content against its template and the register, then writes it as the given version number.
 * Every check runs before the first write, so a refused version writes nothing.
 */
export async function writeVersion(
  tx: Tx,
  actor: Actor,
  report: { id: string; caseId: string },
  template: TemplateSection[],
  version: number,
  content: Content,
) {
  for (const [kind, text] of Object.entries(content.texts)) {
    const section = template.find((s) => s.kind === kind);
    if (!section || !isWritten(section.kind))
      throw new DomainError("report_section_not_in_template", { kind }, `texts.${kind}`);
    if (section.maxLength !== undefined && text.length > section.maxLength)
      throw new DomainError(
        "report_section_too_long",
        { heading: section.heading, max: section.maxLength, length: text.length },
        `texts.${kind}`,
      );
  }
  const recordIds = [...new Set(content.basis.map((b) => b.recordId))];
  if (recordIds.length > 0) {
    const found = await tx
      .select({ id: record.id })
      .from(record)
      .where(and(eq(record.municipalityId, actor.municipalityId), inArray(record.id, recordIds)));
    if (found.length !== recordIds.length) throw new DomainError("report_record_not_found", {}, "basis");
  }
  const bodyIds = content.recipients.flatMap((r) => (r.bodyId ? [r.bodyId] : []));
  if ((await countBodies(tx, actor.municipalityId, bodyIds)) !== new Set(bodyIds).size)
    throw new DomainError("report_reference_not_found", {}, "recipients");
  if (
    (await countPersons(tx, actor.municipalityId, content.responsibleIds)) !==
    new Set(content.responsibleIds).size
  )
    throw new DomainError("report_reference_not_found", {}, "responsibleIds");

  const [row] = await tx
    .insert(officialReportVersion)
    .values({
      reportId: report.id,
      version,
      datedOn: content.datedOn,
      texts: content.texts,
      writtenBy: actor.label,
    })
    .returning();
  if (content.basis.length > 0)
    await tx.insert(officialReportBasis).values(
      content.basis.map((b, i) => ({
        versionId: row!.id,
        position: i + 1,
        recordId: b.recordId,
        paragraphId: b.paragraphId ?? null,
      })),
    );
  if (content.recipients.length > 0)
    await tx.insert(officialReportRecipient).values(
      content.recipients.map((r, i) => ({
        versionId: row!.id,
        position: i + 1,
        bodyId: r.bodyId ?? null,
        label: r.label ?? null,
      })),
    );
  if (content.responsibleIds.length > 0)
    await tx
      .insert(officialReportResponsible)
      .values(
        content.responsibleIds.map((personId, i) => ({ versionId: row!.id, position: i + 1, personId })),
      );
  return row!;
}
