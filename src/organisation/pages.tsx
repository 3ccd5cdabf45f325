import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { registerBodyPages } from "./body-pages.js";
import { registerPartyPages } from "./party-pages.js";
import { registerPersonPages } from "./person-pages.js";
import { registerSeatPages } from "./seat-pages.js";

/** The organisation register's pages: /organ, /organ/{slug}, /partier, /personer, and their forms. The order
 * matters: the fixed paths (/organ/ny, /personer/ny) come before /organ/{slug} and /personer/{id}. */
export function registerOrganisationPages(app: OpenAPIHono<AppEnv>) {
  registerBodyPages(app);
  registerSeatPages(app);
  registerPartyPages(app);
  registerPersonPages(app);
}
