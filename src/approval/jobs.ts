import { inTransaction } from "../db/transaction.js";
import { stockholmDay } from "../domain/clock.js";
import type { JobHandlers } from "../jobs/run-jobs.js";
import { takeDownJobKind } from "./job-kinds.js";
import { takeDownDue } from "./queries.js";

/**
 * Takes notices down from the notice board when their day has come (L13): a job, so that the board is right
 * whether anyone visits it or not. It takes down every notice that is due, and fails (to be retried) if its own
 * notice is not yet due, so a job run early cannot leave it up.
 */
export function approvalJobHandlers(): JobHandlers {
  return {
    [takeDownJobKind]: async (job, ctx) => {
      const today = stockholmDay(ctx.now);
      await inTransaction(ctx.db, async (tx) => {
        await takeDownDue(tx, today, ctx.now);
        const still = await tx.query.notice.findFirst({
          where: (n, { and, eq, isNull }) =>
            and(eq(n.id, String(job.payload.noticeId)), isNull(n.takenDownAt)),
        });
        if (still) throw new Error(`notice ${still.id} comes down on ${still.takeDownOn}, not ${today}`);
      });
    },
  };
}
