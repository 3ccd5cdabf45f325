import { systemActor } from "../accounts/actor.js";
import type { SigningProvider } from "../approval/signing.js";
import { collectionAt } from "../approval/signing.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import type { JobHandlers } from "../jobs/run-jobs.js";
import { collectReportSignatureJobKind } from "./job-kinds.js";
import { collectReportSignature } from "./sign-report.js";

/**
 * Collects reports' pending signings with the process's provider, as src/approval/signing-jobs.ts does the minutes'
 * (the reasons for a new job per collection are written there): completed locks the version, failed is recorded,
 * still pending leaves the next collection, and the time limit fails it. A job for a signing no longer pending
 * does nothing.
 */
export function reportSigningJobHandlers(provider: SigningProvider): JobHandlers {
  return {
    [collectReportSignatureJobKind]: async (job, ctx) => {
      const reportId = String(job.payload.reportId);
      const signingId = String(job.payload.signingId);
      const poll = Number(job.payload.poll ?? 0);
      const actor = systemActor(job.municipalityId, "Paragraf (signering)");
      try {
        await inTransaction(ctx.db, async (tx) => {
          const result = await collectReportSignature(tx, actor, reportId, provider, ctx.now, signingId);
          if (result.status !== "pending") return;
          await enqueueJob(tx, {
            municipalityId: job.municipalityId,
            kind: collectReportSignatureJobKind,
            payload: { reportId, signingId, poll: poll + 1 },
            idempotencyKey: `${collectReportSignatureJobKind}:${signingId}:${poll + 1}`,
            runAt: collectionAt(result.startedAt, poll + 1, ctx.now),
          });
        });
      } catch (error) {
        if (error instanceof DomainError && ["report_signing_not_pending", "not_found"].includes(error.code))
          return;
        throw error;
      }
    },
  };
}
