import { and, eq } from "drizzle-orm";
import { decisionsPublishedJobKind } from "../approval/job-kinds.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { maskPersonalData } from "../domain/personal-data.js";
import { registerTitle } from "../domain/secrecy.js";
import type { Job, JobContext, JobHandlers } from "../jobs/run-jobs.js";
import { deliverOnce } from "../mail/deliver.js";
import type { Mailer } from "../mail/mailer.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { readDecision } from "./open-data/read-decisions.js";
import { confirmJobKind, decisionJobKind, notifySubscribers } from "./subscriptions.js";
import { subscription } from "./tables.js";

// The subscription mails: the confirmation, and one mail per new decision. Each is made when the job runs, from the
// subscription as it is then: an ended subscription gets nothing. Every mail carries the link that ends it.

async function findLiveSubscription(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select({
      s: subscription,
      bodyName: body.name,
      caseNumber: registerCase.number,
      caseTitle: registerCase.title,
      casePublicTitle: registerCase.publicTitle,
      caseSecrecy: registerCase.secrecyProvision,
    })
    .from(subscription)
    .leftJoin(body, eq(body.id, subscription.bodyId))
    .leftJoin(registerCase, eq(registerCase.id, subscription.caseId))
    .where(and(eq(subscription.municipalityId, municipalityId), eq(subscription.id, id)));
  return row && row.s.unsubscribedAt === null ? row : null;
}

type Found = NonNullable<Awaited<ReturnType<typeof findLiveSubscription>>>;

/** What the subscription follows, as the public may read it. */
function targetName(r: Found): string {
  if (r.bodyName) return `beslut från ${r.bodyName}`;
  const title = registerTitle(
    { secret: r.caseSecrecy !== null, title: r.caseTitle ?? "", publicTitle: r.casePublicTitle },
    false,
  );
  return `ärende ${r.caseNumber} ${maskPersonalData(title)}`;
}

function footer(base: string, token: string): string[] {
  return ["", "--", `Avsluta bevakningen med ett klick: ${base}/bevakning/avsluta?token=${token}`];
}

/**
 * When minutes are approved their decisions are public: one mail job per confirmed subscriber of each decision's
 * body or case. Registered with or without an SMTP server; the mails wait in the outbox until there is one.
 */
export function decisionsPublishedHandlers(): JobHandlers {
  return {
    async [decisionsPublishedJobKind](job: Job, ctx: JobContext) {
      const ids = Array.isArray(job.payload.paragraphIds) ? job.payload.paragraphIds.map(String) : [];
      await inTransaction(ctx.db, (tx) => notifySubscribers(tx, job.municipalityId, ids));
    },
  };
}

/** The job handlers of subscription mails; `base` is the public address the links are made from. */
export function portalJobHandlers(mailer: Mailer, base: string): JobHandlers {
  return {
    async [confirmJobKind](job: Job, ctx: JobContext) {
      const r = await inTransaction(ctx.db, (tx) =>
        findLiveSubscription(tx, job.municipalityId, String(job.payload.subscriptionId)),
      );
      if (!r || r.s.confirmedAt) return;
      await deliverOnce(ctx.db, mailer, job, {
        to: r.s.email,
        subject: `Bekräfta din bevakning av ${targetName(r)}`,
        text: [
          `Någon, troligen du, har bett att få e-post om ${targetName(r)}.`,
          "",
          `Bekräfta bevakningen här: ${base}/bevakning/bekrafta?token=${r.s.token}`,
          "",
          "Om du inte har bett om det kan du bortse från det här meddelandet; du får då ingen mer e-post.",
          ...footer(base, r.s.token),
        ].join("\n"),
      });
    },
    async [decisionJobKind](job: Job, ctx: JobContext) {
      const loaded = await inTransaction(ctx.db, async (tx) => {
        const r = await findLiveSubscription(tx, job.municipalityId, String(job.payload.subscriptionId));
        if (!r?.s.confirmedAt) return null;
        const decision = await readDecision(tx, job.municipalityId, String(job.payload.paragraphId), base);
        return decision ? { r, decision } : null;
      });
      if (!loaded) return;
      const p = loaded.decision["paragraf:paragraph"];
      await deliverOnce(ctx.db, mailer, job, {
        to: loaded.r.s.email,
        subject: `Nytt beslut: ${p.code} ${p.title}`,
        text: [
          `${p.body.name} har beslutat i ärende ${p.caseNumber} ${p.title} (${p.code}).`,
          "",
          ...p.decision,
          "",
          `Beslutet i sin helhet: ${p.url}`,
          ...footer(base, loaded.r.s.token),
        ].join("\n"),
      });
    },
  };
}
