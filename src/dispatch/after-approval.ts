import { systemActor } from "../accounts/actor.js";
import { minutesApprovedJobKind } from "../approval/job-kinds.js";
import { inTransaction } from "../db/transaction.js";
import type { JobHandlers } from "../jobs/run-jobs.js";
import { dispatchApprovedParagraphs } from "./dispatch-approved.js";

/**
 * Dispatches what an approval covers once it has committed (KL 5 kap. 69–70 §§: a decision is sent when its minutes
 * are approved). Runs again safely: a paragraph already dispatched is skipped. A recipient whose address fails
 * makes the job fail and be retried, visible on the paragraph's dispatch page; the approval itself stands.
 * Registered whether or not Paragraf has an SMTP server: internal deliveries need none, and e-mail waits in the outbox.
 */
export function dispatchAfterApprovalHandlers(): JobHandlers {
  return {
    [minutesApprovedJobKind]: async (job, ctx) => {
      const ids = Array.isArray(job.payload.paragraphIds) ? job.payload.paragraphIds.map(String) : [];
      const actor = systemActor(job.municipalityId, "Paragraf (expediering efter justering)");
      await inTransaction(ctx.db, (tx) => dispatchApprovedParagraphs(tx, actor, ids));
    },
  };
}
