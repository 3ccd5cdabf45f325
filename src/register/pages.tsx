import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { registerCasePages } from "./case-pages.js";
import { registerRecordPages } from "./record-pages.js";
import { registerSearchPage } from "./search-page.js";

/** The diarium's pages: public search and case pages, and the registrar's forms. The order matters: fixed paths
 * (/diarium/ny, /diarium/nummerserier) come before /diarium/{number}. */
export function registerRegisterPages(app: OpenAPIHono<AppEnv>) {
  registerSearchPage(app);
  registerCasePages(app);
  registerRecordPages(app);
}
