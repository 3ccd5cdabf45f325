import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome } from "../http/pages.js";

/** The accessibility statement (L30: Lag 2018:1937); the start page is the portal's (src/portal/pages.tsx). */
export function registerSitePages(app: OpenAPIHono<AppEnv>) {
  app.get("/tillganglighet", (c) =>
    c.html(
      <Layout title="Tillgänglighetsredogörelse" chrome={chrome(c)}>
        <h1>Tillgänglighetsredogörelse</h1>
        <p>
          Paragraf är byggt för att uppfylla EN 301 549 (WCAG 2.1 nivå AA), enligt lagen (2018:1937) om
          tillgänglighet till digital offentlig service. Alla sidor fungerar utan JavaScript och med
          tangentbord, och varje sida testas automatiskt med axe.
        </p>
        <h2>Rapportera brister</h2>
        <p>
          Om du stöter på något som inte fungerar för dig, kontakta kommunens registrator och beskriv sidan
          och problemet. Du kan också anmäla till Myndigheten för digital förvaltning (DIGG).
        </p>
      </Layout>,
    ),
  );
}
