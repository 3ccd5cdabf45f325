import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { partiesFor, partyFields } from "./page-parts.js";
import { createParty, updateParty } from "./parties.js";
import { readParty } from "./read-parties.js";
import { PartyInput } from "./schemas.js";

/** Parties: the list, and the forms that add and rename one. */
export function registerPartyPages(app: OpenAPIHono<AppEnv>) {
  app.get("/partier", async (c) => {
    const parties = await partiesFor(c);
    const editable = can(c.get("actor"), "organisation:write");
    return c.html(
      <Layout title="Partier" chrome={chrome(c)} current="/partier">
        <h1>Partier</h1>
        {editable ? (
          <p class="actions">
            <a href="/partier/ny">Nytt parti</a>
          </p>
        ) : null}
        <table>
          <thead>
            <tr>
              <th scope="col">Förkortning</th>
              <th scope="col">Namn</th>
              {editable ? <th scope="col">Ändra</th> : null}
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => (
              <tr>
                <td>{p.abbreviation}</td>
                <td>{p.name}</td>
                {editable ? (
                  <td>
                    <a href={`/partier/${p.id}/andra`}>{`Ändra ${p.name}`}</a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  formRoute(app, "/partier/ny", {
    load: async () => null,
    title: () => "Nytt parti",
    trail: () => [{ href: "/partier", label: "Partier" }, { label: "Nytt parti" }],
    fields: () => partyFields,
    schema: PartyInput,
    run: (tx, actor, input) => createParty(tx, actor, input),
    redirect: () => "/partier",
    submitLabel: "Spara partiet",
  });
  formRoute(app, "/partier/:id/andra", {
    load: (c) => read(c, (tx) => readParty(tx, requireMunicipality(c).id, c.req.param("id") ?? "")),
    title: (p) => `Ändra ${p.name}`,
    trail: (p) => [{ href: "/partier", label: "Partier" }, { label: p.name }],
    fields: () => partyFields,
    initial: (p) => ({ name: p.name, abbreviation: p.abbreviation }),
    schema: PartyInput,
    run: (tx, actor, input, p) => updateParty(tx, actor, p.id, input),
    redirect: () => "/partier",
    submitLabel: "Spara ändringarna",
  });
}
