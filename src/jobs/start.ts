import type { Logger } from "pino";
import { approvalJobHandlers } from "../approval/jobs.js";
import { builtInSigning, type SigningProvider } from "../approval/signing.js";
import { signingJobHandlers } from "../approval/signing-jobs.js";
import { consultationJobHandlers } from "../consultations/notify.js";
import type { Db } from "../db/connect.js";
import { dispatchAfterApprovalHandlers } from "../dispatch/after-approval.js";
import { dispatchJobHandlers } from "../dispatch/send.js";
import { createMailer, type Mailer, mailSettingsFromEnv } from "../mail/mailer.js";
import { decisionsPublishedHandlers, portalJobHandlers } from "../portal/notify.js";
import { reportSigningJobHandlers } from "../reports/signing-jobs.js";
import { reserveJobHandlers } from "../reserves/notify.js";
import type { JobHandlers } from "./run-jobs.js";
import { startWorker, type Worker } from "./worker.js";

/**
 * Every capability's job handlers, as the worker runs them: mail jobs only with a mailer, and signatures collected
 * with the process's signing provider (the one the app signs with).
 */
export function jobHandlers(
  options: { mailer?: Mailer | null; baseUrl?: string; signing?: SigningProvider } = {},
): JobHandlers {
  const { mailer = null, baseUrl = "http://localhost:3000", signing = builtInSigning } = options;
  return {
    ...approvalJobHandlers(),
    ...signingJobHandlers(signing),
    ...reportSigningJobHandlers(signing),
    ...dispatchAfterApprovalHandlers(),
    ...decisionsPublishedHandlers(),
    ...(mailer
      ? {
          ...consultationJobHandlers(mailer),
          ...dispatchJobHandlers(mailer),
          ...portalJobHandlers(mailer, baseUrl),
        }
      : {}),
    ...reserveJobHandlers(mailer),
  };
}

/**
 * The process's job worker with every capability's handlers. Without SMTP settings no mail job is claimed:
 * they wait in the outbox, and go out once a process with settings runs. Pending signatures are collected with
 * `signing`, the provider the process's app signs with (Paragraf's own when not given).
 */
export function startJobWorker(
  db: Db,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
  signing: SigningProvider = builtInSigning,
): Worker {
  const settings = mailSettingsFromEnv(env);
  if (!settings) logger.warn("PARAGRAF_SMTP_URL är inte satt: e-post väntar i utkorgen tills den är det");
  const mailer = settings ? createMailer(settings) : null;
  const base = (env.PARAGRAF_PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
  const handlers = jobHandlers({ mailer, baseUrl: base, signing });
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
