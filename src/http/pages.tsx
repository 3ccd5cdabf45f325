import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv, MunicipalityRef } from "./context.js";
import { describeError } from "./errors.js";
import { type Field, type FormValues, formInput, keptValues } from "./forms.js";
import type { PageChrome } from "./layout.js";
import { type FieldError, fieldErrors } from "./validation.js";

/** What every page needs for its frame. */
export function chrome(c: Context<AppEnv>): PageChrome {
  return {
    municipality: c.get("municipality"),
    actor: c.get("actor"),
    userEmail: c.get("userEmail"),
    csrfToken: c.get("csrfToken"),
    path: c.req.path,
  };
}

/** The municipality a public page is about; a 404 when the installation has none. */
export function requireMunicipality(c: Context<AppEnv>): MunicipalityRef {
  const m = c.get("municipality");
  if (!m) throw new DomainError("not_found", { what: "page" });
  return m;
}

/** The signed-in actor, or an unauthenticated error (pages turn it into a redirect to the login page). */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (!actor) throw new DomainError("unauthenticated");
  return actor;
}

/** Runs reads for a page in one transaction. */
export function read<T>(c: Context<AppEnv>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(c.get("deps").database.db, fn);
}

export interface FormRender {
  values: FormValues;
  errors: FieldError[];
}

/** A posted form as `parseBody({ all: true })` reads it: a field posted more than once is a list. */
export type PostedForm = Record<string, string | File | (string | File)[]>;

/**
 * The one way a page form writes: validate with the API's zod schema, run the use case in a transaction,
 * redirect on success; on bad input, show the form again with the user's input and Swedish messages.
 * A form whose input is more than its fields (lists of checkboxes, lines, ids from the address) gives `input`,
 * which turns the posted form into what the schema reads.
 */
export async function submitForm<S extends z.ZodType, R>(
  c: Context<AppEnv>,
  options: {
    fields?: Field[];
    input?: (form: PostedForm) => unknown;
    schema: S;
    run: (tx: Tx, actor: Actor, input: z.infer<S>) => Promise<R>;
    render: (state: FormRender) => Child;
    redirect: (result: R) => string;
  },
) {
  const actor = requireActor(c);
  const fields = options.fields ?? [];
  const all = options.input !== undefined || fields.some((f) => f.type === "checkboxes");
  const form: PostedForm = await c.req.parseBody({ all });
  const values = keptValues(fields, form);
  const parsed = options.schema.safeParse(options.input ? options.input(form) : formInput(fields, form));
  if (!parsed.success) {
    return c.html(options.render({ values, errors: fieldErrors(parsed.error) }) as string, 400);
  }
  try {
    const result = await inTransaction(c.get("deps").database.db, (tx) =>
      options.run(tx, actor, parsed.data),
    );
    return c.redirect(options.redirect(result), 303);
  } catch (error) {
    if (!(error instanceof DomainError) || ["not_found", "forbidden", "unauthenticated"].includes(error.code))
      throw error;
    const { status, message } = describeError(error);
    const errors = [{ field: error.field ?? "_", message }];
    return c.html(options.render({ values, errors }) as string, status as ContentfulStatusCode);
  }
}
