import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findBody, findMembership, findPerson } from "./queries.js";
import type { MembershipInput } from "./schemas.js";
import { membership } from "./tables.js";

function checkTerm(startsOn: string, endsOn: string | null | undefined) {
  if (endsOn && endsOn < startsOn)
    throw new DomainError("term_ends_before_start", { startsOn, endsOn }, "endsOn");
}

/** Gives a person a seat (or the chair) in a body for a term. */
export async function addMembership(tx: Tx, actor: Actor, input: MembershipInput) {
  authorize(actor, "organisation:write");
  if (!(await findPerson(tx, actor.municipalityId, input.personId)))
    throw new DomainError("person_not_found", {}, "personId");
  if (!(await findBody(tx, actor.municipalityId, input.bodyId)))
    throw new DomainError("body_not_found", {}, "bodyId");
  checkTerm(input.startsOn, input.endsOn);
  const [created] = await tx
    .insert(membership)
    .values({
      municipalityId: actor.municipalityId,
      personId: input.personId,
      bodyId: input.bodyId,
      role: input.role,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "membership.created",
    recordType: "membership",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes a membership's role or term (ending a term is setting its last day). */
export async function updateMembership(
  tx: Tx,
  actor: Actor,
  id: string,
  input: Partial<Pick<MembershipInput, "role" | "startsOn" | "endsOn">>,
) {
  authorize(actor, "organisation:write");
  const before = await findMembership(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("membership");
  checkTerm(input.startsOn ?? before.startsOn, input.endsOn === undefined ? before.endsOn : input.endsOn);
  const [after] = await tx
    .update(membership)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(membership.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "membership.updated",
    recordType: "membership",
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** Removes a membership recorded by mistake (a term that ended is ended with updateMembership instead). */
export async function deleteMembership(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findMembership(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("membership");
  await tx.update(membership).set({ deletedAt: new Date() }).where(eq(membership.id, id));
  await recordAudit(tx, actor, {
    action: "membership.deleted",
    recordType: "membership",
    recordId: id,
    before,
  });
}
