import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findPerson } from "../organisation/queries.js";
import { meetingForWrite } from "./guards.js";
import { findAgendaItem, listAttendance, listDisqualifications } from "./queries.js";
import type { DisqualificationInput } from "./schemas.js";
import { servingOnItem } from "./serving.js";
import { disqualification } from "./tables.js";

/**
 * Records that a member is disqualified (jäv) from one item, and the substitute who serves for that item only
 * (L4). KL 5 kap. 47–48 §§, 6 kap. 28–32 §§ (check)
 */
export async function recordDisqualification(tx: Tx, actor: Actor, input: DisqualificationInput) {
  const item = await findAgendaItem(tx, actor.municipalityId, input.agendaItemId);
  if (!item) throw new DomainError("agenda_item_not_found", {}, "agendaItemId");
  const { meeting: m } = await meetingForWrite(tx, actor, item.meetingId);
  if (m.status === "closed") throw new DomainError("meeting_closed");
  const who = await findPerson(tx, actor.municipalityId, input.personId);
  if (!who) throw new DomainError("person_not_found", {}, "personId");
  const existing = await listDisqualifications(tx, [item.id]);
  if (existing.some((d) => d.personId === who.id))
    throw new DomainError("already_disqualified", { person: who.name }, "personId");
  const serving = await servingOnItem(tx, m, item);
  if (!serving.named.has(who.id))
    throw new DomainError("disqualified_not_serving", { person: who.name }, "personId");
  if (input.substitutePersonId) {
    const sub = await findPerson(tx, actor.municipalityId, input.substitutePersonId);
    if (!sub) throw new DomainError("person_not_found", {}, "substitutePersonId");
    const row = (await listAttendance(tx, m.id)).find((r) => r.personId === sub.id);
    if (row?.capacity !== "substitute" || serving.named.has(sub.id))
      throw new DomainError("substitute_not_available", { person: sub.name }, "substitutePersonId");
  }
  const [created] = await tx
    .insert(disqualification)
    .values({
      agendaItemId: item.id,
      personId: who.id,
      reason: input.reason,
      substitutePersonId: input.substitutePersonId ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "disqualification.recorded",
    recordType: "agenda_item",
    recordId: item.id,
    after: created,
  });
  return created!;
}
