import type { OpenAPIHono } from "@hono/zod-openapi";
import { listBodies } from "../organisation/queries.js";
import type { AppEnv } from "./context.js";
import { Layout } from "./layout.js";
import { chrome, read } from "./pages.js";

/** The start page and the accessibility statement (L30: Lag 2018:1937). */
export function registerSitePages(app: OpenAPIHono<AppEnv>) {
  app.get("/", async (c) => {
    const municipality = c.get("municipality");
    const bodies = municipality ? await read(c, (tx) => listBodies(tx, municipality.id)) : [];
    const council = bodies.find((b) => b.kind === "council");
    return c.html(
      <Layout title="Start" chrome={chrome(c)} current="/">
        <h1>{municipality ? `${municipality.name} – beslut som data` : "Paragraf"}</h1>
        {municipality ? (
          <>
            <p>
              Här finns kommunens organisation, ärenden och beslut. Allt som visas är hämtat ur samma data som
              protokollen skrivs ut från.
            </p>
            <ul class="cards">
              <li>
                <h2>
                  <a href="/organ">Organ</a>
                </h2>
                <p>{`${bodies.length} organ: fullmäktige, styrelse, nämnder, bolag och förvaltningar.`}</p>
              </li>
              {council ? (
                <li>
                  <h2>
                    <a href={`/organ/${council.slug}`}>{council.name}</a>
                  </h2>
                  <p>Kommunens högsta beslutande organ, med ledamöter och partier.</p>
                </li>
              ) : null}
              <li>
                <h2>
                  <a href="/api">API</a>
                </h2>
                <p>Öppna data: samma uppgifter som JSON, beskrivna i OpenAPI 3.1.</p>
              </li>
            </ul>
          </>
        ) : (
          <p>
            Det finns ingen kommun upplagd ännu. Starta Paragraf med exempeldata, eller lägg upp en kommun.
          </p>
        )}
      </Layout>,
    );
  });

  app.get("/tillganglighet", (c) =>
    c.html(
      <Layout title="Tillgänglighetsredogörelse" chrome={chrome(c)}>
        <h1>Tillgänglighetsredogörelse</h1>
        <p>
          Paragraf är byggt för att uppfylla EN 301 549 (WCAG 2.1 nivå AA), enligt lagen (2018:1937) om
          tillgänglighet till digital offentlig service. Alla sidor fungerar utan JavaScript och med
          tangentbord, och varje sida testas automatiskt med axe.
        </p>
        <h2>Rapportera brister</h2>
        <p>
          Om du stöter på något som inte fungerar för dig, kontakta kommunens registrator och beskriv sidan
          och problemet. Du kan också anmäla till Myndigheten för digital förvaltning (DIGG).
        </p>
      </Layout>,
    ),
  );
}
