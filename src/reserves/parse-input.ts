import type { z } from "@hono/zod-openapi";
import { DomainError } from "../domain/errors.js";

/**
 * Checks a use case's input against its schema, whoever calls it: the API has checked it already, but a page form
 * or an import row may be looser. What the schema refuses becomes a domain error on the field, with the schema's
 * Swedish message, so no caller can turn bad input into a crash.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DomainError("input_refused", { message: issue.message }, issue.path.join(".") || undefined);
}
