import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { listAreas } from "../areas/save-area.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import type { Field, Option } from "../http/forms.js";
import { read, requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { readChoices } from "../register/read-choices.js";
import { applyForCallOff } from "./apply-for-call-off.js";
import { createAppropriation } from "./create-appropriation.js";
import { decisionFields, isoDate, kronor, paragraphNumber } from "./form-parts.js";
import { callOffPath, followUpPath, reservePath } from "./present.js";
import { readReserve } from "./read-follow-up.js";
import { startQuestionRound } from "./start-question-round.js";

type C = Context<AppEnv>;

const lines = (text: string | null | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const text = (max: number, empty: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, `Texten får vara högst ${max} tecken.`);

const NewReserveForm = z.object({
  externalId: text(100, "Ange ett externt id."),
  ownerBodyId: z.uuid({ error: "Välj det organ som förfogar över reserven." }),
  year: z.int({ error: "Ange året som ett heltal." }),
  title: text(300, "Ange reservens namn."),
  purpose: text(5000, "Beskriv syftet."),
  processes: z.string().nullish(),
  targetGroups: z.string().nullish(),
  themes: text(5000, "Ange minst ett tema, ett per rad."),
  amount: kronor(),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som fattade beslutet." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": paragraphNumber,
});

const NewCallOffForm = z.object({
  externalId: text(100, "Ange ett externt id."),
  seriesCode: text(20, "Välj diarieserie."),
  title: text(500, "Ange insatsens rubrik."),
  applyingBodyId: z.uuid({ error: "Välj den nämnd som ansöker." }),
  theme: text(200, "Välj ett tema."),
  targetGroup: text(300, "Ange målgruppen."),
  areaIds: z.array(z.uuid()).default([]),
  process: text(300, "Ange vilken process insatsen stärker."),
  description: text(10_000, "Beskriv vad insatsen gör."),
  appliedOn: isoDate("Ange ansökningsdatum som ÅÅÅÅ-MM-DD."),
  startsOn: isoDate("Ange när insatsen börjar som ÅÅÅÅ-MM-DD."),
  endsOn: isoDate("Ange när insatsen slutar som ÅÅÅÅ-MM-DD."),
  requested: kronor(),
});

const QuestionRoundForm = z.object({
  title: text(500, "Ange frågeomgångens rubrik."),
  coverText: text(20_000, "Skriv följebrevet."),
  questions: text(50_000, "Ställ minst en fråga, en per rad."),
  bodyIds: z.array(z.uuid({ error: "Välj nämnder ur listan." })).min(1, "Välj minst en nämnd."),
  deadline: isoDate("Ange sista svarsdag som ÅÅÅÅ-MM-DD."),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som beslutade om frågeomgången." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": paragraphNumber,
});

async function choices(c: C) {
  const m = requireMunicipality(c);
  requireActor(c);
  return read(c, async (tx) => ({ ...(await readChoices(tx, m.id)), areas: await listAreas(tx, m.id) }));
}

/** The forms that set up a reserve and record a committee's application to draw on it. */
export function registerNewReservePages(app: OpenAPIHono<AppEnv>) {
  formRoute(app, `${followUpPath}/ny-reserv`, {
    load: choices,
    title: () => "Ny reserv",
    trail: () => [{ href: followUpPath, label: "Uppföljning" }, { label: "Ny reserv" }],
    intro:
      "En reserv (anslag till förfogande) som ett beslut har avsatt. Beloppet blir huvudbokens första rad.",
    fields: (l) => [
      {
        name: "externalId",
        label: "Externt id",
        required: true,
        hint: "Id i ekonomisystemet, t.ex. KS-RESERV-2026.",
      },
      {
        name: "ownerBodyId",
        label: "Förfogar över reserven",
        type: "select",
        required: true,
        options: l.bodies,
      },
      { name: "year", label: "År", type: "number", required: true },
      { name: "title", label: "Namn", required: true },
      { name: "purpose", label: "Syfte", type: "textarea", required: true },
      { name: "processes", label: "Processer den stöder", type: "textarea", hint: "En per rad." },
      { name: "targetGroups", label: "Målgrupper", type: "textarea", hint: "En per rad." },
      {
        name: "themes",
        label: "Teman som avrop får ha",
        type: "textarea",
        required: true,
        hint: "Ett per rad.",
      },
      { name: "amount", label: "Belopp i kronor", required: true, hint: "T.ex. 10 000 000." },
      ...decisionFields(l.bodies),
    ],
    initial: () => ({ year: Number(todayInStockholm().slice(0, 4)) }),
    schema: NewReserveForm,
    run: (tx, actor, f) =>
      createAppropriation(tx, actor, {
        externalId: f.externalId,
        ownerBodyId: f.ownerBodyId,
        year: f.year,
        title: f.title,
        purpose: f.purpose,
        processes: lines(f.processes),
        targetGroups: lines(f.targetGroups),
        themes: lines(f.themes),
        amountOre: f.amount,
        decidedBy: {
          bodyId: f["decidedBy.bodyId"],
          decidedOn: f["decidedBy.decidedOn"],
          paragraphNumber: f["decidedBy.paragraphNumber"] ?? null,
        },
      }),
    redirect: (r) => reservePath(r.id),
    submitLabel: "Inrätta reserven",
    current: followUpPath,
  });

  formRoute(app, `${followUpPath}/reserver/:id/avrop`, {
    load: async (c) => {
      const m = requireMunicipality(c);
      const id = c.req.param("id") ?? "";
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("appropriation_not_found");
      const reserve = await read(c, (tx) => readReserve(tx, m.id, id, secretAccess(c.get("actor"))));
      return { reserve, ...(await choices(c)) };
    },
    title: (l) => `Nytt avrop ur ${l.reserve.title} ${l.reserve.year}`,
    trail: (l) => [
      { href: followUpPath, label: "Uppföljning" },
      { href: reservePath(l.reserve.id), label: `${l.reserve.title} ${l.reserve.year}` },
      { label: "Nytt avrop" },
    ],
    intro:
      "Ansökan registreras som ett ärende i diariet. Indikatorer läses in från CSV eller läggs till via API:et.",
    fields: (l): Field[] => [
      { name: "externalId", label: "Externt id", required: true },
      {
        name: "seriesCode",
        label: "Diarieserie",
        type: "select",
        required: true,
        options: l.series,
      },
      { name: "title", label: "Insatsens rubrik", required: true },
      { name: "applyingBodyId", label: "Ansökande nämnd", type: "select", required: true, options: l.bodies },
      {
        name: "theme",
        label: "Tema",
        type: "select",
        required: true,
        options: l.reserve.themes.map((t): Option => ({ value: t, label: t })),
      },
      { name: "targetGroup", label: "Målgrupp", required: true },
      {
        name: "areaIds",
        label: "Områden",
        type: "checkboxes",
        options: l.areas.map((a): Option => ({ value: a.id, label: a.name })),
        hint: "Inget valt: hela staden.",
      },
      { name: "process", label: "Processen insatsen stärker", required: true },
      { name: "description", label: "Vad insatsen gör", type: "textarea", required: true },
      { name: "appliedOn", label: "Ansökningsdatum", type: "date", required: true },
      { name: "startsOn", label: "Insatsen börjar", type: "date", required: true },
      { name: "endsOn", label: "Insatsen slutar", type: "date", required: true },
      {
        name: "requested",
        label: "Sökt belopp i kronor",
        required: true,
        hint: `Återstår i reserven: ${l.reserve.money.remaining}.`,
      },
    ],
    initial: () => ({ appliedOn: todayInStockholm() }),
    schema: NewCallOffForm,
    run: (tx, actor, f, l) =>
      applyForCallOff(tx, actor, {
        externalId: f.externalId,
        appropriationId: l.reserve.id,
        seriesCode: f.seriesCode,
        title: f.title,
        applyingBodyId: f.applyingBodyId,
        theme: f.theme,
        targetGroup: f.targetGroup,
        areaIds: f.areaIds,
        process: f.process,
        description: f.description,
        appliedOn: f.appliedOn,
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        requestedOre: f.requested,
      }),
    redirect: (r) => callOffPath(r.id),
    submitLabel: "Registrera ansökan",
    current: followUpPath,
  });

  formRoute(app, `${followUpPath}/reserver/:id/fragerunda`, {
    load: async (c) => {
      const m = requireMunicipality(c);
      const id = c.req.param("id") ?? "";
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("appropriation_not_found");
      const reserve = await read(c, (tx) => readReserve(tx, m.id, id, secretAccess(c.get("actor"))));
      return { reserve, ...(await choices(c)) };
    },
    title: (l) => `Särskild frågeomgång om ${l.reserve.title} ${l.reserve.year}`,
    trail: (l) => [
      { href: followUpPath, label: "Uppföljning" },
      { href: reservePath(l.reserve.id), label: `${l.reserve.title} ${l.reserve.year}` },
      { label: "Särskild frågeomgång" },
    ],
    intro:
      "Frågorna går till nämnderna som en remiss i reservens ärende: samma brev, påminnelser och svar som andra remisser. Remissen förbereds här och skickas från remissens sida.",
    fields: (l): Field[] => [
      { name: "title", label: "Rubrik", required: true },
      { name: "coverText", label: "Följebrev", type: "textarea", required: true },
      { name: "questions", label: "Frågor", type: "textarea", required: true, hint: "En fråga per rad." },
      {
        name: "bodyIds",
        label: "Nämnder som får frågorna",
        type: "checkboxes",
        options: l.bodies,
        hint: "Förvalt: nämnderna som har avrop ur reserven.",
      },
      { name: "deadline", label: "Sista svarsdag", type: "date", required: true },
      ...decisionFields(l.bodies),
    ],
    initial: (l) => ({
      title: `Frågor om uppföljningen av ${l.reserve.title} ${l.reserve.year}`,
      bodyIds: l.bodies
        .filter((b) =>
          l.reserve.callOffs.some(
            (o) => b.label === o.applyingBodyName || b.label.startsWith(`${o.applyingBodyName} (`),
          ),
        )
        .map((b) => b.value)
        .join("\n"),
    }),
    schema: QuestionRoundForm,
    run: (tx, actor, f, l) =>
      startQuestionRound(tx, actor, l.reserve.id, {
        title: f.title,
        coverText: f.coverText,
        questions: lines(f.questions),
        bodyIds: f.bodyIds,
        deadline: f.deadline,
        decidedBy: {
          bodyId: f["decidedBy.bodyId"],
          decidedOn: f["decidedBy.decidedOn"],
          paragraphNumber: f["decidedBy.paragraphNumber"] ?? null,
        },
      }),
    redirect: (r) => `/remisser/${r.id}`,
    submitLabel: "Förbered frågeomgången",
    current: followUpPath,
  });
}
