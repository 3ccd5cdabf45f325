import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase, findCaseByNumber } from "../register/queries.js";
import { resolveDecisionReference } from "./resolve-decision-reference.js";
import type { AssignmentInput } from "./schemas.js";
import { assignment } from "./tables.js";

/**
 * Records an assignment a decision gives a body (KL 6 kap. 4 §: the board and the committees carry out the
 * council's decisions). One decision may give several: each call with the same decision reuses its reference.
 */
export async function giveAssignment(tx: Tx, actor: Actor, input: AssignmentInput) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  authorize(actor, "assignment:write", owner.responsibleBodyId);
  if (!(await findBody(tx, actor.municipalityId, input.bodyId)))
    throw new DomainError("body_not_found", {}, "bodyId");
  if (input.deadline && input.deadline < input.givenBy.decidedOn)
    throw new DomainError("deadline_before_decision", { date: input.givenBy.decidedOn }, "deadline");
  const givenBy = await resolveDecisionReference(tx, actor, input.givenBy, "givenBy");
  const [created] = await tx
    .insert(assignment)
    .values({
      municipalityId: actor.municipalityId,
      caseId: owner.id,
      givenById: givenBy.id,
      bodyId: input.bodyId,
      text: input.text,
      deadline: input.deadline ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "assignment.given",
    recordType: "assignment",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** The same, for a case named by its diarium number as a person types it ("STK-2024-1374"). */
export async function giveAssignmentInCase(
  tx: Tx,
  actor: Actor,
  caseNumber: string,
  input: Omit<AssignmentInput, "caseId">,
) {
  const owner = await findCaseByNumber(tx, actor.municipalityId, caseNumber);
  if (!owner) throw new DomainError("case_not_found", {}, "caseNumber");
  return giveAssignment(tx, actor, { ...input, caseId: owner.id });
}
