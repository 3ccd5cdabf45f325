import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { registerActionPages } from "./action-pages.js";
import { registerCompilationPage } from "./compilation-page.js";
import { registerConsultationPage } from "./consultation-page.js";
import { registerListPage } from "./list-page.js";
import { registerNewPage } from "./new-page.js";

/** Consultation pages: the list, a new consultation, a consultation with its forms, the compilation. The order
 * matters: /remisser/ny comes before /remisser/{id}. */
export function registerConsultationPages(app: OpenAPIHono<AppEnv>) {
  registerListPage(app);
  registerNewPage(app);
  registerConsultationPage(app);
  registerActionPages(app);
  registerCompilationPage(app);
}
