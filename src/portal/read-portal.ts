import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { publicFreeText, reviewedTexts } from "../domain/secret-text.js";
import { listSecretTextReviews } from "../meetings/queries.js";
import { presentDecisionLink } from "./present.js";
import {
  findMeetingAddressParts,
  findPersonWithParty,
  listBallotsOfPerson,
  listDecisionYears,
  listLatestDecisions,
  listLiveBodies,
  listMeetingsFrom,
  listMeetingsOnDay,
  listMembershipsOfPerson,
  listMotionsOfPerson,
  listPersonsWithParty,
  listReservationsOfPerson,
  listStatementsOfPerson,
} from "./queries.js";

// The portal's read models: each page in a fixed number of queries.

/** The start page: the next meetings and the latest decisions. */
export async function readStartPage(tx: Tx, municipalityId: string, now = new Date()) {
  const upcoming = await listMeetingsFrom(tx, municipalityId, { fromDay: todayInStockholm(now), limit: 8 });
  const latest = (await listLatestDecisions(tx, municipalityId, 10)).map(presentDecisionLink);
  return { upcoming, latest };
}

/** The meeting a readable address names: found, several that day to choose from, or none. */
export async function resolveMeetingAddress(
  tx: Tx,
  municipalityId: string,
  bodySlug: string,
  day: string,
  time: string | undefined,
) {
  const found = await listMeetingsOnDay(tx, municipalityId, bodySlug, day);
  if (time !== undefined)
    return { meetingId: found.find((m) => m.startsAt === time)?.id ?? null, choices: [] };
  if (found.length === 1) return { meetingId: found[0]!.id, choices: [] };
  return { meetingId: null, choices: found };
}

export function readMeetingAddress(tx: Tx, municipalityId: string, meetingId: string) {
  return findMeetingAddressParts(tx, municipalityId, meetingId);
}

export function readMembers(tx: Tx, municipalityId: string) {
  return listPersonsWithParty(tx, municipalityId);
}

/** A member's page: memberships, motions, votes cast, reservations and statements, each linked to its decision. */
export async function readMemberRecord(tx: Tx, municipalityId: string, personId: string) {
  const person = await findPersonWithParty(tx, municipalityId, personId);
  if (!person) return null;
  const memberships = await listMembershipsOfPerson(tx, municipalityId, personId);
  const motionRows = await listMotionsOfPerson(tx, municipalityId, personId);
  // A motion's own words on a secret case stay out of the public page until reviewed (L31).
  const reviewed = reviewedTexts(
    await listSecretTextReviews(
      tx,
      motionRows.filter((r) => r.caseSecret).map((r) => r.paragraphId),
    ),
  );
  const motions = motionRows.map((r) => ({
    decision: presentDecisionLink(r),
    role: r.role,
    kind: r.kind,
    text: publicFreeText(r.text, { secret: r.caseSecret, reviewed, field: "motion", sourceId: r.motionId }),
  }));
  const votes = (await listBallotsOfPerson(tx, municipalityId, personId)).map((r) => ({
    decision: presentDecisionLink(r),
    choice: r.choice,
    position: r.votePosition,
    result: r.result,
    yes: r.yesCount,
    no: r.noCount,
  }));
  const reservations = (await listReservationsOfPerson(tx, municipalityId, personId)).map((r) => ({
    decision: presentDecisionLink(r),
    written: r.written,
  }));
  const statements = (await listStatementsOfPerson(tx, municipalityId, personId)).map((r) => ({
    decision: presentDecisionLink(r),
    kind: r.kind,
    role: r.role,
  }));
  return { person, memberships, motions, votes, reservations, statements };
}

/** The open-data page: every body (for its feeds) and each body's years with decisions (for the bulk files). */
export async function readOpenDataPage(tx: Tx, municipalityId: string) {
  return {
    bodies: await listLiveBodies(tx, municipalityId),
    years: await listDecisionYears(tx, municipalityId),
  };
}
