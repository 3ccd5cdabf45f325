import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { can } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { type Field, Form, type FormValues } from "../http/forms.js";
import { Breadcrumbs, isoDay, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { createBody, deleteBody, updateBody } from "./bodies.js";
import { bodyKindLabel, bodyKindPlural, roleLabel } from "./labels.js";
import { addMembership } from "./memberships.js";
import { addOfficial } from "./officials.js";
import { createParty } from "./parties.js";
import { createPerson, updatePerson } from "./persons.js";
import * as q from "./queries.js";
import { BodyInput, MembershipInput, OfficialInput, PartyInput, PersonInput } from "./schemas.js";
import { bodyKinds, membershipRoles } from "./tables.js";

type C = Context<AppEnv>;

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

function FormPage(props: {
  c: C;
  title: string;
  trail: { href?: string; label: string }[];
  action: string;
  fields: Field[];
  state: FormRender | { values: FormValues; errors: [] };
  submitLabel: string;
}) {
  return (
    <Layout title={props.title} chrome={chrome(props.c)}>
      <Breadcrumbs trail={props.trail} />
      <h1>{props.title}</h1>
      <Form
        action={props.action}
        fields={props.fields}
        values={props.state.values}
        errors={props.state.errors}
        csrfToken={props.c.get("csrfToken")}
        submitLabel={props.submitLabel}
      />
    </Layout>
  );
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

  const newBodyPage = async (c: C, state: FormRender) => {
    const m = requireMunicipality(c);
    const parents = await read(c, (tx) => q.listBodies(tx, m.id));
    return c.html(
      <FormPage
        c={c}
        title="Nytt organ"
        trail={[{ href: "/organ", label: "Organ" }, { label: "Nytt organ" }]}
        action="/organ/ny"
        fields={bodyFields(parents)}
        state={state}
        submitLabel="Spara organet"
      />,
      state.errors.length ? 400 : 200,
    );
  };
  app.get("/organ/ny", (c) => {
    requireActor(c);
    return newBodyPage(c, { values: {}, errors: [] });
  });
  app.post("/organ/ny", async (c) => {
    const m = requireMunicipality(c);
    const parents = await read(c, (tx) => q.listBodies(tx, m.id));
    return submitForm(c, {
      fields: bodyFields(parents),
      schema: BodyInput,
      run: createBody,
      render: (state) => (
        <FormPage
          c={c}
          title="Nytt organ"
          trail={[{ href: "/organ", label: "Organ" }, { label: "Nytt organ" }]}
          action="/organ/ny"
          fields={bodyFields(parents)}
          state={state}
          submitLabel="Spara organet"
        />
      ),
      redirect: (b) => `/organ/${b.slug}`,
    });
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

  const editBodyView = (
    c: C,
    b: { slug: string; name: string },
    parents: { id: string; name: string }[],
    state: FormRender,
  ) => (
    <FormPage
      c={c}
      title={`Ändra ${b.name}`}
      trail={[
        { href: "/organ", label: "Organ" },
        { href: `/organ/${b.slug}`, label: b.name },
        { label: "Ändra" },
      ]}
      action={`/organ/${b.slug}/andra`}
      fields={bodyFields(parents)}
      state={state}
      submitLabel="Spara ändringarna"
    />
  );
  app.get("/organ/:slug/andra", async (c) => {
    requireActor(c);
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const parents = (await read(c, (tx) => q.listBodies(tx, m.id))).filter((p) => p.id !== b.id);
    const values: FormValues = {
      name: b.name,
      kind: b.kind,
      shortName: b.shortName,
      parentId: b.parentId,
      seats: b.seats,
      openMeetings: b.openMeetings,
      email: b.email,
    };
    return c.html(editBodyView(c, b, parents, { values, errors: [] }));
  });
  app.post("/organ/:slug/andra", async (c) => {
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const parents = (await read(c, (tx) => q.listBodies(tx, m.id))).filter((p) => p.id !== b.id);
    return submitForm(c, {
      fields: bodyFields(parents),
      schema: BodyInput.omit({ slug: true }),
      run: (tx, actor, input) => updateBody(tx, actor, b.id, input),
      render: (state) => editBodyView(c, b, parents, state),
      redirect: (updated) => `/organ/${updated.slug}`,
    });
  });
  app.post("/organ/:slug/ta-bort", async (c) => {
    const actor = requireActor(c);
    const b = await loadBody(c);
    await inTransaction(c.get("deps").database.db, (tx) => deleteBody(tx, actor, b.id));
    return c.redirect("/organ", 303);
  });

  const memberView = (
    c: C,
    b: { slug: string; name: string },
    persons: Awaited<ReturnType<typeof q.listPersons>>,
    state: FormRender,
  ) => (
    <FormPage
      c={c}
      title={`Ny ledamot i ${b.name}`}
      trail={[
        { href: "/organ", label: "Organ" },
        { href: `/organ/${b.slug}`, label: b.name },
        { label: "Ny ledamot" },
      ]}
      action={`/organ/${b.slug}/ledamoter/ny`}
      fields={membershipFields(persons)}
      state={state}
      submitLabel="Lägg till"
    />
  );
  app.get("/organ/:slug/ledamoter/ny", async (c) => {
    requireActor(c);
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const persons = await read(c, (tx) => q.listPersons(tx, m.id));
    return c.html(memberView(c, b, persons, { values: {}, errors: [] }));
  });
  app.post("/organ/:slug/ledamoter/ny", async (c) => {
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const persons = await read(c, (tx) => q.listPersons(tx, m.id));
    return submitForm(c, {
      fields: membershipFields(persons),
      schema: MembershipInput.omit({ bodyId: true }),
      run: (tx, actor, input) => addMembership(tx, actor, { ...input, bodyId: b.id }),
      render: (state) => memberView(c, b, persons, state),
      redirect: () => `/organ/${b.slug}`,
    });
  });

  const officialView = (
    c: C,
    b: { slug: string; name: string },
    persons: { id: string; name: string }[],
    state: FormRender,
  ) => (
    <FormPage
      c={c}
      title={`Ny tjänsteperson vid ${b.name}`}
      trail={[
        { href: "/organ", label: "Organ" },
        { href: `/organ/${b.slug}`, label: b.name },
        { label: "Ny tjänsteperson" },
      ]}
      action={`/organ/${b.slug}/tjanstepersoner/ny`}
      fields={officialFields(persons)}
      state={state}
      submitLabel="Lägg till"
    />
  );
  app.get("/organ/:slug/tjanstepersoner/ny", async (c) => {
    requireActor(c);
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const persons = await read(c, (tx) => q.listPersons(tx, m.id));
    return c.html(officialView(c, b, persons, { values: {}, errors: [] }));
  });
  app.post("/organ/:slug/tjanstepersoner/ny", async (c) => {
    const m = requireMunicipality(c);
    const b = await loadBody(c);
    const persons = await read(c, (tx) => q.listPersons(tx, m.id));
    return submitForm(c, {
      fields: officialFields(persons),
      schema: OfficialInput.omit({ bodyId: true }),
      run: (tx, actor, input) => addOfficial(tx, actor, { ...input, bodyId: b.id }),
      render: (state) => officialView(c, b, persons, state),
      redirect: () => `/organ/${b.slug}`,
    });
  });

  app.get("/partier", async (c) => {
    const m = requireMunicipality(c);
    const parties = await read(c, (tx) => q.listParties(tx, m.id));
    return c.html(
      <Layout title="Partier" chrome={chrome(c)} current="/partier">
        <h1>Partier</h1>
        {can(c.get("actor"), "organisation:write") ? (
          <p class="actions">
            <a href="/partier/ny">Nytt parti</a>
          </p>
        ) : null}
        <table>
          <thead>
            <tr>
              <th scope="col">Förkortning</th>
              <th scope="col">Namn</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => (
              <tr>
                <td>{p.abbreviation}</td>
                <td>{p.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  const partyView = (c: C, state: FormRender) => (
    <FormPage
      c={c}
      title="Nytt parti"
      trail={[{ href: "/partier", label: "Partier" }, { label: "Nytt parti" }]}
      action="/partier/ny"
      fields={partyFields}
      state={state}
      submitLabel="Spara partiet"
    />
  );
  app.get("/partier/ny", (c) => {
    requireActor(c);
    return c.html(partyView(c, { values: {}, errors: [] }));
  });
  app.post("/partier/ny", (c) =>
    submitForm(c, {
      fields: partyFields,
      schema: PartyInput,
      run: createParty,
      render: (state) => partyView(c, state),
      redirect: () => "/partier",
    }),
  );

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
  const personView = async (c: C, title: string, action: string, state: FormRender) => {
    const m = requireMunicipality(c);
    const parties = await read(c, (tx) => q.listParties(tx, m.id));
    return (
      <FormPage
        c={c}
        title={title}
        trail={[{ href: "/personer", label: "Personer" }, { label: title }]}
        action={action}
        fields={personFields(parties)}
        state={state}
        submitLabel="Spara"
      />
    );
  };
  app.get("/personer/ny", async (c) => {
    requireActor(c);
    return c.html(await personView(c, "Ny person", "/personer/ny", { values: {}, errors: [] }));
  });
  app.post("/personer/ny", async (c) => {
    const m = requireMunicipality(c);
    const parties = await read(c, (tx) => q.listParties(tx, m.id));
    const render = (state: FormRender) => (
      <FormPage
        c={c}
        title="Ny person"
        trail={[{ href: "/personer", label: "Personer" }, { label: "Ny person" }]}
        action="/personer/ny"
        fields={personFields(parties)}
        state={state}
        submitLabel="Spara"
      />
    );
    return submitForm(c, {
      fields: personFields(parties),
      schema: PersonInput,
      run: createPerson,
      render,
      redirect: (p) => `/personer/${p.id}`,
    });
  });

  const loadPerson = async (c: C) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id") ?? "";
    const found = /^[0-9a-f-]{36}$/.test(id) ? await read(c, (tx) => q.findPerson(tx, m.id, id)) : undefined;
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
  app.get("/personer/:id/andra", async (c) => {
    requireActor(c);
    const p = await loadPerson(c);
    return c.html(
      await personView(c, `Ändra ${p.name}`, `/personer/${p.id}/andra`, {
        values: { name: p.name, email: p.email, partyId: p.partyId },
        errors: [],
      }),
    );
  });
  app.post("/personer/:id/andra", async (c) => {
    const m = requireMunicipality(c);
    const p = await loadPerson(c);
    const parties = await read(c, (tx) => q.listParties(tx, m.id));
    const title = `Ändra ${p.name}`;
    const render = (state: FormRender) => (
      <FormPage
        c={c}
        title={title}
        trail={[{ href: "/personer", label: "Personer" }, { label: title }]}
        action={`/personer/${p.id}/andra`}
        fields={personFields(parties)}
        state={state}
        submitLabel="Spara"
      />
    );
    return submitForm(c, {
      fields: personFields(parties),
      schema: PersonInput,
      run: (tx, actor, input) => updatePerson(tx, actor, p.id, input),
      render,
      redirect: () => `/personer/${p.id}`,
    });
  });
}
