import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import type { AppEnv } from "../http/context.js";
import { describeError } from "../http/errors.js";
import { FormPage, formRoute } from "../http/form-route.js";
import { Csrf, type Field, formInput, keptValues } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, type FormRender, read, requireActor, requireMunicipality } from "../http/pages.js";
import { fieldErrors } from "../http/validation.js";
import { readBodies } from "../organisation/read-bodies.js";
import { createApiToken, revokeApiToken } from "./api-tokens.js";
import { createUser } from "./create-user.js";
import { disableUser, enableUser } from "./disable-user.js";
import { authorize } from "./policy.js";
import { roleName } from "./present.js";
import { readAccounts } from "./read-accounts.js";
import { readApiTokens } from "./read-api-tokens.js";
import { UserInput } from "./schemas.js";
import { roles } from "./tables.js";
import { ApiTokenInput } from "./token-schemas.js";

// The page form gives one role, for every body or for one; the API takes a list of grants.
const AccountForm = UserInput.omit({ grants: true }).extend({
  role: z.enum(roles, { error: "Välj en roll." }),
  bodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish(),
});

/** The admin's pages for accounts: who may log in, with which roles. */
export function registerAccountPages(app: OpenAPIHono<AppEnv>) {
  app.get("/admin/konton", async (c) => {
    authorize(c.get("actor"), "users:manage");
    const m = requireMunicipality(c);
    const [accounts, tokens] = await read(c, async (tx) => [
      await readAccounts(tx, m.id),
      await readApiTokens(tx, m.id),
    ]);
    return c.html(
      <Layout title="Konton" chrome={chrome(c)}>
        <Breadcrumbs trail={[{ href: "/", label: "Start" }, { label: "Konton" }]} />
        <h1>Konton</h1>
        <p class="actions">
          <a href="/admin/konton/ny">Nytt konto</a>
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">E-post</th>
              <th scope="col">Roller</th>
              <th scope="col">Status</th>
              <th scope="col">Åtgärd</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((u) => (
              <tr>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{u.roles}</td>
                <td>{u.disabled ? "Avstängt" : "Aktivt"}</td>
                <td>
                  {u.id === c.get("actor")?.userId ? null : (
                    <form method="post" action={`/admin/konton/${u.id}/${u.disabled ? "oppna" : "stang-av"}`}>
                      <Csrf token={c.get("csrfToken")} />
                      <button
                        type="submit"
                        aria-label={`${u.disabled ? "Öppna" : "Stäng av"} kontot för ${u.displayName}`}
                      >
                        {u.disabled ? "Öppna" : "Stäng av"}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>API-nycklar</h2>
        <p>
          En integration loggar in med en API-nyckel i stället för ett lösenord:{" "}
          <code>Authorization: Bearer …</code>. Nyckeln har egna roller och kan gälla ett enda organ. Det den
          gör loggas under nyckelns namn.
        </p>
        <p class="actions">
          <a href="/admin/konton/nycklar/ny">Ny API-nyckel</a>
        </p>
        {tokens.length === 0 ? (
          <p>Det finns inga API-nycklar.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Roller</th>
                <th scope="col">Gäller organ</th>
                <th scope="col">Giltig till och med</th>
                <th scope="col">Status</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.roles}</td>
                  <td>{t.body}</td>
                  <td>{t.validThrough}</td>
                  <td>{t.state}</td>
                  <td>
                    {t.active ? (
                      <form method="post" action={`/admin/konton/nycklar/${t.id}/aterkalla`}>
                        <Csrf token={c.get("csrfToken")} />
                        <button type="submit" aria-label={`Återkalla ${t.name}`}>
                          Återkalla
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  registerTokenPages(app);

  formRoute(app, "/admin/konton/ny", {
    load: async (c) => {
      authorize(c.get("actor"), "users:manage");
      return read(c, (tx) => readBodies(tx, requireMunicipality(c).id));
    },
    title: () => "Nytt konto",
    trail: () => [{ href: "/admin/konton", label: "Konton" }, { label: "Nytt konto" }],
    fields: (bodies) => [
      { name: "displayName", label: "Namn", required: true, autocomplete: "off" },
      { name: "email", label: "E-postadress", type: "email", required: true, autocomplete: "off" },
      {
        name: "password",
        label: "Lösenord",
        type: "password",
        required: true,
        autocomplete: "new-password",
        hint: "Minst 12 tecken.",
      },
      {
        name: "role",
        label: "Roll",
        type: "select",
        required: true,
        options: roles.map((r) => ({ value: r, label: roleName[r] })),
      },
      {
        name: "bodyId",
        label: "Gäller organ",
        type: "select",
        hint: "Lämna tomt för att rollen ska gälla alla organ.",
        options: bodies.map((b) => ({ value: b.id, label: b.name })),
      },
    ],
    schema: AccountForm,
    run: (tx, actor, input) =>
      createUser(tx, actor, {
        email: input.email,
        displayName: input.displayName,
        password: input.password,
        grants: [{ role: input.role, bodyId: input.bodyId ?? null }],
      }),
    redirect: () => "/admin/konton",
    submitLabel: "Skapa kontot",
  });
}

const tokenTrail = [
  { href: "/", label: "Start" },
  { href: "/admin/konton", label: "Konton" },
  { label: "Ny API-nyckel" },
];

function tokenFields(bodies: { id: string; name: string }[]): Field[] {
  return [
    {
      name: "name",
      label: "Namn",
      required: true,
      autocomplete: "off",
      hint: "Integrationens namn, t.ex. Ärendeintegration.",
    },
    {
      name: "roles",
      label: "Roller",
      type: "checkboxes",
      options: roles.map((r) => ({ value: r, label: roleName[r] })),
    },
    {
      name: "bodyId",
      label: "Gäller organ",
      type: "select",
      hint: "Lämna tomt för att nyckeln ska gälla alla organ. En nyckel för ett organ kan inte vara administratör.",
      options: bodies.map((b) => ({ value: b.id, label: b.name })),
    },
    {
      name: "expiresOn",
      label: "Sista giltighetsdag",
      type: "date",
      hint: "Lämna tomt för att nyckeln ska gälla tills den återkallas.",
    },
  ];
}

/** Creating an API key (its token is shown on the next page, once) and revoking one. */
function registerTokenPages(app: OpenAPIHono<AppEnv>) {
  const load = async (c: Context<AppEnv>) => {
    authorize(c.get("actor"), "users:manage");
    return read(c, (tx) => readBodies(tx, requireMunicipality(c).id));
  };
  const form = (c: Context<AppEnv>, fields: Field[], state: FormRender) => (
    <FormPage
      c={c}
      title="Ny API-nyckel"
      trail={tokenTrail}
      action="/admin/konton/nycklar/ny"
      fields={fields}
      state={state}
      submitLabel="Skapa nyckeln"
      intro="Nyckeln visas en gång när den skapas. Paragraf sparar bara ett kontrollvärde av den."
    />
  );

  app.get("/admin/konton/nycklar/ny", async (c) => {
    requireActor(c);
    const fields = tokenFields(await load(c));
    return c.html(form(c, fields, { values: {}, errors: [] }));
  });

  // Not formRoute: a created key is shown on the answer to the post, never behind a redirect a reload repeats.
  app.post("/admin/konton/nycklar/ny", async (c) => {
    const actor = requireActor(c);
    const fields = tokenFields(await load(c));
    const posted = await c.req.parseBody({ all: true });
    const values = keptValues(fields, posted);
    const parsed = ApiTokenInput.safeParse(formInput(fields, posted));
    if (!parsed.success) return c.html(form(c, fields, { values, errors: fieldErrors(parsed.error) }), 400);
    let created: Awaited<ReturnType<typeof createApiToken>>;
    try {
      created = await inTransaction(c.get("deps").database.db, (tx) =>
        createApiToken(tx, actor, parsed.data),
      );
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        ["not_found", "forbidden", "unauthenticated"].includes(error.code)
      )
        throw error;
      const { status, message } = describeError(error);
      return c.html(
        form(c, fields, { values, errors: [{ field: error.field ?? "_", message }] }),
        status as ContentfulStatusCode,
      );
    }
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout title="API-nyckeln är skapad" chrome={chrome(c)}>
        <Breadcrumbs
          trail={[
            { href: "/", label: "Start" },
            { href: "/admin/konton", label: "Konton" },
            { label: created.name },
          ]}
        />
        <h1>API-nyckeln är skapad</h1>
        <p>
          Kopiera nyckeln nu och lägg den i integrationens inställningar. Den visas inte igen; tappar ni bort
          den, återkalla den och skapa en ny.
        </p>
        <p>
          <label for="token">{`Nyckeln ${created.name}`}</label>
          <input id="token" type="text" readonly value={created.token} size={60} />
        </p>
        <p>
          Skicka den i varje anrop: <code>Authorization: Bearer {created.token}</code>
        </p>
        <p>
          <a href="/admin/konton">Till kontona</a>
        </p>
      </Layout>,
      201,
    );
  });

  for (const [segment, run] of [
    ["stang-av", disableUser],
    ["oppna", enableUser],
  ] as const)
    app.post(`/admin/konton/:id/${segment}`, async (c) => {
      const actor = requireActor(c);
      const id = c.req.param("id");
      if (!isUuid(id)) throw new DomainError("not_found", { what: "page" });
      await inTransaction(c.get("deps").database.db, (tx) => run(tx, actor, id));
      return c.redirect("/admin/konton", 303);
    });

  app.post("/admin/konton/nycklar/:id/aterkalla", async (c) => {
    const actor = requireActor(c);
    const id = c.req.param("id");
    if (!isUuid(id)) throw new DomainError("not_found", { what: "page" });
    await inTransaction(c.get("deps").database.db, (tx) => revokeApiToken(tx, actor, id));
    return c.redirect("/admin/konton", 303);
  });
}
