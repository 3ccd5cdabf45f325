import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { findReminderAt, lockConsultation } from "./queries.js";
import type { ReminderInput } from "./schemas.js";
import { enqueueReminder } from "./send-consultation.js";
import { consultationReminder } from "./tables.js";

/**
 * Sets a reminder time: before the deadline it asks for the answer, after it says the answer is overdue. Once the
 * consultation is sent the reminder goes into the outbox at once, due at its time.
 */
export async function addReminder(tx: Tx, actor: Actor, consultationId: string, input: ReminderInput) {
  const c = await lockConsultation(tx, actor.municipalityId, consultationId);
  const owner = await findCase(tx, actor.municipalityId, c.caseId);
  authorize(actor, "consultation:write", owner!.responsibleBodyId);
  const remindAt = new Date(input.remindAt);
  if (c.sentOn && stockholmDay(remindAt) < c.sentOn)
    throw new DomainError("reminder_before_send", { date: c.sentOn }, "remindAt");
  if (await findReminderAt(tx, c.id, remindAt)) throw new DomainError("reminder_taken", {}, "remindAt");
  const [created] = await tx
    .insert(consultationReminder)
    .values({ consultationId: c.id, remindAt })
    .returning();
  if (c.status === "sent") await enqueueReminder(tx, actor.municipalityId, created!);
  await recordAudit(tx, actor, {
    action: "consultation.reminder_added",
    recordType: "consultation",
    recordId: c.id,
    after: created,
  });
  return created!;
}
