import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "./queries.js";
import type { RelateCaseInput } from "./schemas.js";
import { caseRelation } from "./tables.js";

/** Records that two cases are related; the relation is shown on both cases' pages. */
export async function relateCases(tx: Tx, actor: Actor, caseId: string, input: RelateCaseInput) {
  const owner = await findCase(tx, actor.municipalityId, caseId);
  if (!owner) throw new NotFoundError("case");
  authorize(actor, "register:write", owner.responsibleBodyId);
  if (input.relatedCaseId === caseId) throw new DomainError("case_related_to_itself", {}, "relatedCaseId");
  const other = await findCase(tx, actor.municipalityId, input.relatedCaseId);
  if (!other) throw new DomainError("case_not_found", {}, "relatedCaseId");
  // Stored once, in a fixed order, so that A–B and B–A are the same relation.
  const [first, second] = [owner.id, other.id].sort() as [string, string];
  const inserted = await tx
    .insert(caseRelation)
    .values({ caseId: first, relatedCaseId: second })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) throw new DomainError("cases_already_related", { number: other.number });
  await recordAudit(tx, actor, {
    action: "case.related",
    recordType: "case",
    recordId: owner.id,
    after: { relatedCaseId: other.id, relatedNumber: other.number },
  });
  return { caseId: owner.id, relatedCaseId: other.id };
}
