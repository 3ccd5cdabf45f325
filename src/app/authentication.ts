import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";

/**
 * Describes both ways to authenticate in the OpenAPI document: the session cookie of a person and an
 * integration's API key. Every operation that takes a session takes a key as well (the session middleware
 * resolves either), so the bearer scheme is added beside the cookie wherever a route names the cookie.
 */
export function documentAuthentication(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "paragraf_session",
    description:
      "Sessionskaka från POST /api/session. Alla skrivningar kräver inloggning; läsningar av publika uppgifter gör det inte. " +
      "Skrivningar från webbsidor kräver dessutom formulärets CSRF-token; API:et tar bara emot JSON.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "API-nyckel för integrationer: `Authorization: Bearer prg_…`. En administratör skapar nyckeln på /admin/konton " +
      "eller med POST /api/tokens; den visas en gång. Nyckeln agerar med sina roller i sin kommun, och bara för sitt " +
      "organ om den har ett. Ingen CSRF-token behövs. En okänd, återkallad eller utgången nyckel ger 401.",
  });
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== "route") continue;
    const security = definition.route.security;
    if (!security?.some((s) => "session" in s) || security.some((s) => "bearer" in s)) continue;
    definition.route.security = [...security, { bearer: [] }];
  }
}
