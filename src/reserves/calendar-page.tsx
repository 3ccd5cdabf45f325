import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { todayInStockholm } from "../domain/clock.js";
import { calendarPeriod, periodLabel } from "../domain/follow-up.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { read, requireActor, requireMunicipality } from "../http/pages.js";
import { loadCalendar, readCalendar } from "./calendar.js";
import { followUpPath } from "./present.js";
import { setFollowUpCalendar } from "./set-follow-up-calendar.js";

export const calendarPath = `${followUpPath}/kalender`;

const monthDay = (message: string) => z.string({ error: message }).regex(/^\d{2}-\d{2}$/, message);

const CalendarForm = z.object({
  "interim.periodEnds": monthDay("Ange dagen som MM-DD, t.ex. 08-31."),
  "interim.due": monthDay("Ange dagen som MM-DD, t.ex. 09-30."),
  "interim.dueNextYear": z.boolean(),
  "annual.due": monthDay("Ange dagen som MM-DD, t.ex. 01-31."),
  "annual.dueNextYear": z.boolean(),
});

async function loadPage(c: Context<AppEnv>) {
  const m = requireMunicipality(c);
  requireActor(c);
  return read(c, async (tx) => {
    const view = await readCalendar(tx, m.id);
    const calendar = await loadCalendar(tx, m.id);
    const year = Number(todayInStockholm().slice(0, 4));
    const example = (["interim", "annual"] as const).map((p) => {
      const period = calendarPeriod(calendar, year, p);
      return `${periodLabel(year, p)} avser ${period.startsOn}–${period.endsOn} och ska lämnas senast ${period.dueOn}.`;
    });
    return { view, example };
  });
}

/** The municipality's follow-up calendar as a form: when the interim period ends and when each report is due. */
export function registerCalendarPage(app: OpenAPIHono<AppEnv>) {
  formRoute(app, calendarPath, {
    load: loadPage,
    title: () => "Uppföljningskalender",
    trail: () => [{ href: followUpPath, label: "Uppföljning" }, { label: "Uppföljningskalender" }],
    intro:
      "Kommunens datum för delårsrapport och årsanalys. Varje period börjar 1 januari. Rapporternas sista dagar på insatsernas sidor och påminnelserna till nämnderna följer kalendern; påminnelser som väntar flyttas när du sparar.",
    fields: (l) => [
      {
        name: "interim.periodEnds",
        label: "Delårsperioden slutar (MM-DD)",
        required: true,
        hint: `Nu: ${l.example[0]}${l.view.own ? "" : " (den vanliga kalendern; kommunen har inte satt en egen)"}`,
      },
      { name: "interim.due", label: "Delårsrapporten ska lämnas senast (MM-DD)", required: true },
      { name: "interim.dueNextYear", label: "Delårsrapporten lämnas året efter perioden", type: "checkbox" },
      {
        name: "annual.due",
        label: "Årsanalysen ska lämnas senast (MM-DD)",
        required: true,
        hint: `Nu: ${l.example[1]}`,
      },
      { name: "annual.dueNextYear", label: "Årsanalysen lämnas året efter perioden", type: "checkbox" },
    ],
    initial: (l) => ({
      "interim.periodEnds": l.view.interim.periodEnds,
      "interim.due": l.view.interim.due,
      "interim.dueNextYear": l.view.interim.dueNextYear,
      "annual.due": l.view.annual.due,
      "annual.dueNextYear": l.view.annual.dueNextYear,
    }),
    schema: CalendarForm,
    run: (tx, actor, f) =>
      setFollowUpCalendar(tx, actor, {
        interim: {
          periodEnds: f["interim.periodEnds"],
          due: f["interim.due"],
          dueNextYear: f["interim.dueNextYear"],
        },
        annual: { due: f["annual.due"], dueNextYear: f["annual.dueNextYear"] },
      }),
    redirect: () => calendarPath,
    submitLabel: "Spara kalendern",
    current: followUpPath,
  });
}
