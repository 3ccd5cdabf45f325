import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { listAreas, saveArea } from "../areas/save-area.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, problemResponse, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { applyForCallOff } from "./apply-for-call-off.js";
import { readCalendar } from "./calendar.js";
import { createAppropriation } from "./create-appropriation.js";
import { decideCallOff } from "./decide-call-off.js";
import { readFile } from "./import-file.js";
import { importAllOrNothing, isLargeFile, queueImport, readImport } from "./import-rows.js";
import type { CallOffView, ReserveView } from "./present.js";
import { readCallOff, readReserve, readReserves } from "./read-follow-up.js";
import { recordPayment } from "./record-payment.js";
import { reverseCallOff } from "./reverse-call-off.js";
import {
  AppropriationInput,
  AppropriationResource,
  AppropriationWithCallOffs,
  AreaInput,
  AreaResource,
  CallOffInput,
  CallOffResource,
  DecideCallOffInput,
  FollowUpCalendarInput,
  FollowUpCalendarResource,
  ImportInput,
  ImportResource,
  PaymentInput,
  QuestionRoundInput,
  ReportInput,
  ReversalInput,
} from "./schemas.js";
import { setFollowUpCalendar } from "./set-follow-up-calendar.js";
import { startQuestionRound } from "./start-question-round.js";
import { submitReport } from "./submit-report.js";

const reserveResource = (r: ReserveView) => AppropriationResource.parse(r);
const fullReserve = (r: ReserveView) => AppropriationWithCallOffs.parse(r);
const callOffResource = (c: CallOffView) => CallOffResource.parse(c);
const tags = ["Reserver och uppföljning"];
const access = (c: Context<AppEnv>) => secretAccess(c.get("actor"));

