import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome, read } from "../http/pages.js";
import { readBodies } from "../organisation/read-bodies.js";
import { caseNumberExists } from "../register/read-case.js";

/** The start page and the accessibility statement (L30: Lag 2018:1937). */
export function registerSitePages(app: OpenAPIHono<AppEnv>) {
  app.get("/", async (c) => {
    const municipality = c.get("municipality");
    const [bodies, exampleCase] = municipality
      ? await read(
          c,
          async (tx) =>
            [
              await readBodies(tx, municipality.id),
              await caseNumberExists(tx, municipality.id, "STK-2024-1374"),
            ] as const,
        )
      : [[], false];
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
            {exampleCase ? (
              <section aria-labelledby="exempel">
                <h2 id="exempel">Ett ärende från början till slut</h2>
                <p>
                  Kommunfullmäktige godkände den 22 januari 2026 återrapporteringen kring kraftsamlande
                  insatser. Följ ärendet genom diariet, remissen, beredningen och besluten – allt visas ur
                  samma data.
                </p>
                <ul>
                  <li>
                    <a href="/protokoll/kommunfullmaktige/2026/8">Kommunfullmäktige 2026-01-22 § 8</a> –
                    beslutet med yrkanden, särskilt yttrande och beslutsunderlag
                  </li>
                  <li>
                    <a href="/diarium/STK-2024-1374">Ärende STK-2024-1374</a> – diariet med alla handlingar
                  </li>
                  <li>
                    <a href="/remisser">Remissen</a> – frågorna och de tretton remissvaren
                  </li>
                  <li>
                    <a href="/uppdrag">Uppdragen</a> – fullmäktiges uppdrag från 2024 och hur de
                    återrapporterades
                  </li>
                </ul>
              </section>
            ) : null}
            <ul class="cards">
              <li>
                <h2>
                  <a href="/diarium">Diarium</a>
                </h2>
                <p>Sök bland ärenden och handlingar. Sekretessbelagt innehåll visas aldrig.</p>
              </li>
              <li>
                <h2>
                  <a href="/sammantraden">Sammanträden</a>
                </h2>
                <p>Kallelser, föredragningslistor och protokoll med omröstningar och reservationer.</p>
              </li>
              <li>
                <h2>
                  <a href="/uppdrag">Uppdrag</a>
                </h2>
                <p>Uppdrag som beslut gett nämnder och styrelse, tills de är återrapporterade.</p>
              </li>
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
