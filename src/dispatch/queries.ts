import { and, asc, eq, sql } from "drizzle-orm";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { agendaItem, meeting, paragraph, recipient } from "../meetings/tables.js";
import { body, person } from "../organisation/tables.js";
import { record } from "../register/tables.js";
import { dispatch, dispatchDelivery } from "./tables.js";

// Small reads and writes of dispatches, each scoped to a municipality; no rules here.

/** The paragraph with its case and meeting, locked until commit so that two dispatches of it queue. */
export async function lockParagraphForDispatch(tx: Tx, municipalityId: string, paragraphId: string) {
  const [row] = await tx
    .select({
      id: paragraph.id,
      bodyId: paragraph.bodyId,
      meetingId: paragraph.meetingId,
      caseId: agendaItem.caseId,
    })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, paragraphId)))
    .for("update", { of: paragraph });
  return row;
}

/** A paragraph's recipients in order, each with its body's or person's e-mail address. */
export function listRecipientAddresses(tx: Tx, paragraphId: string) {
  return tx
    .select({
      position: recipient.position,
      bodyId: recipient.bodyId,
      label: recipient.label,
      email: recipient.email,
      bodyEmail: body.email,
      personEmail: person.email,
    })
    .from(recipient)
    .leftJoin(body, eq(body.id, recipient.bodyId))
    .leftJoin(person, eq(person.id, recipient.personId))
    .where(eq(recipient.paragraphId, paragraphId))
    .orderBy(asc(recipient.position));
}

export async function findDispatchOfParagraph(tx: Tx, municipalityId: string, paragraphId: string) {
  const [row] = await tx
    .select()
    .from(dispatch)
    .where(and(eq(dispatch.municipalityId, municipalityId), eq(dispatch.paragraphId, paragraphId)));
  return row;
}

/** The deliveries of the paragraphs' dispatches with their record numbers, in one query for any number. */
export function listDeliveriesOfParagraphs(tx: Tx, municipalityId: string, paragraphIds: readonly string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      delivery: dispatchDelivery,
      paragraphId: dispatch.paragraphId,
      dispatchedOn: dispatch.dispatchedOn,
      recordNumber: record.number,
    })
    .from(dispatchDelivery)
    .innerJoin(dispatch, eq(dispatch.id, dispatchDelivery.dispatchId))
    .innerJoin(record, eq(record.id, dispatchDelivery.recordId))
    .where(and(eq(dispatch.municipalityId, municipalityId), anyOf(dispatch.paragraphId, [...paragraphIds])))
    .orderBy(asc(dispatch.paragraphId), asc(dispatchDelivery.position));
}

/** The paragraphs given on a case (through its agenda items), with their meeting and body, for the case page. */
export function listParagraphsOfCase(tx: Tx, municipalityId: string, caseId: string) {
  return tx
    .select({
      id: paragraph.id,
      number: paragraph.number,
      bodyId: paragraph.bodyId,
      bodyName: body.name,
      bodyShortName: body.shortName,
      heldOn: meeting.heldOn,
    })
    .from(paragraph)
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(agendaItem.caseId, caseId)))
    .orderBy(asc(meeting.heldOn), asc(paragraph.number));
}

/** A delivery with its dispatch (the extract it sends), locked until commit. */
export async function lockDelivery(tx: Tx, municipalityId: string, deliveryId: string) {
  const [row] = await tx
    .select({
      delivery: dispatchDelivery,
      dispatch,
      paragraphBodyId: paragraph.bodyId,
      bodyEmail: body.email,
    })
    .from(dispatchDelivery)
    .innerJoin(dispatch, eq(dispatch.id, dispatchDelivery.dispatchId))
    .innerJoin(paragraph, eq(paragraph.id, dispatch.paragraphId))
    .leftJoin(body, eq(body.id, dispatchDelivery.bodyId))
    .where(and(eq(dispatchDelivery.municipalityId, municipalityId), eq(dispatchDelivery.id, deliveryId)))
    .for("update", { of: dispatchDelivery });
  return row;
}

/** Deliveries whose mail carried this Message-ID (a delivery status notification names it). */
export function findDeliveriesByMessageId(tx: Tx, municipalityId: string, messageId: string) {
  return tx
    .select({ delivery: dispatchDelivery, paragraphBodyId: paragraph.bodyId })
    .from(dispatchDelivery)
    .innerJoin(dispatch, eq(dispatch.id, dispatchDelivery.dispatchId))
    .innerJoin(paragraph, eq(paragraph.id, dispatch.paragraphId))
    .where(
      and(eq(dispatchDelivery.municipalityId, municipalityId), eq(dispatchDelivery.messageId, messageId)),
    )
    .for("update", { of: dispatchDelivery });
}

export function updateDelivery(tx: Tx, id: string, values: Partial<typeof dispatchDelivery.$inferInsert>) {
  return tx
    .update(dispatchDelivery)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(dispatchDelivery.id, id))
    .returning();
}

/** A paragraph's id and body, for reading its dispatch. */
export async function listParagraphBody(tx: Tx, municipalityId: string, paragraphId: string) {
  const [row] = await tx
    .select({ id: paragraph.id, bodyId: paragraph.bodyId, meetingId: paragraph.meetingId })
    .from(paragraph)
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, paragraphId)));
  return row;
}

export async function findParagraphOfDispatch(tx: Tx, dispatchId: string) {
  const [row] = await tx
    .select({ paragraphId: dispatch.paragraphId })
    .from(dispatch)
    .where(eq(dispatch.id, dispatchId));
  return row!.paragraphId;
}
