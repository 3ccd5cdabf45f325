import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import type { AssignmentView } from "./present.js";
import {
  assignmentReader,
  readAssignment,
  readAssignments,
  readUnfinishedCouncilAssignments,
} from "./read-assignments.js";
import { Assignment, AssignmentInput, CloseAssignmentInput } from "./schemas.js";
import { assignmentStatuses } from "./tables.js";

/** The API's form of the presented assignment: the fields its schema names. */
const asResource = (a: AssignmentView) => Assignment.parse(a);

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
      const reader = assignmentReader(c.get("actor"));
      const rows = await inTransaction(db(c), (tx) =>
        readAssignments(tx, m.id, c.req.valid("query"), reader),
      );
      return c.json({ data: rows.map(asResource) }, 200);
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
      const reader = assignmentReader(c.get("actor"));
      const rows = await inTransaction(db(c), (tx) =>
        readUnfinishedCouncilAssignments(tx, m.id, year, reader),
      );
      return c.json({ data: rows.map(asResource) }, 200);
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
      const reader = assignmentReader(c.get("actor"));
      const row = await inTransaction(db(c), (tx) =>
        readAssignment(tx, m.id, c.req.valid("param").id, reader),
      );
      return c.json(asResource(row), 200);
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
        return readAssignment(tx, actor.municipalityId, created.id, assignmentReader(actor));
      });
      return c.json(asResource(row), 201);
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
        return readAssignment(tx, actor.municipalityId, id, assignmentReader(actor));
      });
      return c.json(asResource(row), 200);
    },
  );
}
