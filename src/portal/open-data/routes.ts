import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.js";
import { read } from "../../http/pages.js";
import { conditional, publicBase } from "../serve.js";
import { decisionsCsv } from "./present.js";
import { readDecision, readDecisionsOfYear } from "./read-decisions.js";

// Decisions as open data (X2): one decision's Popolo JSON, and each body's year as JSON and CSV.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function notFound(c: Context<AppEnv>, message: string) {
  return c.json(
    { type: "about:blank#not_found", title: message, status: 404, code: "not_found", detail: message },
    404,
  );
}

/** The newest change among a set of decisions' paragraphs is not loaded; the ETag carries freshness instead. */
export function registerOpenDataRoutes(app: OpenAPIHono<AppEnv>) {
  app.get("/oppna-data/beslut/:id", async (c) => {
    const m = c.get("municipality");
    const id = c.req.param("id");
    if (!m || !uuid.test(id)) return notFound(c, "Beslutet finns inte.");
    const found = await read(c, (tx) => readDecision(tx, m.id, id, publicBase(c)));
    if (!found) return notFound(c, "Beslutet finns inte.");
    return conditional(c, JSON.stringify(found), "application/json; charset=utf-8", null);
  });

  app.get("/oppna-data/:slug/:file", async (c) => {
    const m = c.get("municipality");
    const slug = c.req.param("slug");
    const match = /^(\d{4})\.(json|csv)$/.exec(c.req.param("file"));
    if (!m || !match || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100)
      return notFound(c, "Filen finns inte. Adressen är /oppna-data/{organ}/{år}.json eller .csv.");
    const year = Number(match[1]);
    if (year < 1900 || year > 2199) return notFound(c, "Året finns inte.");
    const found = await read(c, (tx) => readDecisionsOfYear(tx, m.id, slug, year, publicBase(c)));
    if (!found) return notFound(c, "Organet finns inte.");
    const name = `${slug}-${year}`;
    if (match[2] === "csv")
      return conditional(c, decisionsCsv(found.decisions), "text/csv; charset=utf-8", null, {
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      });
    const document = {
      body: { id: found.body.id, name: found.body.name, slug: found.body.slug },
      year,
      licence: "https://creativecommons.org/publicdomain/zero/1.0/",
      decisions: found.decisions,
    };
    return conditional(c, JSON.stringify(document), "application/json; charset=utf-8", null, {
      "Content-Disposition": `inline; filename="${name}.json"`,
    });
  });
}
