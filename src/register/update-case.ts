import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findBody, findPerson } from "../organisation/queries.js";
import { findCase, lockCase } from "./queries.js";
import type { CaseUpdate } from "./schemas.js";
import { registerCase } from "./tables.js";

/** Changes a case's title, responsible body, officer, origin or secrecy marking; the number stays. Audited. */
export async function updateCase(tx: Tx, actor: Actor, id: string, input: CaseUpdate) {
  // Locked first: a concurrent change of the same case waits here and then sees what this one wrote.
  const before = await lockCase(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("case");
  authorize(actor, "register:write", before.responsibleBodyId);
  if (input.responsibleBodyId !== undefined && input.responsibleBodyId !== before.responsibleBodyId) {
    // Moving a case to another body needs the right in the body it moves to as well.
    authorize(actor, "register:write", input.responsibleBodyId);
    if (input.responsibleBodyId && !(await findBody(tx, actor.municipalityId, input.responsibleBodyId)))
      throw new DomainError("body_not_found", {}, "responsibleBodyId");
  }
  if (input.caseOfficerId && !(await findPerson(tx, actor.municipalityId, input.caseOfficerId)))
    throw new DomainError("person_not_found", {}, "caseOfficerId");
  if (input.originCaseId) {
    if (input.originCaseId === id) throw new DomainError("case_own_origin", {}, "originCaseId");
    if (!(await findCase(tx, actor.municipalityId, input.originCaseId)))
      throw new DomainError("case_not_found", {}, "originCaseId");
  }
  const secrecy = input.secrecy === undefined ? undefined : input.secrecy;
  if (secrecy && !(await findBody(tx, actor.municipalityId, secrecy.markedById)))
    throw new DomainError("body_not_found", {}, "secrecy.markedById");
  const publicTitle = input.publicTitle === undefined ? before.publicTitle : input.publicTitle;
  const secret = secrecy === undefined ? before.secrecyProvision !== null : secrecy !== null;
  if (secret && !publicTitle) throw new DomainError("secret_case_needs_public_title", {}, "publicTitle");
  const [after] = await tx
    .update(registerCase)
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.publicTitle !== undefined ? { publicTitle: input.publicTitle } : {}),
      ...(input.responsibleBodyId !== undefined ? { responsibleBodyId: input.responsibleBodyId } : {}),
      ...(input.caseOfficerId !== undefined ? { caseOfficerId: input.caseOfficerId } : {}),
      ...(input.originCaseId !== undefined ? { originCaseId: input.originCaseId } : {}),
      ...(secrecy !== undefined
        ? {
            secrecyProvision: secrecy?.provision ?? null,
            secrecyMarkedOn: secrecy?.markedOn ?? null,
            secrecyMarkedById: secrecy?.markedById ?? null,
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(registerCase.id, id))
    .returning();
  await recordAudit(tx, actor, { action: "case.updated", recordType: "case", recordId: id, before, after });
  return after!;
}
