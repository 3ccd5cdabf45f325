import type { Tx } from "../db/connect.js";
import type { SecretAccess } from "../register/access.js";
import { presentMeeting, presentParagraph } from "./present.js";
import {
  findMeetingWithBody,
  findParagraphContextByNumber,
  findParagraphContexts,
  listAgenda,
  listAttendance,
  listMeetings,
} from "./queries.js";
import { loadParagraphRows } from "./read-paragraphs.js";
import { loadRoutes } from "./read-route.js";
import { seatsOf } from "./serving.js";

// The reads of the minutes: the meeting page and the minutes, one paragraph, the list of meetings. Each runs the
// same number of queries however many items, paragraphs, motions, votes and basis entries it shows (issue 9).

/** Nobody's access to secret register content: what the public sees. */
const publicReader: SecretAccess = { all: false, bodyIds: [] };

/** The meetings of the municipality, latest first, for /sammantraden and the API. */
export function listMeetingSummaries(tx: Tx, municipalityId: string, filter: { bodyId?: string } = {}) {
  return listMeetings(tx, municipalityId, filter);
}

/** A meeting with its notice, agenda, decision routes, attendance, quorum and minutes; null when it does not exist. */
export async function meetingView(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  access: SecretAccess = publicReader,
) {
  const found = await findMeetingWithBody(tx, municipalityId, meetingId);
  if (!found) return null;
  const agenda = await listAgenda(tx, meetingId);
  const attendance = await listAttendance(tx, meetingId);
  const seats = await seatsOf(tx, found.body, found.meeting.heldOn);
  const paragraphs = await findParagraphContexts(
    tx,
    municipalityId,
    agenda.flatMap((a) => (a.paragraphId ? [a.paragraphId] : [])),
  );
  const route = await loadRoutes(
    tx,
    municipalityId,
    agenda.map((a) => a.caseId),
  );
  const rows = await loadParagraphRows(tx, municipalityId, paragraphs, {
    cite: [...agenda.map((a) => a.proposedByParagraphId), ...route.paragraphs.map((p) => p.id)],
    personIds: attendance.map((r) => r.replacesPersonId),
  });
  return presentMeeting({ found, agenda, attendance, seats, paragraphs, route }, rows, access);
}

/** One paragraph as the minutes and the public paragraph page show it; null when it does not exist. */
export async function paragraphView(
  tx: Tx,
  municipalityId: string,
  paragraphId: string,
  access: SecretAccess = publicReader,
  /** False for the secretary's internal version: free text whole, not screened for personal data (L31). */
  screen = true,
) {
  const [context] = await findParagraphContexts(tx, municipalityId, [paragraphId]);
  if (!context) return null;
  return presentParagraph(context, await loadParagraphRows(tx, municipalityId, [context]), access, screen);
}

/** One paragraph by its public reference (kommunfullmaktige/2026/8); null when there is none. */
export async function paragraphViewByNumber(
  tx: Tx,
  municipalityId: string,
  ref: { bodySlug: string; year: number; number: number },
  access: SecretAccess = publicReader,
) {
  const context = await findParagraphContextByNumber(tx, municipalityId, ref);
  if (!context) return null;
  return presentParagraph(context, await loadParagraphRows(tx, municipalityId, [context]), access);
}
