import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { AssignmentTable, type C } from "./page-parts.js";
import { bodyAssignmentsPath, groupByBody, unfinishedTable } from "./present.js";
import {
  assignmentReader,
  readAssignments,
  readBodyAssignments,
  readUnfinishedCouncilAssignments,
} from "./read-assignments.js";
import { downloadHeaders, toCsv, toXlsx } from "./tabular.js";

/** The year the auditor's list is of: ?ar=, or last year. */
function yearParam(c: C, today: string): number {
  const raw = c.req.query("ar");
  const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : Number(today.slice(0, 4)) - 1;
  return Math.min(Math.max(year, 1900), 2999);
}

/** Lists of assignments: the open ones per body, the auditor's annual list with downloads, one body's. */
export function registerAssignmentListPages(app: OpenAPIHono<AppEnv>) {
  app.get("/uppdrag", async (c) => {
    const m = requireMunicipality(c);
    const reader = assignmentReader(c.get("actor"));
    const open = await read(c, (tx) => readAssignments(tx, m.id, { status: "open" }, reader));
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
        {groupByBody(open).map((group) => (
          <section>
            <h3>
              <a href={bodyAssignmentsPath(group.bodySlug)}>{group.bodyName}</a>
            </h3>
            <AssignmentTable
              rows={group.rows}
              caption={`${group.rows.length} pågående${group.overdue ? `, varav ${group.overdue} försenade` : ""}`}
            />
          </section>
        ))}
      </Layout>,
    );
  });

  app.get("/uppdrag/ej-slutforda", async (c) => {
    const m = requireMunicipality(c);
    const reader = assignmentReader(c.get("actor"));
    const year = yearParam(c, reader.today);
    const rows = await read(c, (tx) => readUnfinishedCouncilAssignments(tx, m.id, year, reader));
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
      const reader = assignmentReader(c.get("actor"));
      const year = yearParam(c, reader.today);
      const table = unfinishedTable(
        year,
        await read(c, (tx) => readUnfinishedCouncilAssignments(tx, m.id, year, reader)),
      );
      const name = `ej-slutförda-uppdrag-${year}`;
      return kind === "csv"
        ? c.body(toCsv(table), 200, downloadHeaders(name, "csv"))
        : c.body(new Uint8Array(await toXlsx(table)), 200, downloadHeaders(name, "xlsx"));
    });

  app.get("/uppdrag/organ/:slug", async (c) => {
    const m = requireMunicipality(c);
    const reader = assignmentReader(c.get("actor"));
    const { body: b, assignments: rows } = await read(c, (tx) =>
      readBodyAssignments(tx, m.id, c.req.param("slug"), reader),
    );
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
}
