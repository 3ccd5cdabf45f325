import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome } from "../http/pages.js";

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: unknown;
};

/** A readable API reference, rendered on the server from the same OpenAPI document the API serves. */
export function registerApiReference(app: OpenAPIHono<AppEnv>) {
  app.get("/api", (c) => {
    const doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Paragraf API", version: "0.1.0" },
    });
    const groups = new Map<string, { method: string; path: string; op: Operation }[]>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
        const tag = op.tags?.[0] ?? "Övrigt";
        if (!groups.has(tag)) groups.set(tag, []);
        groups.get(tag)!.push({ method: method.toUpperCase(), path, op });
      }
    }
    return c.html(
      <Layout title="API" chrome={chrome(c)} current="/api">
        <h1>API-referens</h1>
        <p>
          Paragrafs API är REST med JSON. Hela beskrivningen finns som OpenAPI 3.1 på{" "}
          <a href="/api/openapi.json">/api/openapi.json</a>. Läsning av publika uppgifter kräver ingen
          inloggning. Skrivningar kräver inloggning (<code>POST /api/session</code> ger en sessionskaka) och
          en kropp med <code>Content-Type: application/json</code>. Fel svarar med problem details (RFC 9457)
          och ett meddelande per fält på svenska.
        </p>
        {[...groups].map(([tag, ops]) => (
          <section>
            <h2>{tag}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Metod</th>
                  <th scope="col">Sökväg</th>
                  <th scope="col">Beskrivning</th>
                  <th scope="col">Inloggning</th>
                </tr>
              </thead>
              <tbody>
                {ops.map(({ method, path, op }) => (
                  <tr>
                    <td>
                      <code>{method}</code>
                    </td>
                    <td>
                      <code>{path}</code>
                    </td>
                    <td>{op.summary}</td>
                    <td>{op.security && op.security.length > 0 ? "Krävs" : "Nej"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </Layout>,
    );
  });
}
