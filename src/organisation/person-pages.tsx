import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { roleLabel } from "./labels.js";
import { type C, partiesFor, period, personFields } from "./page-parts.js";
import { createPerson, updatePerson } from "./persons.js";
import { readPerson, readPersonPage, readPersons } from "./read-persons.js";
import { PersonInput } from "./schemas.js";

/** Persons: the list, a person's page with memberships and posts, and the forms that add and change one. */
export function registerPersonPages(app: OpenAPIHono<AppEnv>) {
  app.get("/personer", async (c) => {
    const m = requireMunicipality(c);
    const persons = await read(c, (tx) => readPersons(tx, m.id));
    return c.html(
      <Layout title="Personer" chrome={chrome(c)} current="/personer">
        <h1>Förtroendevalda och tjänstepersoner</h1>
        {can(c.get("actor"), "organisation:write") ? (
          <p class="actions">
            <a href="/personer/ny">Ny person</a>
          </p>
        ) : null}
        <table>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Parti</th>
            </tr>
          </thead>
          <tbody>
            {persons.map((p) => (
              <tr>
                <td>
                  <a href={`/personer/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.partyAbbreviation ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  formRoute(app, "/personer/ny", {
    load: partiesFor,
    title: () => "Ny person",
    trail: () => [{ href: "/personer", label: "Personer" }, { label: "Ny person" }],
    fields: (parties) => personFields(parties),
    schema: PersonInput,
    run: (tx, actor, input) => createPerson(tx, actor, input),
    redirect: (created) => `/personer/${created.id}`,
    submitLabel: "Spara",
  });

  app.get("/personer/:id", async (c) => {
    const m = requireMunicipality(c);
    const {
      person: p,
      party,
      memberships,
      posts,
    } = await read(c, (tx) => readPersonPage(tx, m.id, c.req.param("id")));
    const editable = can(c.get("actor"), "organisation:write");
    return c.html(
      <Layout title={p.name} chrome={chrome(c)} current="/personer">
        <Breadcrumbs trail={[{ href: "/personer", label: "Personer" }, { label: p.name }]} />
        <h1>{party ? `${p.name} (${party.abbreviation})` : p.name}</h1>
        <dl class="facts">
          {party ? (
            <>
              <dt>Parti</dt>
              <dd>{party.name}</dd>
            </>
          ) : null}
          {p.email ? (
            <>
              <dt>E-post</dt>
              <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {editable ? (
          <div class="actions">
            <a href={`/personer/${p.id}/andra`}>Ändra uppgifterna</a>
            <a href={`/admin/logg?typ=person&id=${p.id}`}>Ändringslogg</a>
          </div>
        ) : null}
        {memberships.length > 0 ? (
          <>
            <h2>Uppdrag</h2>
            <ul>
              {memberships.map((x) => (
                <li>
                  {`${roleLabel[x.role]} i `}
                  <a href={`/organ/${x.bodySlug}`}>{x.bodyName}</a>
                  {` ${period(x)}`}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {posts.length > 0 ? (
          <>
            <h2>Anställning</h2>
            <ul>
              {posts.map((o) => (
                <li>
                  {`${o.title}, `}
                  <a href={`/organ/${o.bodySlug}`}>{o.bodyName}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Layout>,
    );
  });
  const personAndParties = async (c: C) => ({
    p: await read(c, (tx) => readPerson(tx, requireMunicipality(c).id, c.req.param("id") ?? "")),
    parties: await partiesFor(c),
  });
  formRoute(app, "/personer/:id/andra", {
    load: personAndParties,
    title: ({ p }) => `Ändra ${p.name}`,
    trail: ({ p }) => [
      { href: "/personer", label: "Personer" },
      { href: `/personer/${p.id}`, label: p.name },
      { label: "Ändra" },
    ],
    fields: ({ parties }) => personFields(parties),
    initial: ({ p }) => ({ name: p.name, email: p.email, partyId: p.partyId }),
    schema: PersonInput,
    run: (tx, actor, input, { p }) => updatePerson(tx, actor, p.id, input),
    redirect: (_updated, { p }) => `/personer/${p.id}`,
    submitLabel: "Spara",
  });
}
