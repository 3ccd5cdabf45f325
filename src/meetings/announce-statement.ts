import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { reservationAnnouncedInTime, writtenInTime } from "../domain/law/participation.js";
import { momentOf, nextPosition, paragraphForWrite } from "./guards.js";
import { findPartiesByIds, findPersonsByIds, listAttendance } from "./queries.js";
import type { StatementInput } from "./schemas.js";
import { statement, statementParty, statementPerson } from "./tables.js";

/**
 * Records a special statement or protocol note announced at the meeting, by named persons present and/or by
 * parties, with its written text when it is handed in. Not in the law: the chair allows them, and local practice
 * sets the deadlines of L8 (L9).
 */
export async function announceStatement(tx: Tx, actor: Actor, input: StatementInput) {
  const { paragraph: p, meeting: m } = await paragraphForWrite(tx, actor, input.paragraphId);
  if (!m.openedAt) throw new DomainError("meeting_not_open");
  const at = momentOf(input.announcedAt);
  if (!reservationAnnouncedInTime(at, m.closedAt))
    throw new DomainError("statement_after_close", {}, "announcedAt");
  const announcerIds = [...new Set(input.announcerIds ?? [])];
  const signatoryIds = [...new Set(input.signatoryIds ?? [])];
  const persons = await findPersonsByIds(tx, actor.municipalityId, [...announcerIds, ...signatoryIds]);
  const present = new Set(
    (await listAttendance(tx, m.id))
      .filter((r) => r.capacity !== "official" && r.capacity !== "other")
      .map((r) => r.personId),
  );
  for (const id of announcerIds) {
    const who = persons.find((x) => x.id === id);
    if (!who) throw new DomainError("person_not_found", {}, "announcerIds");
    if (!present.has(id))
      throw new DomainError("statement_author_absent", { person: who.name }, "announcerIds");
  }
  if (signatoryIds.some((id) => !persons.some((x) => x.id === id)))
    throw new DomainError("person_not_found", {}, "signatoryIds");
  const partyIds = [
    ...new Set([
      ...announcerIds.flatMap((id) => {
        const party = persons.find((x) => x.id === id)?.partyId;
        return party ? [party] : [];
      }),
      ...(input.partyIds ?? []),
    ]),
  ];
  if ((await findPartiesByIds(tx, actor.municipalityId, partyIds)).length !== partyIds.length)
    throw new DomainError("party_not_found", {}, "partyIds");
  if (announcerIds.length === 0 && partyIds.length === 0)
    throw new DomainError("statement_needs_author", {}, "announcerIds");
  let submittedAt: Date | null = null;
  if (input.text) {
    submittedAt = input.submittedAt ?? at;
    if (!writtenInTime(submittedAt, m.approvalAt))
      throw new DomainError("written_after_approval", {}, "text");
  }
  const [created] = await tx
    .insert(statement)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, statement, p.id),
      kind: input.kind,
      announcedAt: at,
      text: input.text ?? null,
      submittedAt,
    })
    .returning();
  if (partyIds.length > 0)
    await tx
      .insert(statementParty)
      .values(partyIds.map((partyId, i) => ({ statementId: created!.id, partyId, position: i + 1 })));
  const people = [
    ...announcerIds.map((personId, i) => ({ personId, role: "announcer" as const, position: i + 1 })),
    ...signatoryIds.map((personId, i) => ({ personId, role: "signatory" as const, position: i + 1 })),
  ];
  if (people.length > 0)
    await tx.insert(statementPerson).values(people.map((x) => ({ statementId: created!.id, ...x })));
  await recordAudit(tx, actor, {
    action: "statement.announced",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, partyIds, announcerIds, signatoryIds },
  });
  return created!;
}
