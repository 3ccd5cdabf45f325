import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { type Field, Form, type Option } from "../http/forms.js";
import { Breadcrumbs, isoDay, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { findBodyBySlug, listBodies } from "../organisation/queries.js";
import { findCaseByNumber } from "../register/queries.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import {
  type AssignmentView,
  findAssignmentView,
  listAssignments,
  listUnfinishedCouncilAssignments,
  today,
} from "./queries.js";
import type { AssignmentStatus } from "./tables.js";
import { downloadHeaders, type Table, toCsv, toXlsx } from "./tabular.js";

type C = Context<AppEnv>;

export const statusLabel: Record<AssignmentStatus, string> = {
  open: "Pågår",
  reported: "Anses återrapporterat",
  lapsed: "Faller",
  written_off: "Avskrivet",
};

const isoDate = (message: string) => z.iso.date({ error: message });
const paragraphNumber = z
  .int({ error: "Ange paragrafnumret som ett heltal." })
  .min(1, "Paragrafnumret måste vara minst 1.")
  .nullish();

/** The decision fields of a form, named as the use case's error fields are ("givenBy.decidedOn"). */
function decisionFields(prefix: string, label: string, bodies: Option[]): Field[] {
  return [
    { name: `${prefix}.bodyId`, label: `${label}: organ`, type: "select", required: true, options: bodies },
    { name: `${prefix}.decidedOn`, label: `${label}: datum`, type: "date", required: true },
    { name: `${prefix}.paragraphNumber`, label: `${label}: paragraf (§)`, type: "number" },
  ];
}

const decisionForm = (prefix: string) => ({
  [`${prefix}.bodyId`]: z.uuid({ error: "Välj det organ som fattade beslutet." }),
  [`${prefix}.decidedOn`]: isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  [`${prefix}.paragraphNumber`]: paragraphNumber,
});

function decisionFrom(prefix: string, f: Record<string, unknown>) {
  return {
    bodyId: f[`${prefix}.bodyId`] as string,
    decidedOn: f[`${prefix}.decidedOn`] as string,
    paragraphNumber: (f[`${prefix}.paragraphNumber`] as number | null | undefined) ?? null,
  };
}

const NewAssignmentForm = z.object({
  caseNumber: z.string({ error: "Ange diarienumret." }).trim().min(1, "Ange diarienumret."),
  ...decisionForm("givenBy"),
  bodyId: z.uuid({ error: "Välj det organ som får uppdraget." }),
  text: z.string({ error: "Skriv uppdragets text." }).trim().min(1, "Skriv uppdragets text.").max(5000),
  deadline: isoDate("Ange sista dag som ÅÅÅÅ-MM-DD.").nullish(),
});

const CloseForm = z.object({
  outcome: z.enum(["reported", "lapsed", "written_off"], { error: "Välj hur uppdraget avslutas." }),
  ...decisionForm("closedBy"),
});

async function bodyOptions(c: C): Promise<Option[]> {
  const m = requireMunicipality(c);
  const bodies = await read(c, (tx) => listBodies(tx, m.id));
  return bodies.map((b) => ({ value: b.id, label: b.shortName ? `${b.name} (${b.shortName})` : b.name }));
}

function newFields(bodies: Option[]): Field[] {
  return [
    {
      name: "caseNumber",
      label: "Ärendets diarienummer",
      required: true,
      hint: "Till exempel STK-2024-1374.",
    },
    ...decisionFields("givenBy", "Beslutet som ger uppdraget", bodies),
    { name: "bodyId", label: "Organ som får uppdraget", type: "select", required: true, options: bodies },
    { name: "text", label: "Uppdraget", type: "textarea", required: true },
    { name: "deadline", label: "Sista dag för återrapportering", type: "date" },
  ];
}

function closeFields(bodies: Option[]): Field[] {
  return [
    {
      name: "outcome",
      label: "Utfall",
      type: "select",
      required: true,
      options: [
        { value: "reported", label: statusLabel.reported },
        { value: "lapsed", label: statusLabel.lapsed },
        { value: "written_off", label: statusLabel.written_off },
      ],
    },
    ...decisionFields("closedBy", "Beslutet som avslutar", bodies),
  ];
}

