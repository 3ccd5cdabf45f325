import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findParty, findPartyByAbbreviation } from "./queries.js";
import type { PartyInput } from "./schemas.js";
import { party } from "./tables.js";

async function checkAbbreviationFree(
  tx: Tx,
  municipalityId: string,
  abbreviation: string,
  exceptId?: string,
) {
  const existing = await findPartyByAbbreviation(tx, municipalityId, abbreviation);
  if (existing && existing.id !== exceptId)
    throw new DomainError("abbreviation_taken", { abbreviation }, "abbreviation");
}

/** Creates a party; its abbreviation (S, M, L …) is unique in the municipality. */
export async function createParty(tx: Tx, actor: Actor, input: PartyInput) {
  authorize(actor, "organisation:write");
  await checkAbbreviationFree(tx, actor.municipalityId, input.abbreviation);
  const [created] = await tx
    .insert(party)
    .values({ municipalityId: actor.municipalityId, name: input.name, abbreviation: input.abbreviation })
    .returning();
  await recordAudit(tx, actor, {
    action: "party.created",
    recordType: "party",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes a party's name or abbreviation. */
export async function updateParty(tx: Tx, actor: Actor, id: string, input: Partial<PartyInput>) {
  authorize(actor, "organisation:write");
  const before = await findParty(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("party");
  if (input.abbreviation) await checkAbbreviationFree(tx, actor.municipalityId, input.abbreviation, id);
  const [after] = await tx
    .update(party)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(party.id, id))
    .returning();
  await recordAudit(tx, actor, { action: "party.updated", recordType: "party", recordId: id, before, after });
  return after!;
}

/** Soft-deletes a party; its members keep their history. */
export async function deleteParty(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findParty(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("party");
  await tx.update(party).set({ deletedAt: new Date() }).where(eq(party.id, id));
  await recordAudit(tx, actor, { action: "party.deleted", recordType: "party", recordId: id, before });
}
