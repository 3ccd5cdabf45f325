import { randomUUID } from "node:crypto";
import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { HTTPException } from "hono/http-exception";
import { registerAccountPages } from "../accounts/pages.js";
import { registerAccountRoutes } from "../accounts/routes.js";
import { registerTokenRoutes } from "../accounts/token-routes.js";
import { approvalApiTags, registerApprovalApi } from "../approval/api.js";
import { registerNoticeBoardPages } from "../approval/notice-board-pages.js";
import { registerApprovalPages } from "../approval/pages.js";
import { approvedHashCovering } from "../approval/read-approval.js";
import { approvalSeals } from "../approval/seals.js";
import { builtInSigning, type SigningProvider } from "../approval/signing.js";
import { registerAssignmentApi } from "../assignments/api.js";
import { registerAssignmentPages } from "../assignments/pages.js";
import { registerAuditPages } from "../audit/pages.js";
import { registerConsultationApi } from "../consultations/api.js";
import { registerConsultationPages } from "../consultations/pages.js";
import { registerDispatchApi } from "../dispatch/api.js";
import { registerDispatchPages } from "../dispatch/pages.js";
import { registerDocumentApi, registerDocumentPages } from "../documents/routes.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv, Deps } from "../http/context.js";
import { crossSiteGuard } from "../http/cross-site.js";
import { databaseInputError, describeError, domainProblem, problem } from "../http/errors.js";
import { bodyLimits, limitBodies, refuseHostileInput } from "../http/hostile-input.js";
import { Layout } from "../http/layout.js";
import { safeError } from "../http/logger.js";
import { pageCache, pageCacheEnabled } from "../http/page-cache.js";
import { chrome } from "../http/pages.js";
import { securityHeaders } from "../http/security-headers.js";
import { csrfMiddleware } from "../http/session.js";
import { registerMeetingApi } from "../meetings/api.js";
import { meetingApiTags } from "../meetings/api-docs.js";
import { registerMeetingStepApi } from "../meetings/api-steps.js";
import { registerMeetingPages } from "../meetings/pages.js";
import { registerSecretaryPages } from "../meetings/secretary-page.js";
import { registerOrganisationApi } from "../organisation/api.js";
import { registerMunicipalityApi } from "../organisation/municipality-api.js";
import { registerOrganisationPages } from "../organisation/pages.js";
import { registerPortal } from "../portal/register.js";
import { registerRegisterApi } from "../register/api.js";
import { registerRegisterPages } from "../register/pages.js";
import { registerReportApi } from "../reports/api.js";
import { registerCaseReportsPage, registerReportPages } from "../reports/pages.js";
import { registerReserveApi } from "../reserves/api.js";
import { registerReservePages } from "../reserves/pages.js";
import { registerApiReference } from "./api-reference.js";
import { documentAuthentication } from "./authentication.js";
import { sessionMiddleware } from "./session-middleware.js";
import { registerSitePages } from "./site-pages.js";
import "../register/errors.js";
import "../assignments/errors.js";
import "../consultations/errors.js";
import "../accounts/token-errors.js";
import "../meetings/errors.js";
import "../dispatch/errors.js";
import "../reports/errors.js";
import "../reserves/errors.js";
import "../areas/errors.js";
import "../approval/errors.js";
import { stylesheet } from "../http/style.js";
import { fieldErrors } from "../http/validation.js";
import "../http/validation.js";

/**
 * The public pages an anonymous visitor's copy of may be kept and served again while the data is unchanged
 * (src/http/page-cache.ts). A page belongs here only if what it shows comes from the database, the address, the
 * host and the day alone.
 */
const publicPagePrefixes = [
  "/",
  "/diarium",
  "/organ",
  "/partier",
  "/personer",
  "/sammantraden",
  "/protokoll",
  "/anslagstavla",
  "/anslagstavla.atom",
  "/uppfoljning",
  "/oparl",
  "/ledamoter",
  "/oppna-data",
  "/beslut.atom",
  "/beslut",
  "/kalender.ics",
  "/kalender",
];

const validationHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) {
    return problem(
      c,
      400,
      "invalid_input",
      "Uppgifterna är inte kompletta. Rätta de markerade fälten.",
      fieldErrors(result.error),
    );
  }
};

/** What the app is assembled with: the request context's settings, and the process's signing provider. */
export interface AppDeps extends Deps {
  /**
   * The one provider minutes and reports are signed through in this process (docs/decisions/0017): Paragraf's own
   * when not given. The job worker collects pending signatures with the same one.
   */
  signing?: SigningProvider;
}

