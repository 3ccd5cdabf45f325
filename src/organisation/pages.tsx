import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { can } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import type { Field } from "../http/forms.js";
import { Breadcrumbs, isoDay, Layout } from "../http/layout.js";
import { chrome, read, requireActor, requireMunicipality } from "../http/pages.js";
import { createBody, deleteBody, updateBody } from "./bodies.js";
import { bodyKindLabel, bodyKindPlural, roleLabel } from "./labels.js";
import { addMembership, updateMembership } from "./memberships.js";
import { addOfficial } from "./officials.js";
import { createParty, updateParty } from "./parties.js";
import { createPerson, updatePerson } from "./persons.js";
import * as q from "./queries.js";
import { BodyInput, MembershipInput, OfficialInput, PartyInput, PersonInput } from "./schemas.js";
import { bodyKinds, membershipRoles } from "./tables.js";

type C = Context<AppEnv>;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function bodyFields(parents: { id: string; name: string }[]): Field[] {
  return [
    { name: "name", label: "Namn", required: true },
    {
      name: "kind",
      label: "Typ",
      type: "select",
      required: true,
      options: bodyKinds.map((k) => ({ value: k, label: bodyKindLabel[k] })),
    },
    { name: "shortName", label: "Förkortning", hint: "Till exempel KF, KS, KSAU eller MKB." },
    {
      name: "parentId",
      label: "Överordnat organ",
      type: "select",
      options: parents.map((p) => ({ value: p.id, label: p.name })),
    },
    {
      name: "seats",
      label: "Antal ledamotsplatser",
      type: "number",
      hint: "Används för att räkna beslutförhet.",
    },
    { name: "openMeetings", label: "Sammanträdena är offentliga", type: "checkbox" },
    { name: "email", label: "E-postadress", type: "email" },
  ];
}

const partyFields: Field[] = [
  { name: "name", label: "Namn", required: true },
  {
    name: "abbreviation",
    label: "Förkortning",
    required: true,
    hint: "Till exempel S, M, L, C, SD eller V.",
  },
];

function personFields(parties: { id: string; name: string; abbreviation: string }[]): Field[] {
  return [
    { name: "name", label: "Namn", required: true, autocomplete: "off" },
    { name: "email", label: "E-postadress", type: "email", autocomplete: "off" },
    {
      name: "partyId",
      label: "Parti",
      type: "select",
      options: parties.map((p) => ({ value: p.id, label: `${p.name} (${p.abbreviation})` })),
    },
  ];
}

function membershipFields(
  persons: { id: string; name: string; partyAbbreviation: string | null }[],
): Field[] {
  return [
    {
      name: "personId",
      label: "Person",
      type: "select",
      required: true,
      options: persons.map((p) => ({
        value: p.id,
        label: p.partyAbbreviation ? `${p.name} (${p.partyAbbreviation})` : p.name,
      })),
    },
    {
      name: "role",
      label: "Roll",
      type: "select",
      required: true,
      options: membershipRoles.map((r) => ({ value: r, label: roleLabel[r] })),
    },
    { name: "startsOn", label: "Från och med", type: "date", required: true },
    { name: "endsOn", label: "Till och med", type: "date" },
  ];
}

function officialFields(persons: { id: string; name: string }[]): Field[] {
  return [
    {
      name: "personId",
      label: "Person",
      type: "select",
      required: true,
      options: persons.map((p) => ({ value: p.id, label: p.name })),
    },
    {
      name: "title",
      label: "Titel",
      required: true,
      hint: "Till exempel enhetschef eller nämndsekreterare.",
    },
  ];
}

async function loadBody(c: C) {
  const m = requireMunicipality(c);
  const found = await read(c, (tx) => q.findBodyBySlug(tx, m.id, c.req.param("slug") ?? ""));
  if (!found) throw new NotFoundError("body");
  return found;
}

