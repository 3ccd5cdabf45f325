import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { registerAssignmentPagesOfOne } from "./assignment-pages.js";
import { registerAssignmentListPages } from "./list-pages.js";

/** Assignment pages: /uppdrag, the annual list with downloads, per body, one assignment with its closing form.
 * The order matters: the fixed paths (/uppdrag/ej-slutforda, /uppdrag/ny) come before /uppdrag/{id}. */
export function registerAssignmentPages(app: OpenAPIHono<AppEnv>) {
  registerAssignmentListPages(app);
  registerAssignmentPagesOfOne(app);
}
