import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "./context.js";

// The pieces every capability's API routes share: the problem details shape, its responses, JSON content.

/** RFC 9457 problem details as Paragraf answers them (src/http/errors.ts), with a Swedish message per field. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string(),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

/** One problem response, described in Swedish. */
export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

/** The refusals any write can meet. */
export const writeProblems = {
  400: problemResponse("Ogiltiga uppgifter eller en regel som inte är uppfylld, med ett meddelande per fält"),
  401: problemResponse("Inloggning krävs"),
  403: problemResponse("Ingen behörighet"),
  404: problemResponse("Finns inte"),
  409: problemResponse("Krockar med det som redan finns"),
};

export const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

/** The query layer, for a handler that runs a use case in a transaction. */
export const db = (c: Context<AppEnv>) => c.get("deps").database.db;

/** The `{id}` path parameter. */
export const IdParam = z.object({
  id: z.uuid({ error: "Ogiltigt id." }).openapi({ param: { name: "id", in: "path" } }),
});
