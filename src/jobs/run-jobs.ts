import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { retryDelaySeconds } from "./backoff.js";
import { outboxJob } from "./tables.js";

export type Job = typeof outboxJob.$inferSelect;

export interface JobContext {
  db: Db;
  /** The time the run treats as now (tests move it forward). */
  now: Date;
  logger?: Logger;
}

/** Runs one job's side effect. It must be safe to run again after a crash: the queue delivers at least once. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface RunOptions {
  handlers: JobHandlers;
  now?: Date;
  /** How many jobs one claim takes. */
  batch?: number;
  /** How long a claimed job is held before another worker may take it over. */
  leaseSeconds?: number;
  logger?: Logger;
  /** Only this municipality's jobs (an operator's one-off run, and tests sharing a server database). */
  municipalityId?: string;
}

export interface RunResult {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Claims due jobs of the kinds there are handlers for and holds them for a lease. FOR UPDATE SKIP LOCKED lets
 * any number of workers claim at once without taking the same job; the claim commits before any job runs.
 */
export async function claimDueJobs(
  db: Db,
  kinds: string[],
  now: Date,
  batch: number,
  leaseSeconds: number,
  municipalityId?: string,
): Promise<Job[]> {
  if (kinds.length === 0) return [];
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({ id: outboxJob.id })
      .from(outboxJob)
      .where(
        and(
          isNull(outboxJob.doneAt),
          isNull(outboxJob.failedAt),
          lte(outboxJob.runAt, now),
          or(isNull(outboxJob.lockedUntil), lt(outboxJob.lockedUntil, now)),
          inArray(outboxJob.kind, kinds),
          municipalityId ? eq(outboxJob.municipalityId, municipalityId) : undefined,
        ),
      )
      .orderBy(asc(outboxJob.runAt))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outboxJob)
      .set({
        lockedUntil: new Date(now.getTime() + leaseSeconds * 1000),
        attempts: sql`${outboxJob.attempts} + 1`,
      })
      .where(
        inArray(
          outboxJob.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Runs every job that is due now, once, and returns what became of them. The worker loop calls this. */
export async function runDueJobs(db: Db, options: RunOptions): Promise<RunResult> {
  const result: RunResult = { done: 0, retried: 0, failed: 0 };
  const kinds = Object.keys(options.handlers);
  for (;;) {
    // The clock is read again for every batch: a lease counted from the start of a long run would already have
    // run out when a later batch is claimed, and another process would take the same jobs (issue 11's crash test
    // found letters sent twice by two processes that way).
    const now = options.now ?? new Date();
    const jobs = await claimDueJobs(
      db,
      kinds,
      now,
      options.batch ?? 20,
      options.leaseSeconds ?? 300,
      options.municipalityId,
    );
    if (jobs.length === 0) return result;
    for (const job of jobs) {
      const outcome = await runOne(db, job, options, now);
      result[outcome]++;
    }
  }
}

async function runOne(db: Db, job: Job, options: RunOptions, now: Date): Promise<keyof RunResult> {
  const handler = options.handlers[job.kind]!;
  try {
    await handler(job, { db, now, logger: options.logger });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = job.attempts >= job.maxAttempts;
    options.logger?.warn(
      { jobId: job.id, kind: job.kind, attempts: job.attempts, err: message },
      "job failed",
    );
    await inTransaction(db, (tx) =>
      tx
        .update(outboxJob)
        .set({
          lastError: message.slice(0, 2000),
          lockedUntil: null,
          ...(failed
            ? { failedAt: now }
            : { runAt: new Date(now.getTime() + retryDelaySeconds(job.attempts) * 1000) }),
        })
        .where(eq(outboxJob.id, job.id)),
    );
    return failed ? "failed" : "retried";
  }
  await inTransaction(db, (tx) =>
    tx
      .update(outboxJob)
      .set({ doneAt: now, lockedUntil: null, lastError: null })
      .where(eq(outboxJob.id, job.id)),
  );
  return "done";
}
