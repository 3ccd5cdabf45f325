import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { readConsultations } from "./read-consultations.js";

/** GET /remisser: every consultation, newest first, with how many have answered. */
export function registerListPage(app: OpenAPIHono<AppEnv>) {
  app.get("/remisser", async (c) => {
    const m = requireMunicipality(c);
    const rows = await read(c, (tx) => readConsultations(tx, m.id));
    return c.html(
      <Layout title="Remisser" chrome={chrome(c)} current="/remisser">
        <h1>Remisser</h1>
        {can(c.get("actor"), "consultation:write") ? (
          <p class="actions">
            <a href="/remisser/ny">Ny remiss</a>
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p>Inga remisser är registrerade.</p>
        ) : (
          <table>
            <caption>{`${rows.length} remisser, senaste först`}</caption>
            <thead>
              <tr>
                <th scope="col">Remiss</th>
                <th scope="col">Ärende</th>
                <th scope="col">Beslut</th>
                <th scope="col">Skickad</th>
                <th scope="col">Sista svarsdag</th>
                <th scope="col">Svar</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/remisser/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.caseNumber}</td>
                  <td>{r.decisionCode}</td>
                  <td>{r.sentOn ?? "Inte skickad"}</td>
                  <td>{r.deadline}</td>
                  <td>
                    {`${r.answered} av ${r.consultees} har svarat`}
                    {r.declined ? `, ${r.declined} avstår` : ""}
                    {r.overdue ? `, ${r.overdue} försenade` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });
}