/** The reserves API (M12, M13): reserves, call-offs, decisions, payments, reports, question rounds, areas, import. */
export function registerReserveApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/reserves",
      tags,
      summary: "Lista reserver (anslag till förfogande) med saldo",
      responses: {
        200: { description: "Reserverna", ...json(z.object({ data: z.array(AppropriationResource) })) },
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) => readReserves(tx, m.id, access(c)));
      return c.json({ data: rows.map(reserveResource) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/reserves/{id}",
      tags,
      summary: "Hämta en reserv med dess avrop",
      request: { params: IdParam },
      responses: {
        200: { description: "Reserven", ...json(AppropriationWithCallOffs) },
        404: writeProblems[404],
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const row = await inTransaction(db(c), (tx) =>
        readReserve(tx, m.id, c.req.valid("param").id, access(c)),
      );
      return c.json(fullReserve(row), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/reserves",
      tags,
      summary: "Inrätta en reserv enligt beslutet som skapade den",
      security: [{ session: [] }],
      request: { body: { ...json(AppropriationInput), required: true } },
      responses: { 201: { description: "Inrättad", ...json(AppropriationWithCallOffs) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const row = await inTransaction(db(c), async (tx) => {
        const created = await createAppropriation(tx, actor, input);
        return readReserve(tx, actor.municipalityId, created.id, secretAccess(actor));
      });
      return c.json(fullReserve(row), 201);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/reserves/{id}/question-rounds",
      tags,
      summary: "Skicka en särskild frågeomgång till nämnderna (en remiss i reservens ärende)",
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(QuestionRoundInput), required: true } },
      responses: {
        201: {
          description: "Frågeomgången (remissen) är förberedd",
          ...json(z.object({ consultationId: z.uuid() })),
        },
        ...writeProblems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const created = await inTransaction(db(c), (tx) =>
        startQuestionRound(tx, actor, c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json({ consultationId: created.id }, 201);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/call-offs/{id}",
      tags,
      summary: "Hämta ett avrop (en insats) med indikatorer och rapporter",
      request: { params: IdParam },
      responses: { 200: { description: "Avropet", ...json(CallOffResource) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const row = await inTransaction(db(c), (tx) =>
        readCallOff(tx, m.id, c.req.valid("param").id, access(c)),
      );
      return c.json(callOffResource(row.callOff), 200);
    },
  );
  const callOffWrite = <I extends z.ZodType>(
    path: string,
    summary: string,
    body: I,
    run: (
      tx: Parameters<typeof decideCallOff>[0],
      actor: ReturnType<typeof requireActor>,
      id: string,
      input: z.infer<I>,
    ) => Promise<unknown>,
  ) =>
    api.openapi(
      createRoute({
        method: "post",
        path,
        tags,
        summary,
        security: [{ session: [] }],
        request: { params: IdParam, body: { ...json(body), required: true } },
        responses: { 200: { description: "Avropet efteråt", ...json(CallOffResource) }, ...writeProblems },
      }),
      async (c) => {
        const actor = requireActor(c);
        const { id } = (c.req.valid as (t: string) => { id: string })("param");
        const input = (c.req.valid as (t: string) => z.infer<I>)("json");
        const row = await inTransaction(db(c), async (tx) => {
          await run(tx, actor, id, input);
          return readCallOff(tx, actor.municipalityId, id, secretAccess(actor));
        });
        return c.json(callOffResource(row.callOff), 200);
      },
    );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/call-offs",
      tags,
      summary: "Registrera en nämnds avrop (ansökan) ur en reserv; blir ett ärende i diariet",
      security: [{ session: [] }],
      request: { body: { ...json(CallOffInput), required: true } },
      responses: { 201: { description: "Registrerat", ...json(CallOffResource) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const row = await inTransaction(db(c), async (tx) => {
        const created = await applyForCallOff(tx, actor, input);
        return readCallOff(tx, actor.municipalityId, created.id, secretAccess(actor));
      });
      return c.json(callOffResource(row.callOff), 201);
    },
  );
  callOffWrite(
    "/api/call-offs/{id}/decision",
    "Besluta om ett avrop: bifall, delvis bifall eller avslag, med beslutande organs paragraf",
    DecideCallOffInput,
    (tx, actor, id, input) => decideCallOff(tx, actor, id, input),
  );
  callOffWrite(
    "/api/call-offs/{id}/payments",
    "Registrera en utbetalning mot ett beviljat avrop",
    PaymentInput,
    (tx, actor, id, input) => recordPayment(tx, actor, id, input),
  );
  callOffWrite(
    "/api/call-offs/{id}/reversals",
    "Minska eller återkalla ett beviljat belopp, eller rätta en utbetalning, enligt ett beslut (nya rader i huvudboken)",
    ReversalInput,
    (tx, actor, id, input) => reverseCallOff(tx, actor, id, input),
  );
  callOffWrite(
    "/api/call-offs/{id}/reports",
    "Lämna (eller rätta) en uppföljningsrapport för en period i uppföljningskalendern",
    ReportInput,
    (tx, actor, id, input) => submitReport(tx, actor, id, input),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/follow-up-calendar",
      tags,
      summary: "Kommunens uppföljningskalender: när delårsperioden slutar och när rapporterna ska lämnas",
      responses: { 200: { description: "Kalendern", ...json(FollowUpCalendarResource) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const view = await inTransaction(db(c), (tx) => readCalendar(tx, m.id));
      return c.json(view, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "put",
      path: "/api/follow-up-calendar",
      tags,
      summary: "Sätt kommunens uppföljningskalender; rapporternas sista dagar och påminnelser följer den",
      security: [{ session: [] }],
      request: { body: { ...json(FollowUpCalendarInput), required: true } },
      responses: { 200: { description: "Kalendern", ...json(FollowUpCalendarResource) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const view = await inTransaction(db(c), async (tx) => {
        await setFollowUpCalendar(tx, actor, input);
        return readCalendar(tx, actor.municipalityId);
      });
      return c.json(view, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/areas",
      tags,
      summary: "Kommunens områden",
      responses: { 200: { description: "Områdena", ...json(z.object({ data: z.array(AreaResource) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) => listAreas(tx, m.id));
      return c.json({ data: rows.map((a) => AreaResource.parse(a)) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/areas",
      tags,
      summary: "Lägg till ett område, eller byt namn på det med samma externa id",
      security: [{ session: [] }],
      request: { body: { ...json(AreaInput), required: true } },
      responses: { 200: { description: "Området", ...json(AreaResource) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const saved = await inTransaction(db(c), (tx) => saveArea(tx, actor, input));
      return c.json(AreaResource.parse(saved), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/reserves/import",
      tags,
      summary:
        "Läs in områden, indikatorer, rapporter, reserver eller avrop från CSV eller XLSX; uppdaterar på externt id, allt eller inget",
      description:
        "Samma kolumner som exporten (/uppfoljning/{reserver|avrop|indikatorer|rapporter}.csv eller .xlsx). En CSV skickas som text i content, en XLSX-arbetsbok (eller CSV) i base64 i contentBase64. En fil med fel på någon rad skriver ingenting och svarar med ett fel per rad, med radnumret som Excel visar det. En stor fil läses av ett jobb: svaret är då 202 med inläsningens id.",
      security: [{ session: [] }],
      request: { body: { ...json(ImportInput), required: true } },
      responses: {
        200: { description: "Inläst", ...json(ImportResource) },
        202: { description: "Köad för inläsning", ...json(ImportResource) },
        ...writeProblems,
        400: problemResponse("Fel kolumner eller fel på rader; inget sparat"),
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { kind, content, contentBase64 } = c.req.valid("json");
      const file = content ?? (await readFile(Buffer.from(contentBase64!, "base64")));
      if (isLargeFile(file)) {
        const queued = await inTransaction(db(c), (tx) => queueImport(tx, actor, kind, file));
        return c.json({ id: queued.id, status: "waiting" as const, rows: 0, errors: [] }, 202);
      }
      const result = await importAllOrNothing(db(c), actor, kind, file);
      if (!result.ok)
        return c.json(
          {
            type: "about:blank",
            title: "Inläsningen avvisades",
            status: 400,
            code: "import_rows_refused",
            detail: `${result.errors.length} fel; inget har sparats.`,
            requestId: c.get("requestId"),
            errors: result.errors.map((e) => ({ field: `rad ${e.row}: ${e.field}`, message: e.message })),
            rows: result.errors,
          },
          400,
          { "Content-Type": "application/problem+json" },
        );
      return c.json({ id: null, status: "done" as const, rows: result.rows, errors: [] }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/reserves/imports/{id}",
      tags,
      summary: "Hur det gick för en inläsning som körs som jobb",
      security: [{ session: [] }],
      request: { params: IdParam },
      responses: { 200: { description: "Inläsningen", ...json(ImportResource) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await inTransaction(db(c), (tx) =>
        readImport(tx, actor.municipalityId, c.req.valid("param").id),
      );
      return c.json({ id: row.id, status: row.status, rows: row.rowCount, errors: row.errors }, 200);
    },
  );
}
