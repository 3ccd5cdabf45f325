import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../http/context.js";
import { read } from "../../http/pages.js";
import { conditional, publicBase } from "../serve.js";
import { calendarText, decisionFeedText } from "./present.js";
import { readCalendar, readDecisionFeed } from "./read-feeds.js";

// The feeds (X9): /kalender.ics and /kalender/{organ}.ics; /beslut.atom and /beslut/{organ}.atom. The notice board's feed, /anslagstavla.atom, is the notice board's own (src/approval).

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ics = "text/calendar; charset=utf-8";
const atom = "application/atom+xml; charset=utf-8";

function notFound(c: Context<AppEnv>) {
  return c.text("Flödet finns inte.", 404);
}

export function registerFeedRoutes(app: OpenAPIHono<AppEnv>) {
  const calendar = async (c: Context<AppEnv>, slug?: string) => {
    const m = c.get("municipality");
    if (!m || (slug !== undefined && !slugPattern.test(slug))) return notFound(c);
    const loaded = await read(c, (tx) => readCalendar(tx, m.id, slug));
    if (!loaded) return notFound(c);
    const base = publicBase(c);
    return conditional(c, calendarText(loaded, m.name, base, new URL(base).host), ics, null);
  };
  app.get("/kalender.ics", (c) => calendar(c));
  app.get("/kalender/:file{[^/]+\\.ics}", (c) => calendar(c, c.req.param("file").replace(/\.ics$/, "")));

  const decisions = async (c: Context<AppEnv>, slug?: string) => {
    const m = c.get("municipality");
    if (!m || (slug !== undefined && !slugPattern.test(slug))) return notFound(c);
    const loaded = await read(c, (tx) => readDecisionFeed(tx, m.id, slug));
    if (!loaded) return notFound(c);
    const base = publicBase(c);
    const self = `${base}${new URL(c.req.url).pathname}`;
    const newest = loaded.decisions.reduce<Date | null>(
      (x, d) => (!x || d.updatedAt > x ? d.updatedAt : x),
      null,
    );
    return conditional(c, decisionFeedText(loaded, m.name, base, self), atom, newest);
  };
  app.get("/beslut.atom", (c) => decisions(c));
  app.get("/beslut/:file{[^/]+\\.atom}", (c) => decisions(c, c.req.param("file").replace(/\.atom$/, "")));
}
