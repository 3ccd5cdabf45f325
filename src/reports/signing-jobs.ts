import type { SigningProvider } from "../approval/signing.js";
import { collectionHandler } from "../approval/signing-jobs.js";
import type { JobHandlers } from "../jobs/run-jobs.js";
import { collectReportSignatureJobKind } from "./job-kinds.js";
import { collectReportSignature } from "./sign-report.js";

/**
 * Collects reports' pending signings with the process's provider, by the same jobs as the minutes' signatures
 * (src/approval/signing-jobs.ts): completed locks the version, failed is recorded, still pending leaves the next
 * collection, and the time limit fails it. Payload: `{ reportId, signingId, poll }`; a job collects only its own
 * signing, not a later one of the same report.
 */
export function reportSigningJobHandlers(provider: SigningProvider): JobHandlers {
  return {
    [collectReportSignatureJobKind]: collectionHandler(
      collectReportSignatureJobKind,
      (payload) => String(payload.signingId),
      async (tx, actor, payload, now) => {
        const result = await collectReportSignature(
          tx,
          actor,
          String(payload.reportId),
          provider,
          now,
          String(payload.signingId),
        );
        return result.status === "pending" ? result.startedAt : null;
      },
      ["report_signing_not_pending", "not_found"],
    ),
  };
}
