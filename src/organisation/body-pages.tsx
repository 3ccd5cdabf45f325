import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import { todayInStockholm } from "../domain/clock.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireActor, requireMunicipality } from "../http/pages.js";
import { createBody, deleteBody, updateBody } from "./bodies.js";
import { bodyKindLabel, bodyKindPlural, roleLabel } from "./labels.js";
import { bodyFields, bodyTrail, type C, loadBody, period } from "./page-parts.js";
import type { BodyPage, MembershipView } from "./present.js";
import { readBodies, readBodyIndex, readBodyPage } from "./read-bodies.js";
import { BodyInput } from "./schemas.js";

function MemberTable(props: { rows: MembershipView[]; caption: string; slug: string; editable: boolean }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Namn</th>
          <th scope="col">Parti</th>
          <th scope="col">Roll</th>
          <th scope="col">Period</th>
          {props.editable ? <th scope="col">Ändra</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((x) => (
          <tr>
            <td>
              <a href={`/personer/${x.personId}`}>{x.personName}</a>
            </td>
            <td>{x.partyAbbreviation ?? ""}</td>
            <td>{roleLabel[x.role]}</td>
            <td>{period(x)}</td>
            {props.editable ? (
              <td>
                <a
                  href={`/organ/${props.slug}/ledamoter/${x.id}/avsluta`}
                >{`Avsluta uppdraget för ${x.personName}`}</a>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BodyFacts({ page }: { page: BodyPage }) {
  const { body: b, parent } = page;
  return (
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
  );
}

/** Bodies: the index by kind, a body's page with its members and officials, and the forms of a body. */
export function registerBodyPages(app: OpenAPIHono<AppEnv>) {
  app.get("/organ", async (c) => {
    const m = requireMunicipality(c);
    const groups = await read(c, (tx) => readBodyIndex(tx, m.id));
    const editable = can(c.get("actor"), "organisation:write");
    return c.html(
      <Layout title="Organ" chrome={chrome(c)} current="/organ">
        <h1>{`Organ i ${m.name}`}</h1>
        {editable ? (
          <p class="actions">
            <a href="/organ/ny">Nytt organ</a>
          </p>
        ) : null}
        {groups.map((group) => (
          <section>
            <h2>{bodyKindPlural[group.kind]}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Förkortning</th>
                  <th scope="col">Hör till</th>
                </tr>
              </thead>
              <tbody>
                {group.bodies.map((b) => (
                  <tr>
                    <td>
                      <a href={`/organ/${b.slug}`}>{b.name}</a>
                    </td>
                    <td>{b.shortName ?? ""}</td>
                    <td>{b.parentName}</td>
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
    load: (c) => read(c, (tx) => readBodies(tx, requireMunicipality(c).id)),
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
    const page = await read(c, (tx) => readBodyPage(tx, m.id, c.req.param("slug"), todayInStockholm()));
    const { body: b, current, former, officials, children } = page;
    const editable = can(c.get("actor"), "organisation:write");
    return c.html(
      <Layout title={b.name} chrome={chrome(c)} current="/organ">
        <Breadcrumbs trail={[{ href: "/organ", label: "Organ" }, { label: b.name }]} />
        <h1>{b.name}</h1>
        <BodyFacts page={page} />
        {editable ? (
          <div class="actions">
            <a href={`/organ/${b.slug}/andra`}>Ändra uppgifterna</a>
            <a href={`/organ/${b.slug}/ledamoter/ny`}>Lägg till ledamot eller ersättare</a>
            {page.employsOfficials ? (
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
          <MemberTable
            rows={current}
            caption={`${current.length} nuvarande uppdrag`}
            slug={b.slug}
            editable={editable}
          />
        )}
        {former.length > 0 ? (
          <MemberTable rows={former} caption="Tidigare uppdrag" slug={b.slug} editable={editable} />
        ) : null}
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
    const all = await read(c, (tx) => readBodies(tx, requireMunicipality(c).id));
    return { b, parents: all.filter((p) => p.id !== b.id) };
  };
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
}
