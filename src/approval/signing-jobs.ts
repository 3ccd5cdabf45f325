import { type Actor, systemActor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import type { JobHandler, JobHandlers } from "../jobs/run-jobs.js";
import { collectSignature } from "./collect-signature.js";
import { collectSignatureJobKind } from "./job-kinds.js";
import { collectionAt, type SigningProvider } from "./signing.js";

// Pending signings — of the minutes here, of official reports in src/reports/signing-jobs.ts — are collected by
// jobs. A signing still pending leaves the next collection as a new job with a later run_at, in the transaction
// that asked: waiting for a signer is not a failure, so it neither counts against the job's attempts nor waits out
// the runner's doubling backoff (30 s to an hour) while the signer is at their phone; the schedule is
// collectionAt's, and ends at the time limit, when the collection fails the signing.

/** Leaves collection number `poll` (0 for the first) of the pending signing `subject` (its id). */
export function enqueueCollection(
  tx: Tx,
  job: {
    municipalityId: string;
    kind: string;
    subject: string;
    payload: Record<string, unknown>;
    startedAt: Date;
    poll: number;
    now: Date;
  },
) {
  return enqueueJob(tx, {
    municipalityId: job.municipalityId,
    kind: job.kind,
    payload: { ...job.payload, poll: job.poll },
    idempotencyKey: `${job.kind}:${job.subject}:${job.poll}`,
    runAt: collectionAt(job.startedAt, job.poll, job.now),
  });
}

/**
 * The handler of a collection job: `collect` asks the provider and records the answer, giving the signing's start
 * while it is still pending (then the next collection is left) or null when it is done. A job for a signing no
 * longer pending (its `notPending` refusals: signed, failed, collected by its signer meanwhile) does nothing; an
 * error of the provider or the database throws, and the runner retries.
 */
export function collectionHandler(
  kind: string,
  subjectOf: (payload: Record<string, unknown>) => string,
  collect: (tx: Tx, actor: Actor, payload: Record<string, unknown>, now: Date) => Promise<Date | null>,
  notPending: readonly string[],
): JobHandler {
  return async (job, ctx) => {
    const actor = systemActor(job.municipalityId, "Paragraf (signering)");
    try {
      await inTransaction(ctx.db, async (tx) => {
        const startedAt = await collect(tx, actor, job.payload, ctx.now);
        if (!startedAt) return;
        await enqueueCollection(tx, {
          municipalityId: job.municipalityId,
          kind,
          subject: subjectOf(job.payload),
          payload: job.payload,
          startedAt,
          poll: Number(job.payload.poll ?? 0) + 1,
          now: ctx.now,
        });
      });
    } catch (error) {
      if (error instanceof DomainError && notPending.includes(error.code)) return;
      throw error;
    }
  };
}

/** Collects pending signatures of the minutes with the process's provider. Payload: `{ signatureId, poll }`. */
export function signingJobHandlers(provider: SigningProvider): JobHandlers {
  return {
    [collectSignatureJobKind]: collectionHandler(
      collectSignatureJobKind,
      (payload) => String(payload.signatureId),
      async (tx, actor, payload, now) => {
        const { signature } = await collectSignature(tx, actor, String(payload.signatureId), provider, now);
        return signature.status === "pending" ? signature.startedAt : null;
      },
      ["signature_not_pending", "version_not_found"],
    ),
  };
}
