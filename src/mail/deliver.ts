import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { Job } from "../jobs/run-jobs.js";
import { mailDelivery } from "../jobs/tables.js";
import type { Mailer, OutgoingMail } from "./mailer.js";

/** The Message-ID of one job's mail to one address: the same on every attempt. */
export function stableMessageId(job: Pick<Job, "idempotencyKey">, recipient: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "paragraf.invalid";
  const hash = createHash("sha256").update(`${job.idempotencyKey}\n${recipient.toLowerCase()}`).digest("hex");
  return `<${hash.slice(0, 40)}@${domain}>`;
}

/**
 * Sends one job's mail to one address at most once as far as Paragraf can know: a delivery row is committed
 * before the SMTP transaction and marked sent after the server accepted. A retry skips a sent row. Only a crash
 * in the moment between the server's accept and that mark makes the retry send again, with the same
 * Message-ID (docs/decisions/0003-outbox-and-mail.md).
 */
export async function deliverOnce(
  db: Db,
  mailer: Mailer,
  job: Job,
  mail: Omit<OutgoingMail, "messageId">,
): Promise<"sent" | "already_sent"> {
  const recipient = mail.to.trim().toLowerCase();
  const messageId = stableMessageId(job, recipient, mailer.from);
  const earlier = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(mailDelivery)
      .where(and(eq(mailDelivery.jobId, job.id), eq(mailDelivery.recipient, recipient)));
    if (row?.status === "sent") return "sent" as const;
    if (row) {
      await tx
        .update(mailDelivery)
        .set({ attempts: sql`${mailDelivery.attempts} + 1` })
        .where(eq(mailDelivery.id, row.id));
    } else {
      await tx.insert(mailDelivery).values({ jobId: job.id, recipient, messageId });
    }
    return "sending" as const;
  });
  if (earlier === "sent") return "already_sent";
  const { response } = await mailer.send({ ...mail, to: recipient, messageId });
  await inTransaction(db, (tx) =>
    tx
      .update(mailDelivery)
      .set({ status: "sent", sentAt: new Date(), smtpResponse: response.slice(0, 500) })
      .where(and(eq(mailDelivery.jobId, job.id), eq(mailDelivery.recipient, recipient))),
  );
  return "sent";
}
