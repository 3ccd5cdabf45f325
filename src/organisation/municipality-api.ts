import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { authorize } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { requireActor } from "../http/pages.js";
import { createMunicipality, setMunicipalityHost } from "./create-municipality.js";
import { listMunicipalities } from "./queries.js";
import { Municipality, MunicipalityHostUpdate, MunicipalityInput } from "./schemas.js";
import "./errors.js";

const secured: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const present = (m: unknown) => Municipality.parse(m);

/**
 * The installation's municipalities, for installation admins (the role `installation_admin`, granted with
 * `paragraf user add --installation-admin`): list them, create one, set the host name its public site answers at.
 */
export function registerMunicipalityApi(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/municipalities",
      tags: ["Installation"],
      summary: "Lista installationens kommuner (installationsadministratör)",
      security: secured,
      responses: {
        200: { description: "Kommunerna, äldst först", ...json(z.object({ data: z.array(Municipality) })) },
        401: writeProblems[401],
        403: writeProblems[403],
      },
    }),
    async (c) => {
      authorize(requireActor(c), "installation:manage");
      const rows = await inTransaction(db(c), (tx) => listMunicipalities(tx));
      return c.json({ data: rows.map(present) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/municipalities",
      tags: ["Installation"],
      summary: "Skapa en kommun (installationsadministratör)",
      description:
        "Kommunens första administratör skapas sedan med `paragraf user add --municipality <kortnamn>`, " +
        "eller av en installationsadministratör i kommunen.",
      security: secured,
      request: { body: { ...json(MunicipalityInput), required: true } },
      responses: { 201: { description: "Skapad", ...json(Municipality) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const created = await inTransaction(db(c), (tx) => createMunicipality(tx, input, actor));
      return c.json(present(created), 201);
    },
  );
  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/municipalities/{id}",
      tags: ["Installation"],
      summary: "Ange värdnamnet kommunens publika webbplats svarar på (installationsadministratör)",
      security: secured,
      request: { params: IdParam, body: { ...json(MunicipalityHostUpdate), required: true } },
      responses: { 200: { description: "Ändrad", ...json(Municipality) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const changed = await inTransaction(db(c), (tx) => setMunicipalityHost(tx, id, input, actor));
      return c.json(present(changed), 200);
    },
  );
}
