import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.js";
import { read } from "../../http/pages.js";
import { conditional, newest, publicBase } from "../serve.js";
import {
  electionYears,
  type OparlContext,
  oparlPrefix,
  oparlUrl,
  presentLegislativeTerm,
  presentSystem,
} from "./present.js";
import type { Window } from "./queries.js";
import { type ListKind, listKinds, readOparlBody, readOparlList, readOparlObject } from "./read-oparl.js";

// OParl 1.1 (X1): a read-only API from /oparl/v1.1/system. Bad input is a 400 with a clear body, an unknown id a 404,
// never a 500; every answer carries ETag and Last-Modified and answers a conditional request with 304.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const maxLimit = 500;
const defaultLimit = 100;

class BadRequest extends Error {}

function json(c: Context<AppEnv>, status: 400 | 404, code: string, message: string) {
  return c.json({ type: `about:blank#${code}`, title: message, status, code, detail: message }, status);
}

function context(c: Context<AppEnv>): OparlContext | null {
  const m = c.get("municipality");
  return m ? { base: publicBase(c), municipalityId: m.id } : null;
}

function time(c: Context<AppEnv>, name: string): Date | undefined {
  const v = c.req.query(name);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!dateTime.test(v) || Number.isNaN(t) || t < Date.UTC(1900, 0, 1) || t > Date.UTC(2199, 11, 31))
    throw new BadRequest(`${name} ska vara en tidpunkt enligt ISO 8601, till exempel 2026-01-22T00:00:00Z.`);
  return new Date(t);
}

/** The list window a request asks for; a BadRequest on anything malformed. */
function windowOf(c: Context<AppEnv>, kind: ListKind | "files"): Window {
  const limitText = c.req.query("limit");
  let limit = defaultLimit;
  if (limitText !== undefined) {
    if (!/^\d{1,6}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > maxLimit)
      throw new BadRequest(`limit ska vara ett heltal från 1 till ${maxLimit}.`);
    limit = Number(limitText);
  }
  const after = c.req.query("after") ?? null;
  if (after !== null) {
    const ok =
      kind === "files"
        ? /^(beslut|kallelse|protokoll)(-pdf|-docx)?:([0-9a-f-]{36})?$/.test(after)
        : uuid.test(after);
    const idOk =
      kind !== "files" || !after.includes(":") || after.endsWith(":") || uuid.test(after.split(":")[1]!);
    if (!ok || !idOk) throw new BadRequest("after ska vara den markör som links.next anger.");
  }
  return {
    limit,
    after,
    createdSince: time(c, "created_since"),
    createdUntil: time(c, "created_until"),
    modifiedSince: time(c, "modified_since"),
    modifiedUntil: time(c, "modified_until"),
  };
}

const filterNames = ["created_since", "created_until", "modified_since", "modified_until", "limit"];

/** The self and next links of a page: the request's filters, with the cursor of the next page. */
function links(c: Context<AppEnv>, base: string, next: string | null) {
  const url = new URL(c.req.url);
  const self = new URL(`${base}${url.pathname}`);
  for (const name of [...filterNames, "after"]) {
    const v = url.searchParams.get(name);
    if (v !== null) self.searchParams.set(name, v);
  }
  const first = new URL(self);
  first.searchParams.delete("after");
  const result: Record<string, string> = { first: first.toString(), self: self.toString() };
  if (next) {
    const n = new URL(self);
    n.searchParams.set("after", next);
    result.next = n.toString();
  }
  return result;
}

function serveObject(c: Context<AppEnv>, object: Record<string, unknown> | null) {
  if (!object) return json(c, 404, "not_found", "Objektet finns inte.");
  return conditional(c, JSON.stringify(object), "application/json; charset=utf-8", newest([object]));
}

async function serveList(c: Context<AppEnv>, ctx: OparlContext, kind: ListKind, bodyId?: string) {
  const w = windowOf(c, kind);
  const found = await read(c, (tx) => readOparlList(tx, ctx, kind, { ...w, bodyId }));
  const body = {
    data: found.data,
    pagination: { elementsPerPage: w.limit },
    links: links(c, ctx.base, found.next),
  };
  return conditional(c, JSON.stringify(body), "application/json; charset=utf-8", newest(found.data));
}

