import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findParty, findPerson } from "./queries.js";
import type { PersonInput } from "./schemas.js";
import { membership, official, person } from "./tables.js";

async function checkParty(tx: Tx, municipalityId: string, partyId: string | null | undefined) {
  if (partyId && !(await findParty(tx, municipalityId, partyId)))
    throw new DomainError("party_not_found", {}, "partyId");
}

/** Creates a person: an elected member with a party, or an official. */
export async function createPerson(tx: Tx, actor: Actor, input: PersonInput) {
  authorize(actor, "organisation:write");
  await checkParty(tx, actor.municipalityId, input.partyId);
  const [created] = await tx
    .insert(person)
    .values({
      municipalityId: actor.municipalityId,
      name: input.name,
      email: input.email ?? null,
      partyId: input.partyId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "person.created",
    recordType: "person",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes a person's name, e-mail or party. */
export async function updatePerson(tx: Tx, actor: Actor, id: string, input: Partial<PersonInput>) {
  authorize(actor, "organisation:write");
  const before = await findPerson(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("person");
  if (input.partyId !== undefined) await checkParty(tx, actor.municipalityId, input.partyId);
  const [after] = await tx
    .update(person)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(person.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "person.updated",
    recordType: "person",
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** Soft-deletes a person with their memberships and official posts. */
export async function deletePerson(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findPerson(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("person");
  const now = new Date();
  await tx.update(person).set({ deletedAt: now }).where(eq(person.id, id));
  await tx
    .update(membership)
    .set({ deletedAt: now })
    .where(and(eq(membership.personId, id), isNull(membership.deletedAt)));
  await tx
    .update(official)
    .set({ deletedAt: now })
    .where(and(eq(official.personId, id), isNull(official.deletedAt)));
  await recordAudit(tx, actor, { action: "person.deleted", recordType: "person", recordId: id, before });
}