/** Assembles Paragraf: middleware, every capability's API routes and pages, the OpenAPI document, errors. */
export function createApp({ signing = builtInSigning, ...deps }: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use(async (c, next) => {
    const started = performance.now();
    c.set("deps", deps);
    c.set("requestId", randomUUID());
    c.header("X-Request-Id", c.get("requestId"));
    await next();
    deps.logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(securityHeaders);
  // Before the session and any parsing: a body is bounded and checked before anyone is known.
  app.use(limitBodies(bodyLimits()));
  app.use(refuseHostileInput);

  app.get("/health", async (c) => {
    await deps.database.db.execute(sql`select 1`);
    return c.json({ status: "ok" });
  });
  app.get("/static/paragraf.css", (c) =>
    c.body(stylesheet, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );

  app.use(sessionMiddleware);
  app.use(crossSiteGuard);
  app.use(csrfMiddleware);
  if (deps.pageCache ?? pageCacheEnabled()) app.use(pageCache({ prefixes: publicPagePrefixes }));

  registerPortal(app);
  registerSitePages(app);
  registerAccountRoutes(app);
  registerAccountPages(app);
  registerOrganisationApi(app);
  registerOrganisationPages(app);
  registerRegisterApi(app);
  registerRegisterPages(app);
  registerMeetingApi(app);
  registerMeetingStepApi(app);
  registerMeetingPages(app, approvalSeals);
  registerSecretaryPages(app);
  registerApprovalApi(app, signing);
  registerApprovalPages(app, signing);
  registerNoticeBoardPages(app);
  registerAuditPages(app);
  registerAssignmentApi(app);
  registerAssignmentPages(app);
  registerConsultationApi(app);
  registerConsultationPages(app);
  registerDispatchApi(app);
  registerDispatchPages(app);
  registerReserveApi(app);
  registerReservePages(app);
  registerApiReference(app);
  registerTokenRoutes(app);
  registerMunicipalityApi(app);
  registerReportApi(app, signing);
  registerReportPages(app, signing);
  registerCaseReportsPage(app);
  registerDocumentApi(app, approvedHashCovering);
  registerDocumentPages(app, approvedHashCovering);
  documentAuthentication(app);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Paragraf API",
      version: "0.1.0",
      description: "Kommunens beslutsprocess som data: organisation, diarium, sammanträden och beslut.",
    },
    tags: [...meetingApiTags, ...approvalApiTags],
  });

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) return problem(c, 404, "not_found", "Det du söker finns inte.");
    return c.html(<ErrorPage c={c} status={404} message="Sidan finns inte." />, 404);
  });

  app.onError((failure, c) => {
    const api = c.req.path.startsWith("/api/");
    const refused = databaseInputError(failure);
    if (refused)
      deps.logger.warn({ requestId: c.get("requestId"), err: safeError(failure) }, "database refused input");
    const error = refused ?? failure;
    if (error instanceof DomainError) {
      if (api) return domainProblem(c, error);
      if (error.code === "unauthenticated")
        return c.redirect(`/logga-in?tillbaka=${encodeURIComponent(c.req.path)}`, 303);
      const { status, message } = describeError(error);
      return c.html(<ErrorPage c={c} status={status} message={message} />, status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const message =
        error.status === 400
          ? "Begäran kunde inte läsas (ogiltig JSON eller formulärdata)."
          : "Begäran kunde inte tas emot.";
      if (api) return problem(c, error.status as 400, "bad_request", message);
      return c.html(<ErrorPage c={c} status={error.status} message={message} />, error.status as 400);
    }
    deps.logger.error(
      { requestId: c.get("requestId"), err: safeError(error), path: c.req.path },
      "unexpected error",
    );
    const message = `Ett oväntat fel inträffade. Ange felkod ${c.get("requestId")} om du kontaktar oss.`;
    if (api) return problem(c, 500, "internal", message);
    return c.html(<ErrorPage c={c} status={500} message={message} />, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

function ErrorPage({ c, status, message }: { c: any; status: number; message: string }) {
  const title =
    status === 404
      ? "Sidan finns inte"
      : status === 403
        ? "Ingen behörighet"
        : status >= 500
          ? "Något gick fel"
          : "Det gick inte";
  let pageChrome: ReturnType<typeof chrome>;
  try {
    pageChrome = chrome(c);
  } catch {
    pageChrome = { municipality: null, actor: null, userEmail: null, csrfToken: "" };
  }
  return (
    <Layout title={title} chrome={pageChrome}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}
