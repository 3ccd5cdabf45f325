import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { stockholmInstant } from "../domain/clock.js";
import {
  calendarPeriod,
  type FollowUpCalendar,
  periodLabel,
  type ReportPeriod,
  reportingPeriods,
} from "../domain/follow-up.js";
import { registerTitle } from "../domain/secrecy.js";
import { enqueueJob } from "../jobs/enqueue.js";
import type { Job, JobContext, JobHandlers } from "../jobs/run-jobs.js";
import { deliverOnce } from "../mail/deliver.js";
import type { Mailer } from "../mail/mailer.js";
import { body } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { loadCalendar } from "./calendar.js";
import { runImport } from "./import-rows.js";
import { importJobKind, reminderLeadDays, reportReminderJobKind } from "./job-kinds.js";
import { callOff, followUpReport } from "./tables.js";

/** When the reminder of a report due on dueOn goes out: two weeks before, at eight in the morning. */
export function reminderTime(dueOn: string): Date {
  const d = new Date(`${dueOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - reminderLeadDays);
  return new Date(stockholmInstant(d.toISOString().slice(0, 10), "08:00"));
}

/**
 * Queues a reminder for each report a granted call-off owes on the municipality's follow-up calendar, two weeks
 * before it is due, in the transaction that granted it. One job per call-off and period, ever (the idempotency
 * key); a later change of the calendar moves the jobs still waiting (setFollowUpCalendar).
 */
export async function scheduleReportReminders(
  tx: Tx,
  municipalityId: string,
  granted: { id: string; startsOn: string; endsOn: string },
) {
  const calendar = await loadCalendar(tx, municipalityId);
  for (const p of reportingPeriods(calendar, granted.startsOn, granted.endsOn)) {
    await enqueueJob(tx, {
      municipalityId,
      kind: reportReminderJobKind,
      payload: { callOffId: granted.id, year: p.year, period: p.period },
      idempotencyKey: `${reportReminderJobKind}:${granted.id}:${p.year}:${p.period}`,
      runAt: reminderTime(p.dueOn),
    });
  }
}

/** The reminder letter: the case's public title only, since a letter leaves the municipality (OSL 5 kap. 2 §). */
export function reminderLetter(o: {
  calendar: FollowUpCalendar;
  bodyName: string;
  caseNumber: string;
  title: string;
  year: number;
  period: ReportPeriod;
}) {
  const p = calendarPeriod(o.calendar, o.year, o.period);
  const label = periodLabel(o.year, o.period);
  return {
    subject: `Påminnelse: uppföljning av ${o.title} (${o.caseNumber}), ${label.toLowerCase()} senast ${p.dueOn}`,
    text: [
      `Till ${o.bodyName}`,
      "",
      `Insatsen ${o.title} (${o.caseNumber}) har fått medel ur kommunstyrelsens reserv och följs upp enligt`,
      `kommunens uppföljningskalender. ${label} avser ${p.startsOn} till ${p.endsOn} och ska lämnas senast ${p.dueOn}:`,
      "indikatorernas värden, status, använda medel och en kort beskrivning av vad som hänt.",
      "",
      `Ange diarienummer ${o.caseNumber} i er rapport.`,
    ].join("\n"),
  };
}

/** The handlers of reserves' jobs: report reminders (with a mailer) and imports of large files (always). */
export function reserveJobHandlers(mailer: Mailer | null): JobHandlers {
  const handlers: JobHandlers = {
    async [importJobKind](job: Job, ctx: JobContext) {
      await runImport(ctx.db, job.municipalityId, String(job.payload.importId));
    },
  };
  if (!mailer) return handlers;
  handlers[reportReminderJobKind] = async (job: Job, ctx: JobContext) => {
    const callOffId = String(job.payload.callOffId);
    const year = Number(job.payload.year);
    const period = job.payload.period as ReportPeriod;
    const loaded = await inTransaction(ctx.db, async (tx) => {
      const [row] = await tx
        .select({
          caseNumber: registerCase.number,
          title: registerCase.title,
          publicTitle: registerCase.publicTitle,
          secret: registerCase.secrecyProvision,
          bodyName: body.name,
          email: body.email,
          grantedOre: callOff.grantedOre,
        })
        .from(callOff)
        .innerJoin(registerCase, eq(registerCase.id, callOff.caseId))
        .innerJoin(body, eq(body.id, callOff.applyingBodyId))
        .where(and(eq(callOff.id, callOffId), eq(callOff.municipalityId, job.municipalityId)));
      // A grant withdrawn in full owes no more reports.
      if (!row || row.grantedOre === 0) return null;
      const [done] = await tx
        .select({ id: followUpReport.id })
        .from(followUpReport)
        .where(
          and(
            eq(followUpReport.callOffId, callOffId),
            eq(followUpReport.year, year),
            eq(followUpReport.period, period),
          ),
        );
      return done ? null : { ...row, calendar: await loadCalendar(tx, job.municipalityId) };
    });
    // Reported already, withdrawn, or the body has no address: nothing to remind.
    if (!loaded?.email) return;
    const title = registerTitle(
      { secret: Boolean(loaded.secret), title: loaded.title, publicTitle: loaded.publicTitle },
      false,
    );
    await deliverOnce(ctx.db, mailer, job, {
      to: loaded.email,
      ...reminderLetter({
        calendar: loaded.calendar,
        bodyName: loaded.bodyName,
        caseNumber: loaded.caseNumber,
        title,
        year,
        period,
      }),
    });
  };
  return handlers;
}
