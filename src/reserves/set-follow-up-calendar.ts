import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import {
  type CalendarRule,
  calendarPeriod,
  calendarRuleProblem,
  type FollowUpCalendar,
  type ReportPeriod,
} from "../domain/follow-up.js";
import { outboxJob } from "../jobs/tables.js";
import { loadCalendar } from "./calendar.js";
import { reportReminderJobKind } from "./job-kinds.js";
import { reminderTime } from "./notify.js";
import { parseInput } from "./parse-input.js";
import { FollowUpCalendarInput } from "./schemas.js";
import { followUpCalendar } from "./tables.js";

const monthDay = (text: string) => ({ month: Number(text.slice(0, 2)), day: Number(text.slice(3, 5)) });

/**
 * Sets the municipality's follow-up calendar: the day the interim period ends, and the day each report is due.
 * Report due dates, reminders and reports are read against it from then on; reminders already queued and not
 * yet sent are moved to the new dates in the same transaction.
 */
export async function setFollowUpCalendar(tx: Tx, actor: Actor, raw: FollowUpCalendarInput) {
  const input = parseInput(FollowUpCalendarInput, raw);
  authorize(actor, "reserve:write");
  const ends = monthDay(input.interim.periodEnds);
  const interimDue = monthDay(input.interim.due);
  const annualDue = monthDay(input.annual.due);
  const calendar: FollowUpCalendar = {
    interim: {
      endsMonth: ends.month,
      endsDay: ends.day,
      dueMonth: interimDue.month,
      dueDay: interimDue.day,
      dueNextYear: input.interim.dueNextYear,
    },
    annual: {
      endsMonth: 12,
      endsDay: 31,
      dueMonth: annualDue.month,
      dueDay: annualDue.day,
      dueNextYear: input.annual.dueNextYear,
    },
  };
  for (const period of ["interim", "annual"] as const) {
    const problem = calendarRuleProblem(period, calendar[period]);
    if (problem) {
      const field = problem.startsWith("Perioden") ? "periodEnds" : "due";
      throw new DomainError("calendar_rule_invalid", { message: problem }, `${period}.${field}`);
    }
  }
  const before = await loadCalendar(tx, actor.municipalityId);
  for (const period of ["interim", "annual"] as const) {
    const rule: CalendarRule = calendar[period];
    await tx
      .insert(followUpCalendar)
      .values({ municipalityId: actor.municipalityId, period, ...rule })
      .onConflictDoUpdate({
        target: [followUpCalendar.municipalityId, followUpCalendar.period],
        set: { ...rule, updatedAt: new Date() },
      });
  }
  // Reminders waiting for their day follow the calendar to its new dates.
  const waiting = await tx
    .select({ id: outboxJob.id, payload: outboxJob.payload })
    .from(outboxJob)
    .where(
      and(
        eq(outboxJob.municipalityId, actor.municipalityId),
        eq(outboxJob.kind, reportReminderJobKind),
        isNull(outboxJob.doneAt),
        isNull(outboxJob.failedAt),
        eq(outboxJob.attempts, 0),
      ),
    );
  for (const job of waiting) {
    const p = calendarPeriod(calendar, Number(job.payload.year), job.payload.period as ReportPeriod);
    await tx
      .update(outboxJob)
      .set({ runAt: reminderTime(p.dueOn) })
      .where(eq(outboxJob.id, job.id));
  }
  await recordAudit(tx, actor, {
    action: "follow_up_calendar.set",
    recordType: "follow_up_calendar",
    recordId: actor.municipalityId,
    before,
    after: calendar,
  });
  return calendar;
}
