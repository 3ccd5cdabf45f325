import type { Logger } from "pino";
import type { Db } from "../db/connect.js";
import { type JobHandlers, runDueJobs } from "./run-jobs.js";

export interface Worker {
  /** Stops the loop and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

/** Polls the outbox every intervalMs and runs what is due, until stopped. */
export function startWorker(
  db: Db,
  handlers: JobHandlers,
  options: { logger?: Logger; intervalMs?: number; leaseSeconds?: number } = {},
): Worker {
  const interval = options.intervalMs ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = runDueJobs(db, { handlers, logger: options.logger, leaseSeconds: options.leaseSeconds })
      .then((r) => {
        if (r.done + r.retried + r.failed > 0) options.logger?.info(r, "jobs run");
      })
      .catch((error) => options.logger?.error({ err: error }, "job run failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, interval);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
