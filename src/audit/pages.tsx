import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, isoMinute, Layout } from "../http/layout.js";
import { chrome, read } from "../http/pages.js";
import "./errors.js";
import { listTrail } from "./list-trail.js";

function show(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
}

/** The admin page with a record's audit trail: who changed what, when, from what to what. */
export function registerAuditPages(app: OpenAPIHono<AppEnv>) {
  app.get("/admin/logg", async (c) => {
    const type = c.req.query("typ") ?? "";
    const id = c.req.query("id") ?? "";
    const entries = await read(c, (tx) => listTrail(tx, c.get("actor"), type, id));
    return c.html(
      <Layout title="Ändringslogg" chrome={chrome(c)}>
        <Breadcrumbs trail={[{ href: "/", label: "Start" }, { label: "Ändringslogg" }]} />
        <h1>Ändringslogg</h1>
        <p>
          Post: <code>{type}</code> <code>{id}</code>
        </p>
        {entries.length === 0 ? (
          <p>Inga ändringar är loggade för posten.</p>
        ) : (
          <table>
            <caption>{`${entries.length} händelser, äldst först`}</caption>
            <thead>
              <tr>
                <th scope="col">Tid</th>
                <th scope="col">Vem</th>
                <th scope="col">Händelse</th>
                <th scope="col">Före</th>
                <th scope="col">Efter</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{isoMinute(e.at)}</td>
                  <td>{e.actorLabel}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    <pre>{show(e.before)}</pre>
                  </td>
                  <td>
                    <pre>{show(e.after)}</pre>
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