/** The organisation register's pages: /organ, /organ/{slug}, /partier, /personer, and their forms. */
export function registerOrganisationPages(app: OpenAPIHono<AppEnv>) {
  app.get("/organ", async (c) => {
    const m = requireMunicipality(c);
    const bodies = await read(c, (tx) => q.listBodies(tx, m.id));
    const byId = new Map(bodies.map((b) => [b.id, b]));
    const editable = can(c.get("actor"), "organisation:write");
    return c.html(
      <Layout title="Organ" chrome={chrome(c)} current="/organ">
        <h1>{`Organ i ${m.name}`}</h1>
        {editable ? (
          <p class="actions">
            <a href="/organ/ny">Nytt organ</a>
          </p>
        ) : null}
        {bodyKinds
          .filter((kind) => bodies.some((b) => b.kind === kind))
          .map((kind) => (
            <section>
              <h2>{bodyKindPlural[kind]}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Namn</th>
                    <th scope="col">Förkortning</th>
                    <th scope="col">Hör till</th>
                  </tr>
                </thead>
                <tbody>
                  {bodies
                    .filter((b) => b.kind === kind)
                    .map((b) => (
                      <tr>
                        <td>
                          <a href={`/organ/${b.slug}`}>{b.name}</a>
                        </td>
                        <td>{b.shortName ?? ""}</td>
                        <td>{b.parentId ? (byId.get(b.parentId)?.name ?? "") : ""}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))}
      </Layout>,
    );
  });

  formRoute(app, "/organ/ny", {
    load: (c) => read(c, (tx) => q.listBodies(tx, requireMunicipality(c).id)),
    title: () => "Nytt organ",
    trail: () => [{ href: "/organ", label: "Organ" }, { label: "Nytt organ" }],
    fields: (parents) => bodyFields(parents),
    schema: BodyInput,
    run: (tx, actor, input) => createBody(tx, actor, input),
    redirect: (created) => `/organ/${created.slug}`,
    submitLabel: "Spara organet",
  });

  app.get("/organ/:slug", async (c) => {
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const { members, officials, children, parent } = await read(c, async (tx) => ({
      members: await q.listMemberships(tx, m.id, { bodyId: b.id }),
      officials: await q.listOfficials(tx, m.id, { bodyId: b.id }),
      children: await q.listChildBodies(tx, m.id, b.id),
      parent: b.parentId ? await q.findBody(tx, m.id, b.parentId) : undefined,
    }));
    const actor = c.get("actor");
    const editable = can(actor, "organisation:write");
    const today = new Date().toISOString().slice(0, 10);
    const current = members.filter((x) => !x.endsOn || x.endsOn >= today);
    const former = members.filter((x) => x.endsOn && x.endsOn < today);
    const memberTable = (rows: typeof members, caption: string) => (
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Parti</th>
            <th scope="col">Roll</th>
            <th scope="col">Period</th>
            {editable ? <th scope="col">Ändra</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr>
              <td>
                <a href={`/personer/${x.personId}`}>{x.personName}</a>
              </td>
              <td>{x.partyAbbreviation ?? ""}</td>
              <td>{roleLabel[x.role]}</td>
              <td>{`${isoDay(x.startsOn)} – ${isoDay(x.endsOn)}`}</td>
              {editable ? (
                <td>
                  <a
                    href={`/organ/${b.slug}/ledamoter/${x.id}/avsluta`}
                  >{`Avsluta uppdraget för ${x.personName}`}</a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    );
    return c.html(
      <Layout title={b.name} chrome={chrome(c)} current="/organ">
        <Breadcrumbs trail={[{ href: "/organ", label: "Organ" }, { label: b.name }]} />
        <h1>{b.name}</h1>
        <dl class="facts">
          <dt>Typ</dt>
          <dd>{bodyKindLabel[b.kind]}</dd>
          {b.shortName ? (
            <>
              <dt>Förkortning</dt>
              <dd>{b.shortName}</dd>
            </>
          ) : null}
          {parent ? (
            <>
              <dt>Hör till</dt>
              <dd>
                <a href={`/organ/${parent.slug}`}>{parent.name}</a>
              </dd>
            </>
          ) : null}
          {b.seats ? (
            <>
              <dt>Ledamotsplatser</dt>
              <dd>{`${b.seats} (beslutfört när fler än hälften är närvarande)`}</dd>
            </>
          ) : null}
          <dt>Sammanträden</dt>
          <dd>{b.openMeetings ? "Offentliga" : "Inte offentliga"}</dd>
          {b.email ? (
            <>
              <dt>E-post</dt>
              <dd>
                <a href={`mailto:${b.email}`}>{b.email}</a>
              </dd>
            </>
          ) : null}
        </dl>
        {editable ? (
          <div class="actions">
            <a href={`/organ/${b.slug}/andra`}>Ändra uppgifterna</a>
            <a href={`/organ/${b.slug}/ledamoter/ny`}>Lägg till ledamot eller ersättare</a>
            {["administration", "department", "unit"].includes(b.kind) ? (
              <a href={`/organ/${b.slug}/tjanstepersoner/ny`}>Lägg till tjänsteperson</a>
            ) : null}
            <a href={`/admin/logg?typ=body&id=${b.id}`}>Ändringslogg</a>
            <form method="post" action={`/organ/${b.slug}/ta-bort`}>
              <input type="hidden" name="_csrf" value={c.get("csrfToken")} />
              <button type="submit" class="danger">
                Ta bort organet
              </button>
            </form>
          </div>
        ) : null}
        <h2>Ledamöter och ersättare</h2>
        {current.length === 0 ? (
          <p>Inga ledamöter är registrerade.</p>
        ) : (
          memberTable(current, `${current.length} nuvarande uppdrag`)
        )}
        {former.length > 0 ? memberTable(former, "Tidigare uppdrag") : null}
        {officials.length > 0 ? (
          <>
            <h2>Tjänstepersoner</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Titel</th>
                  <th scope="col">E-post</th>
                </tr>
              </thead>
              <tbody>
                {officials.map((o) => (
                  <tr>
                    <td>
                      <a href={`/personer/${o.personId}`}>{o.personName}</a>
                    </td>
                    <td>{o.title}</td>
                    <td>{o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {children.length > 0 ? (
          <>
            <h2>Underordnade organ</h2>
            <ul>
              {children.map((child) => (
                <li>
                  <a href={`/organ/${child.slug}`}>{child.name}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Layout>,
    );
  });

  const bodyAndParents = async (c: C) => {
    const b = await loadBody(c);
    const all = await read(c, (tx) => q.listBodies(tx, b.municipalityId));
    return { b, parents: all.filter((p) => p.id !== b.id) };
  };
  const bodyTrail = (b: { slug: string; name: string }, last: string) => [
    { href: "/organ", label: "Organ" },
    { href: `/organ/${b.slug}`, label: b.name },
    { label: last },
  ];
  formRoute(app, "/organ/:slug/andra", {
    load: bodyAndParents,
    title: ({ b }) => `Ändra ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Ändra"),
    fields: ({ parents }) => bodyFields(parents),
    initial: ({ b }) => ({
      name: b.name,
      kind: b.kind,
      shortName: b.shortName,
      parentId: b.parentId,
      seats: b.seats,
      openMeetings: b.openMeetings,
      email: b.email,
    }),
    schema: BodyInput.omit({ slug: true }),
    run: (tx, actor, input, { b }) => updateBody(tx, actor, b.id, input),
    redirect: (updated) => `/organ/${updated.slug}`,
    submitLabel: "Spara ändringarna",
  });
  app.post("/organ/:slug/ta-bort", async (c) => {
    const actor = requireActor(c);
    const b = await loadBody(c);
    await inTransaction(c.get("deps").database.db, (tx) => deleteBody(tx, actor, b.id));
    return c.redirect("/organ", 303);
  });

  const bodyAndPersons = async (c: C) => {
    const b = await loadBody(c);
    return { b, persons: await read(c, (tx) => q.listPersons(tx, b.municipalityId)) };
  };
  formRoute(app, "/organ/:slug/ledamoter/ny", {
    load: bodyAndPersons,
    title: ({ b }) => `Ny ledamot i ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Ny ledamot"),
    fields: ({ persons }) => membershipFields(persons),
    schema: MembershipInput.omit({ bodyId: true }),
    run: (tx, actor, input, { b }) => addMembership(tx, actor, { ...input, bodyId: b.id }),
    redirect: (_created, { b }) => `/organ/${b.slug}`,
    submitLabel: "Lägg till",
  });
  formRoute(app, "/organ/:slug/tjanstepersoner/ny", {
    load: bodyAndPersons,
    title: ({ b }) => `Ny tjänsteperson vid ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Ny tjänsteperson"),
    fields: ({ persons }) => officialFields(persons),
    schema: OfficialInput.omit({ bodyId: true }),
    run: (tx, actor, input, { b }) => addOfficial(tx, actor, { ...input, bodyId: b.id }),
    redirect: (_created, { b }) => `/organ/${b.slug}`,
    submitLabel: "Lägg till",
  });
  formRoute(app, "/organ/:slug/ledamoter/:id/avsluta", {
    load: async (c) => {
      const b = await loadBody(c);
      const id = c.req.param("id") ?? "";
      const seat = uuidPattern.test(id)
        ? await read(c, (tx) => q.findMembership(tx, b.municipalityId, id))
        : undefined;
      if (!seat || seat.bodyId !== b.id) throw new NotFoundError("membership");
      return { b, seat };
    },
    title: ({ b }) => `Avsluta uppdrag i ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Avsluta uppdrag"),
    fields: () => [{ name: "endsOn", label: "Sista dag i uppdraget", type: "date", required: true }],
    schema: z.object({ endsOn: z.iso.date({ error: "Ange sista dagen som ÅÅÅÅ-MM-DD." }) }),
    run: (tx, actor, input, { seat }) => updateMembership(tx, actor, seat.id, { endsOn: input.endsOn }),
    redirect: (_updated, { b }) => `/organ/${b.slug}`,
    submitLabel: "Avsluta uppdraget",
  });

  app.get("/partier", async (c) => {
    const m = requireMunicipality(c);
    const parties = await read(c, (tx) => q.listParties(tx, m.id));
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
    load: async (c) => {
      const id = c.req.param("id") ?? "";
      const found = uuidPattern.test(id)
        ? await read(c, (tx) => q.findParty(tx, requireMunicipality(c).id, id))
        : undefined;
      if (!found) throw new NotFoundError("party");
      return found;
    },
    title: (p) => `Ändra ${p.name}`,
    trail: (p) => [{ href: "/partier", label: "Partier" }, { label: p.name }],
    fields: () => partyFields,
    initial: (p) => ({ name: p.name, abbreviation: p.abbreviation }),
    schema: PartyInput,
    run: (tx, actor, input, p) => updateParty(tx, actor, p.id, input),
    redirect: () => "/partier",
    submitLabel: "Spara ändringarna",
  });

  app.get("/personer", async (c) => {
    const m = requireMunicipality(c);
    const persons = await read(c, (tx) => q.listPersons(tx, m.id));
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
  const partiesFor = (c: C) => read(c, (tx) => q.listParties(tx, requireMunicipality(c).id));
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

  const loadPerson = async (c: C) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id") ?? "";
    const found = uuidPattern.test(id) ? await read(c, (tx) => q.findPerson(tx, m.id, id)) : undefined;
    if (!found) throw new NotFoundError("person");
    return found;
  };
  app.get("/personer/:id", async (c) => {
    const m = requireMunicipality(c);
    const p = await loadPerson(c);
    const { memberships, posts, party } = await read(c, async (tx) => ({
      memberships: await q.listMemberships(tx, m.id, { personId: p.id }),
      posts: await q.listOfficials(tx, m.id, { personId: p.id }),
      party: p.partyId ? await q.findParty(tx, m.id, p.partyId) : undefined,
    }));
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
                  {` ${isoDay(x.startsOn)} – ${isoDay(x.endsOn)}`}
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
  formRoute(app, "/personer/:id/andra", {
    load: async (c) => ({ p: await loadPerson(c), parties: await partiesFor(c) }),
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
