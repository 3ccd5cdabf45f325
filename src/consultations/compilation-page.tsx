import type { OpenAPIHono } from "@hono/zod-openapi";
import { downloadHeaders, toCsv, toXlsx } from "../assignments/tabular.js";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome } from "../http/pages.js";
import { readPageCompilation } from "./page-parts.js";

/** The compilation of a consultation: per question on a page, and as CSV and XLSX downloads. */
export function registerCompilationPage(app: OpenAPIHono<AppEnv>) {
  app.get("/remisser/:id/sammanstallning", async (c) => {
    const { consultation: o, byQuestion } = await readPageCompilation(c);
    return c.html(
      <Layout title={`Sammanställning: ${o.title}`} chrome={chrome(c)} current="/remisser">
        <Breadcrumbs
          trail={[
            { href: "/remisser", label: "Remisser" },
            { href: `/remisser/${o.id}`, label: o.title },
            { label: "Sammanställning" },
          ]}
        />
        <h1>{`Sammanställning: ${o.title}`}</h1>
        <p class="actions">
          <a href={`/remisser/${o.id}/sammanstallning.csv`}>Ladda ner som CSV</a>
          <a href={`/remisser/${o.id}/sammanstallning.xlsx`}>Ladda ner som Excel (XLSX)</a>
        </p>
        {byQuestion.length === 0 ? <p>Remissen har inga särskilda frågor.</p> : null}
        {byQuestion.map(({ question: q, answers }) => (
          <section>
            <h2>{`Fråga ${q.position}`}</h2>
            <p>{q.text}</p>
            <table>
              <caption>{`Svar på fråga ${q.position}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Remissinstans</th>
                  <th scope="col">Beslut</th>
                  <th scope="col">Svar</th>
                </tr>
              </thead>
              <tbody>
                {answers.map((x) => (
                  <tr>
                    <th scope="row">{x.name}</th>
                    <td>{x.decisionLine ?? ""}</td>
                    <td>{x.text ?? "Inget svar på frågan är registrerat."}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </Layout>,
    );
  });
  for (const kind of ["csv", "xlsx"] as const)
    app.get(`/remisser/:id/sammanstallning.${kind}`, async (c) => {
      const { consultation, table } = await readPageCompilation(c);
      const name = `remissammanställning-${consultation.caseNumber}`;
      return kind === "csv"
        ? c.body(toCsv(table), 200, downloadHeaders(name, "csv"))
        : c.body(new Uint8Array(await toXlsx(table)), 200, downloadHeaders(name, "xlsx"));
    });
}
