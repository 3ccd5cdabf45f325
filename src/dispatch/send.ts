import { and, eq } from "drizzle-orm";
import type { Db } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { Job, JobContext, JobHandlers } from "../jobs/run-jobs.js";
import { mailDelivery } from "../jobs/tables.js";
import { deliverOnce, stableMessageId } from "../mail/deliver.js";
import type { Mailer } from "../mail/mailer.js";
import { deliverJobKind } from "./job-kinds.js";
import { lockDelivery, updateDelivery } from "./queries.js";

// Sending one delivery of a dispatch, from the outbox. The delivery's status follows what the SMTP server said:
// sent when it accepted, retried when it refused for now (4xx) or the connection failed, failed when it refused
// for good (5xx) or the attempts ran out. deliverOnce keeps the mail to one per job as far as Paragraf can know
// (docs/decisions/0003-outbox-and-mail.md); the status is written after it, so a crash between the two leaves the
// delivery as it was and the next run, finding the mail sent, only records it.

/** What an SMTP failure means for the delivery: permanent (5xx) or worth another attempt. */
export function smtpFailure(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const said = (e.response ?? e.message ?? "").slice(0, 300);
  if (code !== null && code >= 500)
    return { permanent: true, reason: `E-postservern avvisade brevet (${said}).` };
  if (code !== null && code >= 400)
    return { permanent: false, reason: `E-postservern bad om ett nytt försök senare (${said}).` };
  return {
    permanent: false,
    reason: `Förbindelsen med e-postservern bröts eller kunde inte öppnas (${said}).`,
  };
}

async function markAttempt(
  db: Db,
  job: Job,
  deliveryId: string,
  values: Parameters<typeof updateDelivery>[2],
) {
  await inTransaction(db, (tx) => updateDelivery(tx, deliveryId, { attempts: job.attempts, ...values }));
}

/** Sends one delivery's extract; safe to run again, and a no-op for a delivery already sent or resent since. */
async function sendDelivery(mailer: Mailer, job: Job, ctx: JobContext) {
  const deliveryId = String(job.payload.deliveryId);
  const loaded = await inTransaction(ctx.db, (tx) => lockDelivery(tx, job.municipalityId, deliveryId));
  if (!loaded) return;
  const { delivery, dispatch } = loaded;
  // A job of an earlier round, overtaken by a resend, or a delivery already done: nothing to send.
  if (job.idempotencyKey !== `${deliverJobKind}:${delivery.id}:${delivery.round}`) return;
  if (delivery.channel !== "email" || !delivery.address) return;
  if (delivery.status === "sent" || delivery.status === "bounced") return;
  const messageId = stableMessageId(job, delivery.address, mailer.from);
  if (delivery.messageId !== messageId) await markAttempt(ctx.db, job, delivery.id, { messageId });
  try {
    await deliverOnce(ctx.db, mailer, job, {
      to: delivery.address,
      subject: dispatch.subject,
      text: [
        `Till ${delivery.name}`,
        "",
        "Här kommer ett protokollsutdrag för kännedom eller åtgärd. Utdraget finns också som bifogad fil.",
        "",
        dispatch.extractText,
      ].join("\n"),
      attachments: [
        {
          filename: dispatch.fileName,
          content: dispatch.extractText,
          contentType: "text/plain; charset=utf-8",
        },
      ],
      dsnId: delivery.id,
    });
  } catch (error) {
    const { permanent, reason } = smtpFailure(error);
    const last = job.attempts >= job.maxAttempts;
    await markAttempt(ctx.db, job, delivery.id, {
      status: permanent || last ? "failed" : "retried",
      lastError: reason,
    });
    // A permanent refusal ends the job: another attempt would be refused the same way. The secretary resends.
    if (permanent) return;
    throw error;
  }
  const [sent] = await inTransaction(ctx.db, (tx) =>
    tx
      .select()
      .from(mailDelivery)
      .where(
        and(eq(mailDelivery.jobId, job.id), eq(mailDelivery.recipient, delivery.address!.toLowerCase())),
      ),
  );
  await markAttempt(ctx.db, job, delivery.id, {
    status: "sent",
    messageId: sent?.messageId ?? messageId,
    smtpResponse: sent?.smtpResponse ?? null,
    sentAt: sent?.sentAt ?? ctx.now,
    lastError: null,
  });
}

/** The job handlers of dispatch: each delivery's e-mail. */
export function dispatchJobHandlers(mailer: Mailer): JobHandlers {
  return { [deliverJobKind]: (job, ctx) => sendDelivery(mailer, job, ctx) };
}
