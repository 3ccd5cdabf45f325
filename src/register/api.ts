import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { IdParam, json, problemResponse as problem, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "./access.js";
import { attachFiles } from "./attach-files.js";
import { closeCase } from "./close-case.js";
import { createNumberSeries } from "./create-number-series.js";
import { presentCase } from "./present.js";
import { readCase } from "./read-case.js";
import { readRecord } from "./read-record.js";
import { readSeries } from "./read-series.js";
import { type RegisteredCase, registerCaseWithNames } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { relateCases } from "./relate-cases.js";
import { reopenCase } from "./reopen-case.js";
import * as s from "./schemas.js";
import { searchRegister } from "./search.js";
import { startRecordNumbersAt } from "./start-record-numbers-at.js";
import { startSeriesAt } from "./start-series-at.js";
import { updateCase } from "./update-case.js";
import { updateRecord } from "./update-record.js";

type C = Context<AppEnv>;

const problems = {
  ...writeProblems,
  413: problem("Filen är för stor"),
  415: problem("Filtypen tas inte emot eller stämmer inte med innehållet"),
};
const secured = [{ session: [] }];
const tags = ["Diarium"];

const db = (c: C) => c.get("deps").database.db;
const decode = (files: s.FileUpload[]) =>
  files.map((f) => ({
    name: f.name,
    declaredType: f.mediaType,
    bytes: Buffer.from(f.contentBase64, "base64"),
  }));

async function caseById(c: C, id: string) {
  const m = requireMunicipality(c);
  const { view } = await inTransaction(db(c), (tx) =>
    readCase(tx, m.id, secretAccess(c.get("actor")), { id }),
  );
  return s.CaseView.parse(view);
}

/** The view of a case just registered, from what the registration read and wrote: no further round trip. */
function newCaseView(c: C, registered: RegisteredCase) {
  const { origin, ...details } = registered;
  const view = presentCase(details, [], { origin, derived: [], related: [] }, secretAccess(c.get("actor")));
  return s.CaseView.parse(view);
}

async function recordView(c: C, id: string) {
  const m = requireMunicipality(c);
  const { view } = await inTransaction(db(c), (tx) =>
    readRecord(tx, m.id, secretAccess(c.get("actor")), { id }),
  );
  return s.RecordView.parse(view);
}

/** The diarium's JSON API (M2, X6): search, cases, records, files, number series. */
export function registerRegisterApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/register/search",
      tags,
      summary: "Sök i diariet",
      description:
        "Svensk fritextsökning med ordstammar i ärendemeningar, handlingsbeskrivningar och text i bifogade filer, " +
        "samt exakt träff och prefixträff på diarie- och handlingsnummer. Sekretessmarkerat innehåll söks och " +
        "visas bara för den som har behörighet.",
      request: { query: s.SearchQuery },
      responses: { 200: { description: "Träffarna", ...json(s.SearchResultView) }, 400: problems[400] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const query = c.req.valid("query");
      const result = await inTransaction(db(c), (tx) =>
        searchRegister(tx, m.id, secretAccess(c.get("actor")), {
          q: query.q,
          bodyId: query.organ,
          year: query.ar,
          recordType: query.typ,
          direction: query.riktning,
          status: query.status,
          kind: query.slag,
          sort: query.sortering,
          page: query.sida,
        }),
      );
      return c.json(s.SearchResultView.parse(result), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/cases",
      tags,
      summary: "Hämta ett ärende med dess diarienummer",
      description:
        "Diarienumret skrivs som det står i diariet, t.ex. STK-2024-1374. Ett tomt eller felformat nummer " +
        "avvisas med 400; ett nummer som inte finns ger 404.",
      request: { query: s.CaseNumberQuery },
      responses: {
        200: { description: "Ärendet med handlingar", ...json(s.CaseView) },
        400: problems[400],
        404: problems[404],
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const { number } = c.req.valid("query");
      const { view } = await inTransaction(db(c), (tx) =>
        readCase(tx, m.id, secretAccess(c.get("actor")), { number }),
      );
      return c.json(s.CaseView.parse(view), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/cases/{id}",
      tags,
      summary: "Hämta ett ärende",
      request: { params: IdParam },
      responses: { 200: { description: "Ärendet med handlingar", ...json(s.CaseView) }, 404: problems[404] },
    }),
    async (c) => c.json(await caseById(c, c.req.valid("param").id), 200),
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/cases",
      tags,
      summary: "Registrera ett ärende",
      description: "Ärendet får nästa nummer i serien för det år det öppnas.",
      security: secured,
      request: { body: { ...json(s.CaseInput), required: true } },
      responses: { 201: { description: "Registrerat", ...json(s.CaseView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      // Not in a transaction of its own: the registration's one write is a single statement (see the function).
      const registered = await registerCaseWithNames(db(c), actor, input);
      return c.json(newCaseView(c, registered), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/api/cases/{id}",
      tags,
      summary: "Ändra ett ärende",
      security: secured,
      request: { params: IdParam, body: { ...json(s.CaseUpdate), required: true } },
      responses: { 200: { description: "Ändrat", ...json(s.CaseView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await inTransaction(db(c), (tx) => updateCase(tx, actor, id, input));
      return c.json(await caseById(c, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/cases/{id}/close",
      tags,
      summary: "Avsluta ett ärende",
      security: secured,
      request: { params: IdParam, body: { ...json(s.CloseCaseInput), required: true } },
      responses: { 200: { description: "Avslutat", ...json(s.CaseView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await inTransaction(db(c), (tx) => closeCase(tx, actor, id, input));
      return c.json(await caseById(c, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/cases/{id}/reopen",
      tags,
      summary: "Återuppta ett avslutat ärende",
      description:
        "Kroppen är ett tomt JSON-objekt, {}: API:t tar bara emot skrivningar som application/json.",
      security: secured,
      request: { params: IdParam, body: { ...json(z.strictObject({})), required: true } },
      responses: { 200: { description: "Öppet igen", ...json(s.CaseView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      await inTransaction(db(c), (tx) => reopenCase(tx, actor, id));
      return c.json(await caseById(c, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/cases/{id}/related",
      tags,
      summary: "Koppla ett relaterat ärende",
      security: secured,
      request: { params: IdParam, body: { ...json(s.RelateCaseInput), required: true } },
      responses: { 200: { description: "Kopplat", ...json(s.CaseView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await inTransaction(db(c), (tx) => relateCases(tx, actor, id, input));
      return c.json(await caseById(c, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/cases/{id}/record-numbering",
      tags,
      summary: "Fortsätt handlingsnumreringen efter en import",
      description: "Nästa handling i ärendet får det angivna numret, t.ex. STK-2023-137-50. Loggas.",
      security: secured,
      request: { params: IdParam, body: { ...json(s.RecordNumberStartInput), required: true } },
      responses: {
        200: { description: "Satt", ...json(z.object({ caseId: z.string(), nextNumber: z.string() })) },
        ...problems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const result = await inTransaction(db(c), (tx) => startRecordNumbersAt(tx, actor, id, input));
      return c.json(result, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/records",
      tags,
      summary: "Registrera en handling i ett ärende",
      description: "Handlingen får ärendets nästa handlingsnummer. Filer kan bifogas base64-kodade.",
      security: secured,
      request: {
        body: {
          ...json(s.RecordInput.extend({ files: z.array(s.FileUpload).max(20).optional() })),
          required: true,
        },
      },
      responses: { 201: { description: "Registrerad", ...json(s.RecordView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { files, ...input } = c.req.valid("json");
      const created = await inTransaction(db(c), (tx) =>
        registerRecord(tx, actor, { ...input, files: decode(files ?? []) }),
      );
      return c.json(await recordView(c, created.id), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/records/{id}",
      tags,
      summary: "Hämta en handling",
      request: { params: IdParam },
      responses: { 200: { description: "Handlingen", ...json(s.RecordView) }, 404: problems[404] },
    }),
    async (c) => c.json(await recordView(c, c.req.valid("param").id), 200),
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/api/records/{id}",
      tags,
      summary: "Rätta en handlings uppgifter",
      security: secured,
      request: { params: IdParam, body: { ...json(s.RecordUpdate), required: true } },
      responses: { 200: { description: "Ändrad", ...json(s.RecordView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      await inTransaction(db(c), (tx) => updateRecord(tx, actor, id, input));
      return c.json(await recordView(c, id), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/records/{id}/files",
      tags,
      summary: "Bifoga filer till en handling",
      description:
        "Filtypen som anges måste stämma med innehållet. Största storlek: PARAGRAF_MAX_FILE_MB (25 MB).",
      security: secured,
      request: { params: IdParam, body: { ...json(s.FilesUpload), required: true } },
      responses: { 201: { description: "Bifogade", ...json(s.RecordView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const { files } = c.req.valid("json");
      await inTransaction(db(c), (tx) => attachFiles(tx, actor, { recordId: id, files: decode(files) }));
      return c.json(await recordView(c, id), 201);
    },
  );

  const SeriesView = z
    .object({
      id: z.string(),
      code: z.string(),
      prefix: z.string(),
      pattern: z.string(),
      ownerBodyId: z.string().nullable(),
      counters: z.array(z.object({ year: z.number(), lastValue: z.number() })),
    })
    .openapi("NumberSeries");

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/number-series",
      tags,
      summary: "Lista nummerserier med räknare per år",
      responses: { 200: { description: "Serierna", ...json(z.object({ data: z.array(SeriesView) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const series = await inTransaction(db(c), (tx) => readSeries(tx, m.id));
      return c.json({ data: series.map((r) => SeriesView.parse(r)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/number-series",
      tags,
      summary: "Skapa en nummerserie",
      security: secured,
      request: { body: { ...json(s.NumberSeriesInput), required: true } },
      responses: { 201: { description: "Skapad", ...json(SeriesView) }, ...problems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const created = await inTransaction(db(c), (tx) => createNumberSeries(tx, actor, input));
      return c.json(SeriesView.parse({ ...created, counters: [] }), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/number-series/start",
      tags,
      summary: "Ange var en serie fortsätter ett år",
      description:
        "När Paragraf tar över från ett tidigare diarium: nästa ärende får det angivna numret. " +
        "Nekas om Paragraf redan gett ett nummer på eller över det.",
      security: secured,
      request: { body: { ...json(s.SeriesStartInput), required: true } },
      responses: {
        200: {
          description: "Satt",
          ...json(z.object({ seriesId: z.string(), year: z.number(), nextNumber: z.string() })),
        },
        ...problems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const result = await inTransaction(db(c), (tx) => startSeriesAt(tx, actor, input));
      return c.json(result, 200);
    },
  );
}
