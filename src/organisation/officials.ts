import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { isOffice } from "../domain/bodies.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findBody, findOfficial, findPerson } from "./queries.js";
import type { OfficialInput } from "./schemas.js";
import { official } from "./tables.js";

/** Records that a person works at an administration, department or unit, with a title. */
export async function addOfficial(tx: Tx, actor: Actor, input: OfficialInput) {
  authorize(actor, "organisation:write");
  if (!(await findPerson(tx, actor.municipalityId, input.personId)))
    throw new DomainError("person_not_found", {}, "personId");
  const workplace = await findBody(tx, actor.municipalityId, input.bodyId);
  if (!workplace) throw new DomainError("body_not_found", {}, "bodyId");
  if (!isOffice(workplace.kind)) throw new DomainError("official_needs_administration", {}, "bodyId");
  const [created] = await tx
    .insert(official)
    .values({
      municipalityId: actor.municipalityId,
      personId: input.personId,
      bodyId: input.bodyId,
      title: input.title,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "official.created",
    recordType: "official",
    recordId: created!.id,
    after: created,
  });
  return created!;
}

/** Changes an official's title. */
export async function updateOfficial(
  tx: Tx,
  actor: Actor,
  id: string,
  input: Partial<Pick<OfficialInput, "title">>,
) {
  authorize(actor, "organisation:write");
  const before = await findOfficial(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("official");
  const [after] = await tx
    .update(official)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(official.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "official.updated",
    recordType: "official",
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** Ends an official's post. */
export async function deleteOfficial(tx: Tx, actor: Actor, id: string) {
  authorize(actor, "organisation:write");
  const before = await findOfficial(tx, actor.municipalityId, id);
  if (!before) throw new NotFoundError("official");
  await tx.update(official).set({ deletedAt: new Date() }).where(eq(official.id, id));
  await recordAudit(tx, actor, { action: "official.deleted", recordType: "official", recordId: id, before });
}
