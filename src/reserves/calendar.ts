import { eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { type FollowUpCalendar, standardCalendar } from "../domain/follow-up.js";
import { followUpCalendar } from "./tables.js";

/** The municipality's follow-up calendar: its own rule for each period it has set, the common one otherwise. */
export async function loadCalendar(tx: Tx, municipalityId: string): Promise<FollowUpCalendar> {
  const rows = await tx
    .select()
    .from(followUpCalendar)
    .where(eq(followUpCalendar.municipalityId, municipalityId));
  const calendar: FollowUpCalendar = { ...standardCalendar };
  for (const r of rows)
    calendar[r.period] = {
      endsMonth: r.endsMonth,
      endsDay: r.endsDay,
      dueMonth: r.dueMonth,
      dueDay: r.dueDay,
      dueNextYear: r.dueNextYear,
    };
  return calendar;
}

/** Whether the municipality has set its own calendar (rather than using the common one). */
export async function hasOwnCalendar(tx: Tx, municipalityId: string): Promise<boolean> {
  const rows = await tx
    .select({ period: followUpCalendar.period })
    .from(followUpCalendar)
    .where(eq(followUpCalendar.municipalityId, municipalityId));
  return rows.length > 0;
}

const md = (month: number, day: number) =>
  `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** The calendar as the API and the page show it: days as MM-DD, and whether it is the municipality's own. */
export async function readCalendar(tx: Tx, municipalityId: string) {
  const calendar = await loadCalendar(tx, municipalityId);
  const view = (period: "interim" | "annual") => ({
    periodEnds: md(calendar[period].endsMonth, calendar[period].endsDay),
    due: md(calendar[period].dueMonth, calendar[period].dueDay),
    dueNextYear: calendar[period].dueNextYear,
  });
  return { own: await hasOwnCalendar(tx, municipalityId), interim: view("interim"), annual: view("annual") };
}
