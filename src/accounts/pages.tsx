import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { readBodies } from "../organisation/read-bodies.js";
import { createUser } from "./create-user.js";
import { authorize } from "./policy.js";
import { roleName } from "./present.js";
import { readAccounts } from "./read-accounts.js";
import { UserInput } from "./schemas.js";
import { roles } from "./tables.js";

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
    const accounts = await read(c, (tx) => readAccounts(tx, m.id));
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
            </tr>
          </thead>
          <tbody>
            {accounts.map((u) => (
              <tr>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{u.roles}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });

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
