import type { Tx } from "../db/connect.js";
import { outboxJob } from "./tables.js";

export interface JobInput {
  municipalityId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Names the side effect once: a second enqueue with the same key is ignored. */
  idempotencyKey: string;
  /** When the job becomes due; now when omitted. */
  runAt?: Date;
}

/**
 * Writes a job into the outbox inside the caller's transaction: it exists exactly when the change that caused
 * it commits, and runs after commit. Returns false when a job with the same key already exists.
 */
export async function enqueueJob(tx: Tx, job: JobInput): Promise<boolean> {
  const inserted = await tx
    .insert(outboxJob)
    .values({
      municipalityId: job.municipalityId,
      kind: job.kind,
      payload: job.payload,
      idempotencyKey: job.idempotencyKey,
      runAt: job.runAt ?? new Date(),
    })
    .onConflictDoNothing({ target: outboxJob.idempotencyKey })
    .returning({ id: outboxJob.id });
  return inserted.length > 0;
}
