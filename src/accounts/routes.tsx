import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import type { AppEnv } from "../http/context.js";
import { describeError, domainProblem } from "../http/errors.js";
import { type Field, Form, type FormValues, keptValues } from "../http/forms.js";
import { Layout } from "../http/layout.js";
import { IdParam, json as jsonOf, writeProblems } from "../http/openapi.js";
import { chrome, read, requireActor } from "../http/pages.js";
import { clientAddress, cookieOptions, sessionCookie } from "../http/session.js";
import { type FieldError, fieldErrors } from "../http/validation.js";
import { createUser } from "./create-user.js";
import { disableUser, enableUser } from "./disable-user.js";
import { logIn } from "./log-in.js";
import { LoginInput, User, UserInput } from "./schemas.js";
import { endSession } from "./sessions.js";

const sessionMaxAge = 12 * 60 * 60;
const loginFields: Field[] = [
  { name: "email", label: "E-postadress", type: "email", required: true, autocomplete: "username" },
  { name: "password", label: "Lösenord", type: "password", required: true, autocomplete: "current-password" },
];

/** Only a path on this site is a place to return to after login. */
function safeReturn(path: string | undefined): string {
  return path && /^\/(?!\/)[^\s\\]*$/.test(path) ? path : "/";
}

/** Login and logout for pages and API, and creating accounts through the API. */
export function registerAccountRoutes(app: OpenAPIHono<AppEnv>) {
  const loginPage = (c: any, state: { values?: FormValues; errors?: FieldError[] }, back: string) => (
    <Layout title="Logga in" chrome={chrome(c)}>
      <h1>Logga in</h1>
      <p>Allmänheten läser allt publikt utan att logga in. Inloggning behövs för att registrera och ändra.</p>
      <Form
        action={`/logga-in?tillbaka=${encodeURIComponent(back)}`}
        fields={loginFields}
        values={state.values}
        errors={state.errors}
        csrfToken={c.get("csrfToken")}
        submitLabel="Logga in"
      />
    </Layout>
  );

  app.get("/logga-in", (c) => c.html(loginPage(c, {}, safeReturn(c.req.query("tillbaka")))));

  app.post("/logga-in", async (c) => {
    const back = safeReturn(c.req.query("tillbaka"));
    const form = await c.req.parseBody();
    const values = keptValues(loginFields, form);
    const parsed = LoginInput.safeParse({ email: form.email, password: form.password });
    if (!parsed.success)
      return c.html(loginPage(c, { values, errors: fieldErrors(parsed.error) }, back), 400);
    const outcome = await logIn(c.get("deps").database.db, parsed.data, clientAddress(c));
    if (!outcome.ok) {
      if (outcome.retryAfterSeconds) c.header("Retry-After", String(outcome.retryAfterSeconds));
      const { status, message } = describeError(outcome.error);
      return c.html(loginPage(c, { values, errors: [{ field: "_", message }] }, back), status);
    }
    setCookie(c, sessionCookie, outcome.token, cookieOptions(c, sessionMaxAge));
    return c.redirect(back, 303);
  });

  app.post("/logga-ut", async (c) => {
    const token = getCookie(c, sessionCookie);
    if (token) await read(c, (tx) => endSession(tx, token));
    deleteCookie(c, sessionCookie, { path: "/" });
    return c.redirect("/", 303);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/session",
      tags: ["Inloggning"],
      summary: "Logga in och få en sessionskaka",
      request: { body: { content: { "application/json": { schema: LoginInput } }, required: true } },
      responses: {
        200: {
          description: "Inloggad",
          content: { "application/json": { schema: z.object({ email: z.string() }) } },
        },
        401: { description: "Fel e-postadress eller lösenord" },
        429: { description: "För många misslyckade försök" },
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const outcome = await logIn(c.get("deps").database.db, input, clientAddress(c));
      if (!outcome.ok) {
        if (outcome.retryAfterSeconds) c.header("Retry-After", String(outcome.retryAfterSeconds));
        return domainProblem(c, outcome.error) as any;
      }
      setCookie(c, sessionCookie, outcome.token, cookieOptions(c, sessionMaxAge));
      return c.json({ email: input.email }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/session",
      tags: ["Inloggning"],
      summary: "Logga ut",
      responses: { 204: { description: "Utloggad" } },
    }),
    async (c) => {
      const token = getCookie(c, sessionCookie);
      if (token) await read(c, (tx) => endSession(tx, token));
      deleteCookie(c, sessionCookie, { path: "/" });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/users",
      tags: ["Inloggning"],
      summary: "Skapa ett konto med roller (admin)",
      security: [{ session: [] }],
      request: { body: { content: { "application/json": { schema: UserInput } }, required: true } },
      responses: { 201: { description: "Skapat", content: { "application/json": { schema: User } } } },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const user = await inTransaction(c.get("deps").database.db, (tx) => createUser(tx, actor, input));
      return c.json(User.parse(user), 201);
    },
  );

  const UserState = z.object({ id: z.uuid(), email: z.string(), disabled: z.boolean() }).openapi("UserState");
  for (const [action, run, summary, description] of [
    [
      "disable",
      disableUser,
      "Stäng av ett konto (admin)",
      "Kontot kan inte längre logga in och dess inloggningar avslutas. API-nycklar påverkas inte; återkalla dem för sig. Ens eget konto kan inte stängas av.",
    ],
    ["enable", enableUser, "Öppna ett avstängt konto igen (admin)", "Kontot kan logga in igen."],
  ] as const)
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/users/{id}/${action}`,
        tags: ["Inloggning"],
        summary,
        description,
        security: [{ session: [] }, { bearer: [] }],
        request: { params: IdParam, body: { ...jsonOf(z.strictObject({})), required: true } },
        responses: { 200: { description: "Kontots läge", ...jsonOf(UserState) }, ...writeProblems },
      }),
      async (c) => {
        const actor = requireActor(c);
        // The route is built in a loop, which its types cannot follow: the id is checked here as IdParam would.
        const id = c.req.param("id") ?? "";
        if (!isUuid(id)) throw new DomainError("user_not_found");
        const user = await inTransaction(c.get("deps").database.db, (tx) => run(tx, actor, id));
        return c.json(user, 200);
      },
    );
}
