import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { isOffice } from "../domain/bodies.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { listBodies, listParties, listPersons } from "../organisation/queries.js";
import {
  findMeeting,
  listAttendance,
  listDisqualifications,
  listMotions,
  listReservations,
  listStatements,
  listVotes,
} from "./queries.js";
import { meetingView, paragraphView } from "./read-minutes.js";
import { presentDesk, presentParagraphDesk } from "./secretary-present.js";
import { findItemOfMeeting, findParagraphOfMeeting, findWrittenOfParagraph } from "./secretary-queries.js";
import { servingFrom } from "./serving.js";
import "./secretary-errors.js";

// The secretary's desk during a meeting: what the meeting page and a paragraph's page show and choose from, loaded
// in a fixed number of queries on top of the minutes' read model (one per kind of row, never one per item), and
// the checks that an address's meeting, item, paragraph and written text belong together.

export type DeskMeetingView = NonNullable<Awaited<ReturnType<typeof meetingView>>>;
export type DeskParagraphView = NonNullable<Awaited<ReturnType<typeof paragraphView>>>;

/** A meeting the actor keeps the minutes of: not found when it does not exist, refused for anyone else. */
export async function secretaryMeeting(tx: Tx, actor: Actor, meetingId: string) {
  const m = await findMeeting(tx, actor.municipalityId, meetingId);
  if (!m) throw new NotFoundError("page");
  authorize(actor, "meeting:write", m.bodyId);
  return m;
}
export type SecretaryMeeting = Awaited<ReturnType<typeof secretaryMeeting>>;

/** An item of that meeting's agenda; an item of another meeting is not found here. */
export async function secretaryItem(tx: Tx, actor: Actor, meetingId: string, itemId: string) {
  const meeting = await secretaryMeeting(tx, actor, meetingId);
  const item = await findItemOfMeeting(tx, actor.municipalityId, meeting.id, itemId);
  if (!item) throw new DomainError("item_not_in_meeting");
  return { meeting, item };
}
export type SecretaryItem = Awaited<ReturnType<typeof secretaryItem>>;

/** A paragraph given at that meeting, with its item; a paragraph of another meeting is not found here. */
export async function secretaryParagraph(tx: Tx, actor: Actor, meetingId: string, paragraphId: string) {
  const meeting = await secretaryMeeting(tx, actor, meetingId);
  const found = await findParagraphOfMeeting(tx, actor.municipalityId, meeting.id, paragraphId);
  if (!found) throw new DomainError("paragraph_not_in_meeting");
  return { meeting, paragraph: found.paragraph, item: found.item };
}
export type SecretaryTarget = Awaited<ReturnType<typeof secretaryParagraph>>;

/** A reservation or statement announced under that paragraph; one of another paragraph is not found here. */
export async function secretaryWritten(
  tx: Tx,
  actor: Actor,
  at: { meetingId: string; paragraphId: string; kind: "reservation" | "statement"; id: string },
) {
  const target = await secretaryParagraph(tx, actor, at.meetingId, at.paragraphId);
  const written = await findWrittenOfParagraph(tx, at.kind, target.paragraph.id, at.id);
  if (!written) throw new DomainError("written_not_in_paragraph", { kind: at.kind });
  return { ...target, written: { kind: at.kind, id: written.id } };
}
export type SecretaryWritten = Awaited<ReturnType<typeof secretaryWritten>>;

/** The bodies a meeting can be planned for: those that meet, not the offices. */
export async function readPlanningBodies(tx: Tx, municipalityId: string) {
  return (await listBodies(tx, municipalityId)).filter((b) => !isOffice(b.kind));
}

/**
 * The meeting page of the desk: the meeting as the minutes show it, and the persons attendance is chosen from.
 * On top of meetingView: the meeting (to check the actor's right first) and the persons, two queries at any size.
 */
export async function readSecretaryDesk(tx: Tx, actor: Actor, meetingId: string) {
  const meeting = await secretaryMeeting(tx, actor, meetingId);
  const view = (await meetingView(tx, actor.municipalityId, meeting.id))!;
  const persons = await listPersons(tx, actor.municipalityId);
  return presentDesk(view, persons);
}
export type SecretaryDesk = Awaited<ReturnType<typeof readSecretaryDesk>>;

/**
 * One paragraph's page of the desk: the paragraph as the minutes show it, who serves on its item, and the
 * motions, votes, statements, reservations, parties and bodies its forms choose from. On top of paragraphView:
 * ten queries however many motions, votes and statements the paragraph has and however long the agenda is.
 */
export async function readSecretaryParagraph(tx: Tx, actor: Actor, meetingId: string, paragraphId: string) {
  const { meeting, paragraph, item } = await secretaryParagraph(tx, actor, meetingId, paragraphId);
  // The desk is the internal version: the texts as written, with the public title of a secret case.
  const view = (await paragraphView(tx, actor.municipalityId, paragraph.id, undefined, false))!;
  const attendance = await listAttendance(tx, meeting.id);
  const disqualified = await listDisqualifications(tx, [item.id]);
  return presentParagraphDesk({
    meetingId: meeting.id,
    view,
    serving: servingFrom(meeting, item, attendance, disqualified),
    attendance,
    motions: await listMotions(tx, paragraph.id),
    votes: await listVotes(tx, paragraph.id),
    statements: await listStatements(tx, [paragraph.id]),
    reservations: await listReservations(tx, [paragraph.id]),
    parties: await listParties(tx, actor.municipalityId),
    bodies: await listBodies(tx, actor.municipalityId),
  });
}
export type SecretaryParagraph = Awaited<ReturnType<typeof readSecretaryParagraph>>;
