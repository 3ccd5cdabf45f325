import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findPerson } from "../organisation/queries.js";
import { meetingForWrite } from "./guards.js";
import { listAttendance, membershipsOn } from "./queries.js";
import type { AttendanceInput } from "./schemas.js";
import { attendance } from "./tables.js";

const seatRoles = new Set(["chair", "vice_chair", "member"]);

/**
 * Records one person at a meeting: a member, a substitute serving in a named member's place, a substitute not
 * serving, an official or someone else. Serving substitutes count for quorum (L2). KL 5 kap. 46 § (check), 6 kap. 27 §
 */
export async function recordAttendance(tx: Tx, actor: Actor, meetingId: string, input: AttendanceInput) {
  const { meeting: m, body: b } = await meetingForWrite(tx, actor, meetingId);
  if (m.status === "closed") throw new DomainError("meeting_closed");
  const who = await findPerson(tx, actor.municipalityId, input.personId);
  if (!who) throw new DomainError("person_not_found", {}, "personId");
  const present = await listAttendance(tx, m.id);
  if (present.some((r) => r.personId === who.id))
    throw new DomainError("already_attending", { person: who.name }, "personId");
  const seats = await membershipsOn(tx, b.id, m.heldOn);
  const roles = new Set(seats.filter((s) => s.personId === who.id).map((s) => s.role));
  const hasSeat = [...roles].some((r) => seatRoles.has(r));
  if (input.capacity === "member" && !hasSeat)
    throw new DomainError(
      "not_eligible_to_attend",
      { person: who.name, as: "ledamot", body: b.name },
      "personId",
    );
  if (
    (input.capacity === "serving_substitute" || input.capacity === "substitute") &&
    !roles.has("substitute")
  )
    throw new DomainError(
      "not_eligible_to_attend",
      { person: who.name, as: "ersättare", body: b.name },
      "personId",
    );
  let replaces: string | null = null;
  if (input.capacity === "serving_substitute") {
    const replaced = input.replacesPersonId
      ? await findPerson(tx, actor.municipalityId, input.replacesPersonId)
      : null;
    if (!replaced) throw new DomainError("person_not_found", {}, "replacesPersonId");
    if (!seats.some((s) => s.personId === replaced.id && seatRoles.has(s.role)))
      throw new DomainError("replaced_not_member", { person: replaced.name }, "replacesPersonId");
    if (present.some((r) => r.personId === replaced.id && r.capacity === "member"))
      throw new DomainError("replaced_member_present", { person: replaced.name }, "replacesPersonId");
    if (present.some((r) => r.replacesPersonId === replaced.id))
      throw new DomainError("replaced_twice", { person: replaced.name }, "replacesPersonId");
    replaces = replaced.id;
  }
  if (input.presides && present.some((r) => r.presides))
    throw new DomainError("presiding_twice", {}, "presides");
  const [created] = await tx
    .insert(attendance)
    .values({
      meetingId: m.id,
      personId: who.id,
      capacity: input.capacity,
      presides: input.capacity === "member" && (input.presides ?? false),
      replacesPersonId: replaces,
      fromPosition: input.fromPosition ?? null,
      toPosition: input.toPosition ?? null,
      note: input.note ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "attendance.recorded",
    recordType: "meeting",
    recordId: m.id,
    after: created,
  });
  return created!;
}
