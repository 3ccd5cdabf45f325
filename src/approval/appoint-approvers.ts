import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingForWrite } from "../meetings/guards.js";
import { findPersonsByIds, listAttendance } from "../meetings/queries.js";
import { meeting } from "../meetings/tables.js";
import { findArrangement, listVersionsOfScope } from "./queries.js";
import type { AppointApproversInput } from "./schemas.js";
import { approvalArrangement, approver } from "./tables.js";

/**
 * Appoints the chair who signs, the approvers (justerare, among the members and serving substitutes who served)
 * and the time and place of approval. KL 5 kap. 69 § (check)
 */
export async function appointApprovers(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  input: AppointApproversInput,
) {
  const { meeting: m } = await meetingForWrite(tx, actor, meetingId);
  const current = (await listVersionsOfScope(tx, m.id, null)).find(
    (v) => v.status === "signing" || v.status === "approved",
  );
  if (current) throw new DomainError("approval_locked_arrangement");
  const served = new Set(
    (await listAttendance(tx, m.id))
      .filter((a) => a.capacity === "member" || a.capacity === "serving_substitute")
      .map((a) => a.personId),
  );
  const ids = [...new Set(input.approverIds)];
  const persons = new Map(
    (await findPersonsByIds(tx, actor.municipalityId, [input.chairId, ...ids])).map((p) => [p.id, p]),
  );
  const name = (id: string) => persons.get(id)?.name ?? "Personen";
  if (!served.has(input.chairId))
    throw new DomainError("chair_not_served", { person: name(input.chairId) }, "chairId");
  for (const id of ids) {
    if (id === input.chairId) throw new DomainError("approver_is_chair", {}, "approverIds");
    if (!served.has(id)) throw new DomainError("approver_not_served", { person: name(id) }, "approverIds");
  }
  const before = await findArrangement(tx, m.id);
  const values = {
    meetingId: m.id,
    municipalityId: actor.municipalityId,
    chairPersonId: input.chairId,
    place: input.place,
    minutesKeptAt: input.minutesKeptAt,
    illustrative: input.illustrative ?? false,
    updatedAt: new Date(),
  };
  const [after] = await tx
    .insert(approvalArrangement)
    .values(values)
    .onConflictDoUpdate({ target: approvalArrangement.meetingId, set: values })
    .returning();
  await tx.delete(approver).where(eq(approver.meetingId, m.id));
  await tx
    .insert(approver)
    .values(ids.map((personId, i) => ({ meetingId: m.id, personId, position: i + 1 })));
  await tx
    .update(meeting)
    .set({ approvalAt: input.approvalAt, updatedAt: new Date() })
    .where(eq(meeting.id, m.id));
  await recordAudit(tx, actor, {
    action: "approval.appointed",
    recordType: "meeting",
    recordId: m.id,
    before,
    after: { ...after, approverIds: ids, approvalAt: input.approvalAt },
  });
  return after!;
}
