import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findRecord } from "../register/queries.js";
import { meetingForWrite } from "./guards.js";
import { findParagraph } from "./queries.js";
import type { AttachmentInput } from "./schemas.js";
import { meeting, minutesAttachment, reservation, statement } from "./tables.js";

/**
 * Adds a numbered attachment to a meeting's minutes ("Bilaga 12"), optionally the written text of a statement or
 * reservation. Numbers run per set of minutes; a number given explicitly (to keep step with the printed minutes)
 * must come after every number already used.
 */
export async function addAttachment(tx: Tx, actor: Actor, input: AttachmentInput) {
  const { meeting: m } = await meetingForWrite(tx, actor, input.meetingId);
  if (input.recordId && !(await findRecord(tx, actor.municipalityId, input.recordId)))
    throw new DomainError("basis_record_not_found", {}, "recordId");
  const owner = async (paragraphId: string | undefined) => {
    const p = paragraphId ? await findParagraph(tx, actor.municipalityId, paragraphId) : undefined;
    if (!p || p.meetingId !== m.id) throw new DomainError("attachment_other_meeting");
  };
  const st = input.statementId
    ? await tx.query.statement.findFirst({ where: eq(statement.id, input.statementId) })
    : undefined;
  if (input.statementId) {
    if (!st) throw new DomainError("statement_not_found", {}, "statementId");
    await owner(st.paragraphId);
  }
  const res = input.reservationId
    ? await tx.query.reservation.findFirst({ where: eq(reservation.id, input.reservationId) })
    : undefined;
  if (input.reservationId) {
    if (!res) throw new DomainError("reservation_not_found", {}, "reservationId");
    await owner(res.paragraphId);
  }
  const next = m.lastAttachmentNumber + 1;
  if (input.number && input.number < next)
    throw new DomainError("attachment_number_taken", { number: input.number, next }, "number");
  const number = input.number ?? next;
  await tx.update(meeting).set({ lastAttachmentNumber: number }).where(eq(meeting.id, m.id));
  const [created] = await tx
    .insert(minutesAttachment)
    .values({ meetingId: m.id, number, title: input.title, recordId: input.recordId ?? null })
    .returning();
  if (st) await tx.update(statement).set({ attachmentId: created!.id }).where(eq(statement.id, st.id));
  if (res) await tx.update(reservation).set({ attachmentId: created!.id }).where(eq(reservation.id, res.id));
  await recordAudit(tx, actor, {
    action: "attachment.added",
    recordType: "meeting",
    recordId: m.id,
    after: { ...created, statementId: st?.id ?? null, reservationId: res?.id ?? null },
  });
  return created!;
}
