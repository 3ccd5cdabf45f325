import { type AnyColumn, eq, sql, type Table } from "drizzle-orm";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findAgendaItem, findParagraph, lockMeeting } from "./queries.js";

// The loading and checks every write about a meeting begins with. The meeting row is locked, so that concurrent
// secretaries' writes about one meeting queue and positions are handed out one at a time.

/** Loads and locks a meeting the actor may keep the minutes of. */
export async function meetingForWrite(tx: Tx, actor: Actor, meetingId: string, field = "meetingId") {
  const m = await lockMeeting(tx, actor.municipalityId, meetingId);
  if (!m) throw new DomainError("meeting_not_found", {}, field);
  authorize(actor, "meeting:write", m.bodyId);
  const b = (await findBody(tx, actor.municipalityId, m.bodyId))!;
  return { meeting: m, body: b };
}

/** Loads a paragraph with its meeting (locked), agenda item and body. */
export async function paragraphForWrite(tx: Tx, actor: Actor, paragraphId: string) {
  const p = await findParagraph(tx, actor.municipalityId, paragraphId);
  if (!p) throw new DomainError("paragraph_unknown", {}, "paragraphId");
  const { meeting, body } = await meetingForWrite(tx, actor, p.meetingId);
  const item = (await findAgendaItem(tx, actor.municipalityId, p.agendaItemId))!;
  return { paragraph: p, meeting, body, item };
}

/** Proceedings are recorded while the meeting is open (after it is opened, before it is closed). */
export function requireOpen(m: { status: string }) {
  if (m.status === "closed") throw new DomainError("meeting_closed");
  if (m.status !== "opened") throw new DomainError("meeting_not_open");
}

/** The instant something happened: given (when recorded afterwards) or now. */
export function momentOf(at: Date | null | undefined): Date {
  return at ?? new Date();
}

/** The next position in a paragraph's list (motions, votes, statements …); the meeting lock makes it safe. */
export async function nextPosition(
  tx: Tx,
  table: { position: AnyColumn; paragraphId: AnyColumn } & Table,
  paragraphId: string,
): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${table.position}), 0) + 1` })
    .from(table as any)
    .where(eq(table.paragraphId, paragraphId));
  return Number(row!.next);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be an id; anything else is a page that does not exist. */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!uuidPattern.test(value)) throw new NotFoundError("page");
  return value;
}
