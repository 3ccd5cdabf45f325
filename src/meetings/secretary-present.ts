import { minutesGaps } from "../domain/law/minutes.js";
import type { Option } from "../http/forms.js";
import type { body, party } from "../organisation/tables.js";
import { motionKindLabel, personLabel, statementLabel } from "./phrases.js";
import type { listAttendance, listMotions, listReservations, listStatements, listVotes } from "./queries.js";
import type { DeskMeetingView, DeskParagraphView } from "./read-secretary-desk.js";
import type { Serving } from "./serving.js";

// How the secretary's desk shows what was loaded: titles, the state of the meeting, and the options each form
// chooses from. Pure: no queries.

type Attendance = Awaited<ReturnType<typeof listAttendance>>;

const statusText: Record<string, string> = {
  planned: "planerat",
  notice_published: "kallelse publicerad",
  opened: "pågår",
  closed: "avslutat",
};

/** The address of the desk of a meeting, and of one paragraph on it. */
export function deskPath(meetingId: string, paragraphId?: string): string {
  const base = `/sammantraden/${meetingId}/sekreterare`;
  return paragraphId ? `${base}/paragrafer/${paragraphId}` : base;
}

/** The meeting page of the desk. */
export function presentDesk(
  view: DeskMeetingView,
  persons: { id: string; name: string; partyAbbreviation: string | null }[],
) {
  const status = view.meeting.status;
  const gaps = minutesGaps({
    attendanceRecorded: view.attendance.length > 0 || view.counted !== null,
    paragraphs: view.paragraphs.map((p) => ({
      number: p.number,
      decided: p.decisionPoints.length > 0,
      motions: p.proceedings.length,
    })),
  });
  return {
    view,
    path: deskPath(view.meeting.id),
    title: `Sekreterare: ${view.body.name} ${view.meeting.heldOn}`,
    status,
    statusText: `Läge: ${statusText[status] ?? status}.`,
    /** What the minutes still lack; said once the meeting has begun to be kept. */
    gaps: status === "planned" ? [] : gaps,
    personOptions: persons.map((p): Option => ({ value: p.id, label: personLabel(p) })),
    presentOptions: view.attendance.map((r): Option => ({ value: r.personId, label: r.label })),
  };
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** One paragraph's page of the desk. */
export function presentParagraphDesk(loaded: {
  meetingId: string;
  view: DeskParagraphView;
  serving: Serving;
  attendance: Attendance;
  motions: Awaited<ReturnType<typeof listMotions>>;
  votes: Awaited<ReturnType<typeof listVotes>>;
  statements: Awaited<ReturnType<typeof listStatements>>;
  reservations: Awaited<ReturnType<typeof listReservations>>;
  parties: (typeof party.$inferSelect)[];
  bodies: (typeof body.$inferSelect)[];
}) {
  const { view, serving, attendance, parties } = loaded;
  const label = (r: Attendance[number]) =>
    personLabel({ name: r.personName, partyAbbreviation: r.partyAbbreviation });
  const servingRows = [...new Map(attendance.map((r) => [r.personId, r])).values()]
    .filter((r) => serving.named.has(r.personId))
    .sort((a, b) => a.personName.localeCompare(b.personName, "sv"));
  const abbreviation = (id: string) => parties.find((x) => x.id === id)?.abbreviation ?? "";
  return {
    view,
    meetingPath: deskPath(loaded.meetingId),
    path: deskPath(loaded.meetingId, view.id),
    title: `§ ${view.number} ${view.title}`,
    serving: servingRows.map((r) => ({ id: r.personId, name: r.personName, label: label(r) })),
    /** Members serving whom the minutes count but do not name (attendance recorded by number). */
    unnamed: serving.count - serving.named.size,
    servingOptions: servingRows.map((r): Option => ({ value: r.personId, label: label(r) })),
    presentOptions: attendance
      .filter((r) => r.capacity !== "official" && r.capacity !== "other")
      .map((r): Option => ({ value: r.personId, label: label(r) })),
    /** The persons recorded at the meeting, once each by name: those an election's candidates are chosen from. */
    candidates: [...new Map(attendance.map((r) => [r.personId, r])).values()]
      .sort((a, b) => a.personName.localeCompare(b.personName, "sv"))
      .map((r) => ({ id: r.personId, name: r.personName, label: label(r) })),
    motionOptions: loaded.motions.map(
      (x): Option => ({
        value: x.id,
        label: `Yrkande ${x.position}: ${motionKindLabel[x.kind]}${x.text ? ` – ${x.text.slice(0, 60)}` : ""}`,
      }),
    ),
    voteOptions: loaded.votes.map((x): Option => ({ value: x.id, label: `Omröstning ${x.position}` })),
    partyOptions: parties.map((p): Option => ({ value: p.id, label: `${p.name} (${p.abbreviation})` })),
    bodyOptions: loaded.bodies.map((b): Option => ({ value: b.id, label: b.name })),
    /** Reservations and statements whose written text may be handed in and made an attachment. */
    written: [
      ...loaded.statements.map((x) => ({
        kind: "yttrande" as const,
        id: x.id,
        label: `${capitalized(statementLabel[x.kind].noun)} ${x.position}`,
        hasText: x.text !== null,
        hasAttachment: x.attachmentId !== null,
      })),
      ...loaded.reservations.map((x) => ({
        kind: "reservation" as const,
        id: x.id,
        label: `Reservation ${x.position} (${abbreviation(x.partyId)})`,
        hasText: x.justification !== null,
        hasAttachment: x.attachmentId !== null,
      })),
    ],
  };
}