/** A handler whose bad input (a BadRequest) answers 400 with a clear body. */
function guarded(handler: (c: Context<AppEnv>) => Promise<Response>) {
  return async (c: Context<AppEnv>) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof BadRequest) return json(c, 400, "invalid_filter", error.message);
      throw error;
    }
  };
}

/** Registers the OParl API. */
export function registerOparlRoutes(app: OpenAPIHono<AppEnv>) {
  const p = oparlPrefix;
  app.get(
    `${p}/system`,
    guarded(async (c) => {
      const ctx = context(c);
      if (!ctx) return json(c, 404, "not_found", "Ingen kommun är upplagd.");
      const found = await read(c, (tx) => readOparlBody(tx, ctx));
      if (!found) return json(c, 404, "not_found", "Ingen kommun är upplagd.");
      return serveObject(c, presentSystem(ctx, found.municipality.name, found.municipality.createdAt));
    }),
  );

  app.get(
    `${p}/bodies`,
    guarded(async (c) => {
      const ctx = context(c);
      if (!ctx) return json(c, 404, "not_found", "Ingen kommun är upplagd.");
      const w = windowOf(c, "organizations");
      const found = await read(c, (tx) => readOparlBody(tx, ctx));
      const data = found && (!w.after || w.after < ctx.municipalityId) ? [found.body] : [];
      const body = { data, pagination: { elementsPerPage: w.limit }, links: links(c, ctx.base, null) };
      return conditional(c, JSON.stringify(body), "application/json; charset=utf-8", newest(data));
    }),
  );

  app.get(
    `${p}/body/:id`,
    guarded(async (c) => {
      const ctx = context(c);
      if (!ctx || c.req.param("id") !== ctx.municipalityId)
        return json(c, 404, "not_found", "Objektet finns inte.");
      const found = await read(c, (tx) => readOparlBody(tx, ctx));
      return serveObject(c, found?.body ?? null);
    }),
  );

  app.get(
    `${p}/body/:id/:list`,
    guarded(async (c) => {
      const ctx = context(c);
      const kind = c.req.param("list") as ListKind;
      if (!ctx || c.req.param("id") !== ctx.municipalityId || !listKinds.includes(kind))
        return json(c, 404, "not_found", "Listan finns inte.");
      return serveList(c, ctx, kind);
    }),
  );

  app.get(
    `${p}/organization/:id/meetings`,
    guarded(async (c) => {
      const ctx = context(c);
      const id = c.req.param("id") ?? "";
      if (!ctx || !uuid.test(id)) return json(c, 404, "not_found", "Listan finns inte.");
      const exists = await read(c, (tx) => readOparlObject(tx, ctx, "organization", id));
      if (!exists) return json(c, 404, "not_found", "Listan finns inte.");
      return serveList(c, ctx, "meetings", id);
    }),
  );

  app.get(
    `${p}/legislativeterm/:mid/:year`,
    guarded(async (c) => {
      const ctx = context(c);
      const year = Number(c.req.param("year"));
      if (!ctx || c.req.param("mid") !== ctx.municipalityId || !electionYears.includes(year))
        return json(c, 404, "not_found", "Objektet finns inte.");
      const found = await read(c, (tx) => readOparlBody(tx, ctx));
      return serveObject(c, found ? presentLegislativeTerm(ctx, year, found.municipality.createdAt) : null);
    }),
  );

  app.get(
    `${p}/file/:kind/:id`,
    guarded(async (c) => {
      const ctx = context(c);
      const id = c.req.param("id") ?? "";
      if (!ctx || !uuid.test(id)) return json(c, 404, "not_found", "Objektet finns inte.");
      return serveObject(
        c,
        await read(c, (tx) => readOparlObject(tx, ctx, "file", `${c.req.param("kind") ?? ""}/${id}`)),
      );
    }),
  );

  app.get(
    `${p}/:type/:id`,
    guarded(async (c) => {
      const ctx = context(c);
      const id = c.req.param("id") ?? "";
      if (!ctx || !uuid.test(id)) return json(c, 404, "not_found", "Objektet finns inte.");
      return serveObject(c, await read(c, (tx) => readOparlObject(tx, ctx, c.req.param("type") ?? "", id)));
    }),
  );

  app.all(`${p}/*`, (c) => json(c, 404, "not_found", "Det du söker finns inte i OParl-gränssnittet."));
  app.get("/oparl", (c) => c.redirect(`${p}/system`, 302));
}

export { oparlUrl };
