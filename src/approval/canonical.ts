import { createHash } from "node:crypto";
import type { Tx } from "../db/connect.js";
import type { MeetingView } from "../meetings/present.js";
import { meetingView } from "../meetings/read-minutes.js";

// The canonical form of the minutes: the data, not the HTML. What the public minutes show (the presented value
// of the meetings read model, as an anonymous reader gets it), serialised with sorted keys and no spaces, so the
// same minutes always give the same bytes and the same SHA-256, whoever computes it. A reader can fetch the
// canonical form (GET /api/minutes-versions/{id}) and check its hash against the one the signers signed.

/** JSON with object keys sorted at every level and no whitespace; dates as ISO instants; undefined left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** What a version of the minutes covers: the whole minutes, or one paragraph approved at once (L12). */
export function minutesDocument(v: MeetingView, paragraphId: string | null) {
  const paragraphs = paragraphId ? v.paragraphs.filter((p) => p.id === paragraphId) : v.paragraphs;
  return {
    format: "paragraf-protokoll/1",
    scope: paragraphId ? "paragraph" : "minutes",
    body: { id: v.body.id, name: v.body.name },
    meeting: {
      id: v.meeting.id,
      heldOn: v.meeting.heldOn,
      startsAt: v.meeting.startsAt,
      place: v.meeting.place,
    },
    attendance: v.attendance.map((a) => ({ person: a.label, role: a.role, span: a.span })),
    countedPresent: v.counted,
    paragraphs,
    otherAttachments: paragraphId
      ? []
      : v.otherAttachments.map((a) => ({ number: a.number, title: a.title })),
  };
}

/** The canonical content of a meeting's minutes (or one paragraph of them) now, and its SHA-256; null if no meeting. */
export async function currentMinutesContent(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphId: string | null,
) {
  const v = await meetingView(tx, municipalityId, meetingId);
  if (!v) return null;
  const content = canonicalJson(minutesDocument(v, paragraphId));
  return { content, hash: sha256Hex(content), view: v };
}
