import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { requireActor } from "../http/pages.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.js";
import { authorize } from "./policy.js";
import { ApiToken, ApiTokenInput, CreatedApiToken } from "./token-schemas.js";

const secured: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** API keys for integrations, managed by the municipality's admin: create (shown once), list, revoke. */
export function registerTokenRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/tokens",
      tags: ["Inloggning"],
      summary: "Lista kommunens API-nycklar (admin)",
      security: secured,
      responses: {
        200: {
          description: "Nycklarna, nyaste först, utan själva nyckeln",
          ...json(z.object({ data: z.array(ApiToken) })),
        },
        401: writeProblems[401],
        403: writeProblems[403],
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      authorize(actor, "users:manage");
      const data = await inTransaction(db(c), (tx) => listApiTokens(tx, actor.municipalityId));
      return c.json({ data: data.map((t) => ApiToken.parse(t)) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/tokens",
      tags: ["Inloggning"],
      summary: "Skapa en API-nyckel för en integration (admin)",
      description:
        "Nyckeln visas bara i svaret; Paragraf sparar bara dess SHA-256. Skicka den som `Authorization: Bearer <nyckel>`.",
      security: secured,
      request: { body: { ...json(ApiTokenInput), required: true } },
      responses: { 201: { description: "Skapad", ...json(CreatedApiToken) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const created = await inTransaction(db(c), (tx) => createApiToken(tx, actor, input));
      return c.json(CreatedApiToken.parse(created), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/tokens/{id}",
      tags: ["Inloggning"],
      summary: "Återkalla en API-nyckel (admin)",
      security: secured,
      request: { params: IdParam },
      responses: { 204: { description: "Återkallad: nästa anrop med nyckeln nekas" }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      await inTransaction(db(c), (tx) => revokeApiToken(tx, actor, id));
      return c.body(null, 204);
    },
  );
}
