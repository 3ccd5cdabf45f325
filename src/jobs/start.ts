import type { Logger } from "pino";
import { approvalJobHandlers } from "../approval/jobs.js";
import { consultationJobHandlers } from "../consultations/notify.js";
import type { Db } from "../db/connect.js";
import { dispatchAfterApprovalHandlers } from "../dispatch/after-approval.js";
import { dispatchJobHandlers } from "../dispatch/send.js";
import { createMailer, mailSettingsFromEnv } from "../mail/mailer.js";
import { decisionsPublishedHandlers, portalJobHandlers } from "../portal/notify.js";
import { reserveJobHandlers } from "../reserves/notify.js";
import { startWorker, type Worker } from "./worker.js";

/**
 * The process's job worker with every capability's handlers. Without SMTP settings no mail job is claimed:
 * they wait in the outbox, and go out once a process with settings runs.
 */
export function startJobWorker(db: Db, logger: Logger, env: NodeJS.ProcessEnv = process.env): Worker {
  const settings = mailSettingsFromEnv(env);
  if (!settings) logger.warn("PARAGRAF_SMTP_URL är inte satt: e-post väntar i utkorgen tills den är det");
  const mailer = settings ? createMailer(settings) : null;
  const base = (env.PARAGRAF_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
  const handlers = {
    ...approvalJobHandlers(),
    ...dispatchAfterApprovalHandlers(),
    ...decisionsPublishedHandlers(),
    ...(mailer
      ? {
          ...consultationJobHandlers(mailer),
          ...dispatchJobHandlers(mailer),
          ...portalJobHandlers(mailer, base),
        }
      : {}),
    ...reserveJobHandlers(mailer),
  };
  const worker = startWorker(db, handlers, {
    logger,
    intervalMs: Number(env.PARAGRAF_JOB_INTERVAL_MS ?? 5000),
    // How long a claimed job is held before another process may take it over: after a crash, the delay before
    // the jobs the dead process held are run again.
    leaseSeconds: Number(env.PARAGRAF_JOB_LEASE_SECONDS ?? 300),
  });
  return {
    async stop() {
      await worker.stop();
      mailer?.close();
    },
  };
}
