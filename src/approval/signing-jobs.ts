import { systemActor } from "../accounts/actor.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import type { JobHandlers } from "../jobs/run-jobs.js";
import { collectSignature } from "./collect-signature.js";
import { collectSignatureJobKind } from "./job-kinds.js";
import { collectionAt, type SigningProvider } from "./signing.js";

/**
 * Collects pending signatures of the minutes with the process's provider. A signature still pending leaves the
 * next collection as a new job with a later run_at, in the transaction that asked: waiting for a signer is not a
 * failure, so it neither counts against the job's attempts nor waits out the runner's doubling backoff (30 s to an
 * hour) while the signer is at their phone; the schedule is collectionAt's, and ends at the time limit, when
 * collectSignature fails the signature. A job for a signature no longer pending (signed, failed, collected by its
 * signer meanwhile) does nothing; an error of the provider or the database throws, and the runner retries.
 */
export function signingJobHandlers(provider: SigningProvider): JobHandlers {
  return {
    [collectSignatureJobKind]: async (job, ctx) => {
      const signatureId = String(job.payload.signatureId);
      const poll = Number(job.payload.poll ?? 0);
      const actor = systemActor(job.municipalityId, "Paragraf (signering)");
      try {
        await inTransaction(ctx.db, async (tx) => {
          const { signature } = await collectSignature(tx, actor, signatureId, provider, ctx.now);
          if (signature.status !== "pending") return;
          await enqueueJob(tx, {
            municipalityId: job.municipalityId,
            kind: collectSignatureJobKind,
            payload: { signatureId, poll: poll + 1 },
            idempotencyKey: `${collectSignatureJobKind}:${signatureId}:${poll + 1}`,
            runAt: collectionAt(signature.startedAt, poll + 1, ctx.now),
          });
        });
      } catch (error) {
        if (
          error instanceof DomainError &&
          ["signature_not_pending", "version_not_found"].includes(error.code)
        )
          return;
        throw error;
      }
    },
  };
}
