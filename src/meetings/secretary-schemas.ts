import { z } from "@hono/zod-openapi";
import * as s from "./schemas.js";

// The secretary's forms. Each reads what a browser posts (every value a string; a group of checkboxes a list;
// ids the address gives added by the route) and hands the API's own schema its input, so a form and the JSON API
// accept and refuse the same things with the same Swedish messages.

/** A posted form, with what the address says added. */
export type Posted = Record<string, unknown>;

/** A form's schema: `read` turns the posted strings into the API's input, which the API's schema then checks. */
function form<S extends z.ZodType>(read: (f: Posted) => unknown, schema: S) {
  return z.preprocess((v) => read(typeof v === "object" && v !== null ? (v as Posted) : {}), schema);
}

/** One trimmed value; an empty field is null. */
function one(f: Posted, name: string): string | null {
  const v = f[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" && first.trim() !== "" ? first.trim() : null;
}

/** Every value posted under a name: the ticked boxes of a group. */
function many(f: Posted, name: string): string[] {
  const v = f[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string" && x !== "");
}

/** A whole number; what is not one stays NaN, so that the schema refuses it with its message. */
function whole(f: Posted, name: string): number | null {
  const v = one(f, name);
  if (v === null) return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** A text area read one entry per line, empty lines left out. */
function lines(f: Posted, name: string): string[] {
  return (one(f, name) ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const ticked = (f: Posted, name: string) => one(f, name) === "on";

export const PublishNoticeForm = form(
  (f) => ({ publishedOn: one(f, "publishedOn") ?? undefined }),
  s.PublishNoticeInput,
);

/** Opening and closing: the moment is now. */
export const MomentForm = form(() => ({}), s.MomentInput);

export const AttendanceForm = form(
  (f) => ({
    personId: one(f, "personId") ?? undefined,
    capacity: one(f, "capacity") ?? undefined,
    replacesPersonId: one(f, "replacesPersonId"),
    presides: ticked(f, "presides"),
  }),
  s.AttendanceInput,
);

export const AttendanceCountForm = form(
  (f) => ({ countedPresent: whole(f, "countedPresent") ?? undefined }),
  s.AttendanceCountInput,
);

export const CaseNumberForm = form((f) => ({ caseNumber: one(f, "caseNumber") ?? "" }), s.CaseNumberInput);

/** Taking up an item; agendaItemId comes from the address. */
export const TakeUpItemForm = form(
  (f) => ({ agendaItemId: one(f, "agendaItemId"), summary: one(f, "summary") }),
  s.TakeUpItemInput,
);

/** Disqualification on one item; agendaItemId comes from the address. */
export const DisqualificationForm = form(
  (f) => ({
    agendaItemId: one(f, "agendaItemId"),
    personId: one(f, "personId") ?? undefined,
    reason: one(f, "reason") ?? undefined,
    substitutePersonId: one(f, "substitutePersonId"),
  }),
  s.DisqualificationInput,
);

// The forms about one paragraph; paragraphId comes from the address.

export const MotionForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    kind: one(f, "kind") ?? undefined,
    text: one(f, "text"),
    moverIds: many(f, "moverIds"),
    supporterIds: many(f, "supporterIds"),
  }),
  s.MotionInput,
);

const countNames = ["yes", "no", "abstain", "absent"] as const;

/**
 * A vote on a question: the two motions, and each member's ballot (fields ballot-{personId}), or the counts, or
 * both. Elections have their own form.
 */
export const VoteForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    yesMotionId: one(f, "yesMotionId"),
    noMotionId: one(f, "noMotionId"),
    ballots: Object.keys(f)
      .filter((k) => k.startsWith("ballot-") && one(f, k))
      .map((k) => ({ personId: k.slice("ballot-".length), choice: one(f, k) })),
    counts: countNames.some((k) => one(f, k) !== null)
      ? {
          yes: whole(f, "yes") ?? 0,
          no: whole(f, "no") ?? 0,
          abstain: whole(f, "abstain") ?? 0,
          absent: whole(f, "absent") ?? 0,
        }
      : null,
    castingVote: one(f, "castingVote"),
  }),
  s.VoteInput,
);

/**
 * An election: each candidate's votes (fields votes-{personId}; a person whose field is left empty is no
 * candidate), the seats, who the lots drawn at the meeting fell on (lotWinnerIds), those who abstained or did not
 * take part, and whether the ballot was secret. The API records it as a vote with `election` true.
 */
export const ElectionForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    election: true,
    secret: ticked(f, "secret"),
    seats: whole(f, "seats"),
    candidates: Object.keys(f)
      .filter((k) => k.startsWith("votes-") && one(f, k) !== null)
      .map((k) => ({ personId: k.slice("votes-".length), votes: whole(f, k) })),
    lotWinnerIds: many(f, "lotWinnerIds"),
    counts:
      one(f, "abstain") !== null || one(f, "absent") !== null
        ? { abstain: whole(f, "abstain") ?? 0, absent: whole(f, "absent") ?? 0 }
        : null,
  }),
  s.VoteInput,
);

export const QuestionForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    motionId: one(f, "motionId") ?? undefined,
    againstMotionId: one(f, "againstMotionId"),
    winnerMotionId: one(f, "winnerMotionId"),
    voteEventId: one(f, "voteEventId"),
  }),
  s.QuestionInput,
);

/** Decision points, one a line; a number the secretary typed first ("1. ") is left out, as the points are numbered. */
export const DecisionForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    points: lines(f, "points")
      .map((line) => line.replace(/^\d+\.\s*/, "").trim())
      .filter(Boolean),
  }),
  s.DecisionInput,
);

export const ReservationForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    personId: one(f, "personId"),
    partyId: one(f, "partyId"),
  }),
  s.ReservationInput,
);

export const StatementForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    kind: one(f, "kind") ?? undefined,
    announcerIds: many(f, "announcerIds"),
    partyIds: many(f, "partyIds"),
    text: one(f, "text"),
  }),
  s.StatementInput,
);

/** The written text of a reservation or statement; the route gives the field of that one (text-{id}) as text. */
export const WrittenTextForm = form((f) => ({ text: one(f, "text") ?? undefined }), s.WrittenTextInput);

/**
 * A written text made an attachment of the minutes. The route gives meetingId, the title, statementId or
 * reservationId, and the number field of that text (number-{id}) as number.
 */
export const WrittenAttachmentForm = form(
  (f) => ({
    meetingId: one(f, "meetingId"),
    title: one(f, "title") ?? undefined,
    number: whole(f, "number"),
    statementId: one(f, "statementId"),
    reservationId: one(f, "reservationId"),
  }),
  s.AttachmentInput,
);

/** An external recipient's line: "Sökanden" or, to be sent e-mail, "Sökanden <anna@exempel.se>". */
function recipientLine(line: string) {
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(line);
  return m ? { label: m[1] || m[2], email: m[2] } : { label: line };
}

/** Recipients: bodies ticked, and others written one a line. */
export const RecipientsForm = form(
  (f) => ({
    paragraphId: one(f, "paragraphId"),
    recipients: [
      ...many(f, "bodyIds").map((bodyId) => ({ bodyId })),
      ...lines(f, "labels").map(recipientLine),
    ],
  }),
  s.RecipientsInput,
);
