import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import { findCase } from "../register/queries.js";
import { registerRecord } from "../register/register-record.js";
import { consulteeName } from "./format.js";
import { notifyJobKind, notifyKey, remindJobKind } from "./job-kinds.js";
import { consulteesWithNames, listReminders, lockConsultation } from "./queries.js";
import type { SendConsultationInput } from "./schemas.js";
import { consultation, consultee } from "./tables.js";

/**
 * Sends a consultation: registers one outgoing record per consultee in the diarium (OSL 5 kap. 1 §) and puts
 * one notification per consultee with an address, and every reminder, in the outbox — all in this transaction.
 * The mail goes out after commit, from the job queue, never from here.
 */
export async function sendConsultation(tx: Tx, actor: Actor, id: string, input: SendConsultationInput) {
  const before = await lockConsultation(tx, actor.municipalityId, id);
  const owner = await findCase(tx, actor.municipalityId, before.caseId);
  authorize(actor, "consultation:write", owner!.responsibleBodyId);
  if (before.status !== "draft") throw new DomainError("consultation_already_sent", { date: before.sentOn });
  if (before.deadline < input.sentOn)
    throw new DomainError("deadline_before_send", { deadline: before.deadline }, "sentOn");
  const recipients = await consulteesWithNames(tx, id);
  for (const r of recipients) {
    const name = consulteeName(r);
    const outgoing = await registerRecord(tx, actor, {
      caseId: before.caseId,
      direction: "outgoing",
      recordType: "letter",
      datedOn: input.sentOn,
      counterpartBodyId: r.c.bodyId,
      counterpartName: r.c.bodyId ? null : name,
      description: `Remiss till ${name}: ${before.title}`,
    });
    await tx
      .update(consultee)
      .set({ status: "sent", outgoingRecordId: outgoing.id, updatedAt: new Date() })
      .where(eq(consultee.id, r.c.id));
    if (r.c.contactEmail)
      await enqueueJob(tx, {
        municipalityId: actor.municipalityId,
        kind: notifyJobKind,
        payload: { consulteeId: r.c.id },
        idempotencyKey: notifyKey(r.c.id),
      });
  }
  const reminders = await listReminders(tx, [id]);
  for (const reminder of reminders) await enqueueReminder(tx, actor.municipalityId, reminder);
  const [after] = await tx
    .update(consultation)
    .set({ status: "sent", sentOn: input.sentOn, updatedAt: new Date() })
    .where(eq(consultation.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: "consultation.sent",
    recordType: "consultation",
    recordId: id,
    before,
    after,
  });
  return after!;
}

/** The outbox job of one reminder, due at its time. */
export function enqueueReminder(tx: Tx, municipalityId: string, reminder: { id: string; remindAt: Date }) {
  return enqueueJob(tx, {
    municipalityId,
    kind: remindJobKind,
    payload: { reminderId: reminder.id },
    idempotencyKey: `${remindJobKind}:${reminder.id}`,
    runAt: reminder.remindAt,
  });
}
