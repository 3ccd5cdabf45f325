import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { decisionCode } from "../domain/citation.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase, findRecord } from "../register/queries.js";
import { findDecidedParagraph } from "./find-decided-paragraph.js";
import type { DecisionReferenceInput } from "./schemas.js";
import { decisionReference } from "./tables.js";

/**
 * The reference for a body's decision on a day under a § number: the stored one when it exists, a new one
 * otherwise. § numbers run per body and year, so the same body, year and number with another date is a
 * contradiction and is refused (the seed's "26 september"/"9 oktober" cannot be written twice). `field` names
 * the form field group the errors belong to. The caller authorizes.
 */
export async function resolveDecisionReference(
  tx: Tx,
  actor: Actor,
  input: DecisionReferenceInput,
  field: string,
) {
  const body = await findBody(tx, actor.municipalityId, input.bodyId);
  if (!body) throw new DomainError("decision_body_not_found", {}, `${field}.bodyId`);
  if (input.caseId && !(await findCase(tx, actor.municipalityId, input.caseId)))
    throw new DomainError("case_not_found", {}, `${field}.caseId`);
  if (input.recordId && !(await findRecord(tx, actor.municipalityId, input.recordId)))
    throw new DomainError("record_not_found", {}, `${field}.recordId`);
  const year = Number(input.decidedOn.slice(0, 4));
  const number = input.paragraphNumber ?? null;
  const findExisting = async () => {
    const [row] = await tx
      .select()
      .from(decisionReference)
      .where(
        and(
          eq(decisionReference.municipalityId, actor.municipalityId),
          eq(decisionReference.bodyId, body.id),
          eq(decisionReference.decisionYear, year),
          number === null
            ? and(isNull(decisionReference.paragraphNumber), eq(decisionReference.decidedOn, input.decidedOn))
            : eq(decisionReference.paragraphNumber, number),
        ),
      );
    if (row && row.decidedOn !== input.decidedOn)
      throw new DomainError(
        "decision_reference_conflict",
        {
          code: decisionCode(body.shortName ?? body.name, row.decidedOn, row.paragraphNumber),
          year,
          number,
          body: body.name,
        },
        `${field}.decidedOn`,
      );
    return row;
  };
  const paragraphId = await findDecidedParagraph(
    tx,
    { bodyId: body.id, year, number, decidedOn: input.decidedOn },
    field,
  );
  const existing = await findExisting();
  if (existing && paragraphId && existing.paragraphId !== paragraphId) {
    // Cited before its minutes were in Paragraf: the reference becomes a link now.
    const [linked] = await tx
      .update(decisionReference)
      .set({ paragraphId })
      .where(eq(decisionReference.id, existing.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "decision_reference.linked",
      recordType: "decision_reference",
      recordId: existing.id,
      before: existing,
      after: linked,
    });
    return linked!;
  }
  if (existing) return existing;
  // Two transactions citing the same new decision at once: the second waits for the first, inserts nothing, and
  // then finds the first one's row.
  const [created] = await tx
    .insert(decisionReference)
    .values({
      municipalityId: actor.municipalityId,
      bodyId: body.id,
      decidedOn: input.decidedOn,
      decisionYear: year,
      paragraphNumber: number,
      paragraphId,
      caseId: input.caseId ?? null,
      recordId: input.recordId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return (await findExisting())!;
  await recordAudit(tx, actor, {
    action: "decision_reference.created",
    recordType: "decision_reference",
    recordId: created!.id,
    after: created,
  });
  return created!;
}
