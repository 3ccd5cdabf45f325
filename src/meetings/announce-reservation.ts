import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { mayReserve, reservationAnnouncedInTime } from "../domain/law/participation.js";
import { findParty, findPerson } from "../organisation/queries.js";
import { momentOf, nextPosition, paragraphForWrite } from "./guards.js";
import { findPersonsByIds, listBallots, listMotions, listReservations, listVotes } from "./queries.js";
import type { ReservationInput } from "./schemas.js";
import { servingOnItem } from "./serving.js";
import { reservation } from "./tables.js";

/**
 * Records a reservation announced at the meeting, by a named member or by a party's members as a group. Only a
 * member who took part in the decision may reserve, and only before the meeting closes (L8). KL 4 kap. 27 § (check)
 */
export async function announceReservation(tx: Tx, actor: Actor, input: ReservationInput) {
  const { paragraph: p, meeting: m, item } = await paragraphForWrite(tx, actor, input.paragraphId);
  if (!m.openedAt) throw new DomainError("meeting_not_open");
  const at = momentOf(input.announcedAt);
  if (!reservationAnnouncedInTime(at, m.closedAt))
    throw new DomainError("reservation_after_close", {}, "announcedAt");
  const motions = await listMotions(tx, p.id);
  for (const field of ["againstMotionId", "forMotionId"] as const) {
    const id = input[field];
    if (id && !motions.some((x) => x.id === id)) throw new DomainError("motion_not_found", {}, field);
  }
  const serving = await servingOnItem(tx, m, item);
  const ballots = await listBallots(
    tx,
    (await listVotes(tx, p.id)).map((v) => v.id),
  );
  const tookPart = (personId: string) =>
    mayReserve({
      served: serving.named.has(personId),
      abstained: ballots.some((x) => x.personId === personId && x.choice === "abstain"),
    });
  const existing = await listReservations(tx, [p.id]);

  let partyId: string;
  let personId: string | null = null;
  if (input.personId) {
    const who = await findPerson(tx, actor.municipalityId, input.personId);
    if (!who) throw new DomainError("person_not_found", {}, "personId");
    if (!tookPart(who.id))
      throw new DomainError("reservation_not_participant", { person: who.name }, "personId");
    if (existing.some((r) => r.personId === who.id))
      throw new DomainError("reservation_exists", {}, "personId");
    const party = who.partyId ?? input.partyId;
    if (!party) throw new DomainError("party_not_found", {}, "partyId");
    partyId = party;
    personId = who.id;
  } else {
    const party = await findParty(tx, actor.municipalityId, input.partyId!);
    if (!party) throw new DomainError("party_not_found", {}, "partyId");
    const members = await findPersonsByIds(tx, actor.municipalityId, [...serving.named]);
    const named = members.some((x) => x.partyId === party.id && tookPart(x.id));
    if (!named && !serving.hasUnnamed)
      throw new DomainError("reservation_party_not_participant", { party: party.abbreviation }, "partyId");
    if (existing.some((r) => r.partyId === party.id && r.personId === null))
      throw new DomainError("reservation_exists", {}, "partyId");
    partyId = party.id;
  }
  const [created] = await tx
    .insert(reservation)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, reservation, p.id),
      partyId,
      personId,
      againstMotionId: input.againstMotionId ?? null,
      forMotionId: input.forMotionId ?? null,
      announcedAt: at,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: "reservation.announced",
    recordType: "paragraph",
    recordId: p.id,
    after: created,
  });
  return created!;
}
