import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import {
  type AssignmentView,
  findAssignmentView,
  listAssignments,
  listUnfinishedCouncilAssignments,
} from "./queries.js";
import { Assignment, AssignmentInput, CloseAssignmentInput } from "./schemas.js";
import { assignmentStatuses } from "./tables.js";

const present = (a: AssignmentView) => Assignment.parse({ ...a, givenBy: a.givenBy, closedBy: a.closedBy });

/** The assignments API (M3): list, read, give, close, and the auditor's annual list. */
export function registerAssignmentApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/assignments",
      tags: ["Uppdrag"],
      summary: "Lista uppdrag",
      request: {
        query: z.object({
          bodyId: z.uuid({ error: "Ogiltigt organ-id." }).optional(),
          caseId: z.uuid({ error: "Ogiltigt ärende-id." }).optional(),
          status: z.enum(assignmentStatuses, { error: "Okänd status." }).optional(),
        }),
      },
      responses: { 200: { description: "Uppdragen", ...json(z.object({ data: z.array(Assignment) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) => listAssignments(tx, m.id, c.req.valid("query")));
      return c.json({ data: rows.map(present) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/assignments/unfinished",
      tags: ["Uppdrag"],
      summary: "Fullmäktiges ej slutförda uppdrag vid ett års utgång",
      request: { query: z.object({ year: z.coerce.number().int().min(1900).max(2999) }) },
      responses: { 200: { description: "Uppdragen", ...json(z.object({ data: z.array(Assignment) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const { year } = c.req.valid("query");
      const rows = await inTransaction(db(c), (tx) => listUnfinishedCouncilAssignments(tx, m.id, year));
      return c.json({ data: rows.map(present) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/assignments/{id}",
      tags: ["Uppdrag"],
      summary: "Hämta ett uppdrag",
      request: { params: IdParam },
      responses: { 200: { description: "Uppdraget", ...json(Assignment) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const row = await inTransaction(db(c), (tx) => findAssignmentView(tx, m.id, c.req.valid("param").id));
      if (!row) throw new NotFoundError("assignment");
      return c.json(present(row), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/assignments",
      tags: ["Uppdrag"],
      summary: "Registrera ett uppdrag som ett beslut gett ett organ",
      security: [{ session: [] }],
      request: { body: { ...json(AssignmentInput), required: true } },
      responses: { 201: { description: "Registrerat", ...json(Assignment) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const row = await inTransaction(db(c), async (tx) => {
        const created = await giveAssignment(tx, actor, input);
        return findAssignmentView(tx, actor.municipalityId, created.id);
      });
      return c.json(present(row!), 201);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/assignments/{id}/close",
      tags: ["Uppdrag"],
      summary: "Avsluta ett uppdrag: återrapporterat, faller eller avskrivs",
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(CloseAssignmentInput), required: true } },
      responses: { 200: { description: "Avslutat", ...json(Assignment) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const row = await inTransaction(db(c), async (tx) => {
        await closeAssignment(tx, actor, id, input);
        return findAssignmentView(tx, actor.municipalityId, id);
      });
      return c.json(present(row!), 200);
    },
  );
}
