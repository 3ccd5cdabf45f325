import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import type { Database } from "../db/connect.js";
import { retryDelaySeconds } from "./backoff.js";
import { enqueueJob } from "./enqueue.js";
import { type JobHandlers, runDueJobs } from "./run-jobs.js";
import { outboxJob } from "./tables.js";
import { startWorker } from "./worker.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const jobsOf = (municipalityId: string) =>
  tx(database, (t) => t.select().from(outboxJob).where(eq(outboxJob.municipalityId, municipalityId)));

describe("the outbox", () => {
  it("keeps one job per idempotency key and only what committed", async () => {
    const m = await freshMunicipality(database);
    const job = { municipalityId: m.id, kind: "test.kind", payload: { n: 1 }, idempotencyKey: `k-${m.id}` };
    expect(await tx(database, (t) => enqueueJob(t, job))).toBe(true);
    expect(await tx(database, (t) => enqueueJob(t, job))).toBe(false);
    await expect(
      tx(database, async (t) => {
        await enqueueJob(t, { ...job, idempotencyKey: `rolled-back-${m.id}` });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await jobsOf(m.id)).map((j) => j.idempotencyKey)).toEqual([`k-${m.id}`]);
  });

  it("retries with growing delays and gives up after the last attempt", async () => {
    expect([1, 2, 3, 10].map(retryDelaySeconds)).toEqual([30, 60, 120, 3600]);
    const m = await freshMunicipality(database);
    const kind = `failing-${m.id}`;
    await tx(database, (t) =>
      enqueueJob(t, { municipalityId: m.id, kind, payload: {}, idempotencyKey: kind }),
    );
    await tx(database, (t) => t.update(outboxJob).set({ maxAttempts: 2 }).where(eq(outboxJob.kind, kind)));
    const handlers: JobHandlers = {
      [kind]: async () => {
        throw new Error("SMTP nere");
      },
    };
    const start = Date.now();
    expect(await runDueJobs(database.db, { handlers, now: new Date(start) })).toMatchObject({ retried: 1 });
    let [job] = await jobsOf(m.id);
    expect(job!.runAt.getTime()).toBe(start + 30_000);
    expect(job!.lastError).toBe("SMTP nere");
    expect(await runDueJobs(database.db, { handlers, now: new Date(start + 10_000) })).toMatchObject({
      retried: 0,
      failed: 0,
    });
    expect(await runDueJobs(database.db, { handlers, now: new Date(start + 31_000) })).toMatchObject({
      failed: 1,
    });
    [job] = await jobsOf(m.id);
    expect(job!.failedAt).not.toBeNull();
    expect(job!.attempts).toBe(2);
  });

  it("lets two workers at once run each job exactly once (FOR UPDATE SKIP LOCKED)", async () => {
    const m = await freshMunicipality(database);
    const kind = `count-${m.id}`;
    for (let i = 0; i < 30; i++)
      await tx(database, (t) =>
        enqueueJob(t, { municipalityId: m.id, kind, payload: { i }, idempotencyKey: `${kind}-${i}` }),
      );
    const seen: number[] = [];
    const handlers: JobHandlers = {
      [kind]: async (job) => {
        seen.push(Number(job.payload.i));
        await new Promise((r) => setTimeout(r, 2));
      },
    };
    const results = await Promise.all([
      runDueJobs(database.db, { handlers, batch: 3 }),
      runDueJobs(database.db, { handlers, batch: 3 }),
    ]);
    expect(results[0]!.done + results[1]!.done).toBe(30);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("runs due jobs in a loop until stopped", async () => {
    const m = await freshMunicipality(database);
    const kind = `loop-${m.id}`;
    let ran = 0;
    const worker = startWorker(database.db, { [kind]: async () => void ran++ }, { intervalMs: 20 });
    await tx(database, (t) =>
      enqueueJob(t, { municipalityId: m.id, kind, payload: {}, idempotencyKey: kind }),
    );
    for (let i = 0; i < 100 && ran === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(ran).toBe(1);
    expect((await jobsOf(m.id))[0]!.doneAt).not.toBeNull();
  });
});