/** Status in words, with the overdue mark written out (never colour alone). */
function StatusCell({ a }: { a: AssignmentView }) {
  return (
    <td>{a.overdue ? <strong>{`${statusLabel[a.status]} – försenat`}</strong> : statusLabel[a.status]}</td>
  );
}

function AssignmentTable({
  rows,
  caption,
  closed,
}: {
  rows: AssignmentView[];
  caption: string;
  closed?: boolean;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Uppdrag</th>
          <th scope="col">Organ</th>
          <th scope="col">Givet genom</th>
          <th scope="col">Ärende</th>
          <th scope="col">Ålder (dagar)</th>
          <th scope="col">Sista dag</th>
          <th scope="col">Status</th>
          {closed ? <th scope="col">Avslutat genom</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr>
            <td>
              <a href={`/uppdrag/${a.id}`}>{a.text}</a>
            </td>
            <td>
              <a href={`/uppdrag/organ/${a.bodySlug}`}>{a.bodyName}</a>
            </td>
            <td>{a.givenBy.href ? <a href={a.givenBy.href}>{a.givenBy.code}</a> : a.givenBy.code}</td>
            <td>{a.caseNumber}</td>
            <td>{String(a.ageDays)}</td>
            <td>{a.deadline ? isoDay(a.deadline) : "–"}</td>
            <StatusCell a={a} />
            {closed ? (
              <td>
                {a.closedBy?.href ? (
                  <a href={a.closedBy.href}>{a.closedBy.code}</a>
                ) : (
                  (a.closedBy?.code ?? "")
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The auditor's table: the same columns in the page, the CSV and the XLSX. */
export function unfinishedTable(year: number, rows: AssignmentView[]): Table {
  return {
    sheet: `Ej slutförda ${year}`,
    header: [
      "Beslut",
      "Beslutsdatum",
      "Ärende",
      "Organ",
      "Uppdrag",
      "Sista dag",
      "Ålder (dagar)",
      "Försenat",
      "Status i dag",
    ],
    rows: rows.map((a) => [
      a.givenBy.code,
      a.givenBy.decidedOn,
      a.caseNumber,
      a.bodyName,
      a.text,
      a.deadline,
      a.ageDays,
      a.overdue ? "ja" : "nej",
      a.closedBy ? `${statusLabel[a.status]} (${a.closedBy.code})` : statusLabel[a.status],
    ]),
  };
}

function yearParam(c: C): number {
  const raw = c.req.query("ar");
  const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : Number(today().slice(0, 4)) - 1;
  return Math.min(Math.max(year, 1900), 2999);
}

/** Assignment pages: /uppdrag, the annual list with downloads, per body, one assignment with its closing form. */
export function registerAssignmentPages(app: OpenAPIHono<AppEnv>) {
  app.get("/uppdrag", async (c) => {
    const m = requireMunicipality(c);
    const open = await read(c, (tx) => listAssignments(tx, m.id, { status: "open" }));
    const bodies = [...new Map(open.map((a) => [a.bodyId, a])).values()];
    return c.html(
      <Layout title="Uppdrag" chrome={chrome(c)} current="/uppdrag">
        <h1>Uppdrag</h1>
        <p>
          Uppdrag som beslut har gett nämnder, styrelse och bolag, tills de är återrapporterade, har fallit
          eller avskrivits.
        </p>
        <p class="actions">
          <a href="/uppdrag/ej-slutforda">Årlig lista: fullmäktiges ej slutförda uppdrag</a>
          {can(c.get("actor"), "assignment:write") ? <a href="/uppdrag/ny">Nytt uppdrag</a> : null}
        </p>
        <h2>Pågående uppdrag per organ</h2>
        {open.length === 0 ? <p>Inga uppdrag pågår.</p> : null}
        {bodies.map((b) => {
          const rows = open.filter((a) => a.bodyId === b.bodyId);
          const late = rows.filter((a) => a.overdue).length;
          return (
            <section>
              <h3>
                <a href={`/uppdrag/organ/${b.bodySlug}`}>{b.bodyName}</a>
              </h3>
              <AssignmentTable
                rows={rows}
                caption={`${rows.length} pågående${late ? `, varav ${late} försenade` : ""}`}
              />
            </section>
          );
        })}
      </Layout>,
    );
  });

  app.get("/uppdrag/ej-slutforda", async (c) => {
    const m = requireMunicipality(c);
    const year = yearParam(c);
    const rows = await read(c, (tx) => listUnfinishedCouncilAssignments(tx, m.id, year));
    return c.html(
      <Layout title={`Ej slutförda uppdrag ${year}`} chrome={chrome(c)} current="/uppdrag">
        <Breadcrumbs trail={[{ href: "/uppdrag", label: "Uppdrag" }, { label: `Ej slutförda ${year}` }]} />
        <h1>{`Fullmäktiges ej slutförda uppdrag ${year}`}</h1>
        <p>{`Uppdrag som fullmäktige gett senast ${year}-12-31 och som inte var avslutade då. Ålder räknas till årets sista dag.`}</p>
        <form method="get" action="/uppdrag/ej-slutforda" class="actions">
          <div class="field">
            <label for="ar">År</label>
            <input type="number" id="ar" name="ar" value={String(year)} min="1900" max="2999" />
          </div>
          <button type="submit">Visa</button>
        </form>
        <p class="actions">
          <a href={`/uppdrag/ej-slutforda.csv?ar=${year}`}>Ladda ner som CSV</a>
          <a href={`/uppdrag/ej-slutforda.xlsx?ar=${year}`}>Ladda ner som Excel (XLSX)</a>
        </p>
        {rows.length === 0 ? (
          <p>{`Inga uppdrag från fullmäktige var ej slutförda vid utgången av ${year}.`}</p>
        ) : (
          <AssignmentTable rows={rows} caption={`${rows.length} ej slutförda uppdrag`} closed />
        )}
      </Layout>,
    );
  });

  for (const kind of ["csv", "xlsx"] as const)
    app.get(`/uppdrag/ej-slutforda.${kind}`, async (c) => {
      const m = requireMunicipality(c);
      const year = yearParam(c);
      const table = unfinishedTable(
        year,
        await read(c, (tx) => listUnfinishedCouncilAssignments(tx, m.id, year)),
      );
      const name = `ej-slutförda-uppdrag-${year}`;
      return kind === "csv"
        ? c.body(toCsv(table), 200, downloadHeaders(name, "csv"))
        : c.body(new Uint8Array(await toXlsx(table)), 200, downloadHeaders(name, "xlsx"));
    });

  app.get("/uppdrag/organ/:slug", async (c) => {
    const m = requireMunicipality(c);
    const { b, rows } = await read(c, async (tx) => {
      const b = await findBodyBySlug(tx, m.id, c.req.param("slug"));
      return { b, rows: b ? await listAssignments(tx, m.id, { bodyId: b.id }) : [] };
    });
    if (!b) throw new NotFoundError("body");
    const open = rows.filter((a) => a.status === "open");
    const closed = rows.filter((a) => a.status !== "open");
    return c.html(
      <Layout title={`Uppdrag: ${b.name}`} chrome={chrome(c)} current="/uppdrag">
        <Breadcrumbs trail={[{ href: "/uppdrag", label: "Uppdrag" }, { label: b.name }]} />
        <h1>{`Uppdrag till ${b.name}`}</h1>
        <p>{`${rows.length} uppdrag totalt: ${open.length} pågående, ${closed.length} avslutade.`}</p>
        <h2>Pågående</h2>
        {open.length ? (
          <AssignmentTable rows={open} caption="Pågående uppdrag" />
        ) : (
          <p>Inga pågående uppdrag.</p>
        )}
        <h2>Återrapporterade och avslutade</h2>
        {closed.length ? (
          <AssignmentTable rows={closed} caption="Avslutade uppdrag" closed />
        ) : (
          <p>Inga avslutade uppdrag.</p>
        )}
      </Layout>,
    );
  });

  formRoute(app, "/uppdrag/ny", {
    load: bodyOptions,
    title: () => "Nytt uppdrag",
    trail: () => [{ href: "/uppdrag", label: "Uppdrag" }, { label: "Nytt uppdrag" }],
    fields: (bodies) => newFields(bodies),
    schema: NewAssignmentForm,
    run: async (tx: Tx, actor: Actor, f) => {
      const kase = await findCaseByNumber(tx, actor.municipalityId, f.caseNumber);
      if (!kase) throw new DomainError("case_not_found", {}, "caseNumber");
      return giveAssignment(tx, actor, {
        caseId: kase.id,
        givenBy: decisionFrom("givenBy", f),
        bodyId: f.bodyId,
        text: f.text,
        deadline: f.deadline ?? null,
      });
    },
    redirect: (a) => `/uppdrag/${a.id}`,
    submitLabel: "Spara uppdraget",
  });

  const loadDetail = async (c: C) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id") ?? "";
    if (!z.uuid().safeParse(id).success) throw new NotFoundError("assignment");
    const a = await read(c, (tx) => findAssignmentView(tx, m.id, id));
    if (!a) throw new NotFoundError("assignment");
    const editable = a.status === "open" && can(c.get("actor"), "assignment:write");
    return { a, editable, bodies: editable ? await bodyOptions(c) : [] };
  };
  const detailView = (c: C, d: Awaited<ReturnType<typeof loadDetail>>, state: FormRender) => {
    const { a, editable, bodies } = d;
    return (
      <Layout title="Uppdrag" chrome={chrome(c)} current="/uppdrag">
        <Breadcrumbs
          trail={[
            { href: "/uppdrag", label: "Uppdrag" },
            { href: `/uppdrag/organ/${a.bodySlug}`, label: a.bodyName },
            { label: a.givenBy.code },
          ]}
        />
        <h1>{`Uppdrag till ${a.bodyName}`}</h1>
        <p>{a.text}</p>
        <dl class="facts">
          <dt>Givet genom</dt>
          <dd>
            {a.givenBy.href ? <a href={a.givenBy.href}>{a.givenBy.code}</a> : a.givenBy.code}
            {` (${a.givenBy.bodyName} ${a.givenBy.decidedOn})`}
          </dd>
          <dt>Ärende</dt>
          <dd>{`${a.caseNumber} ${a.caseTitle}`}</dd>
          <dt>Sista dag</dt>
          <dd>{a.deadline ?? "Ingen angiven"}</dd>
          <dt>Status</dt>
          <dd>{a.overdue ? `${statusLabel[a.status]} – försenat` : statusLabel[a.status]}</dd>
          {a.closedBy ? (
            <>
              <dt>Avslutat genom</dt>
              <dd>
                {a.closedBy.href ? <a href={a.closedBy.href}>{a.closedBy.code}</a> : a.closedBy.code}
                {` (${a.closedBy.bodyName} ${a.closedBy.decidedOn})`}
              </dd>
            </>
          ) : null}
        </dl>
        {editable ? (
          <section>
            <h2>Avsluta uppdraget</h2>
            <Form
              action={`/uppdrag/${a.id}/avsluta`}
              fields={closeFields(bodies)}
              values={state.values}
              errors={state.errors}
              csrfToken={c.get("csrfToken")}
              submitLabel="Avsluta uppdraget"
            />
          </section>
        ) : null}
      </Layout>
    );
  };
  app.get("/uppdrag/:id", async (c) =>
    c.html(detailView(c, await loadDetail(c), { values: {}, errors: [] })),
  );
  app.post("/uppdrag/:id/avsluta", async (c) => {
    requireActor(c);
    const d = await loadDetail(c);
    const bodies = d.bodies.length ? d.bodies : await bodyOptions(c);
    return submitForm(c, {
      fields: closeFields(bodies),
      schema: CloseForm,
      run: (tx, actor, f) =>
        closeAssignment(tx, actor, d.a.id, { outcome: f.outcome, closedBy: decisionFrom("closedBy", f) }),
      render: (state) => detailView(c, { ...d, editable: true, bodies }, state),
      redirect: () => `/uppdrag/${d.a.id}`,
    });
  });
}
