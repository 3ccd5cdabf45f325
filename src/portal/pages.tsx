import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { renderMeetingPage } from "../meetings/pages.js";
import { caseNumberExists } from "../register/read-case.js";
import { choiceLabel, meetingAddress, membershipRoleLabel, motionKindLabel } from "./present.js";
import {
  readMeetingAddress,
  readMemberRecord,
  readMembers,
  readOpenDataPage,
  readStartPage,
  resolveMeetingAddress,
} from "./read-portal.js";

// The public portal (M14): the start page, meetings at readable addresses, the members' pages and the open-data
// page. No JavaScript; each page answers in one round trip.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function NotFound({ c, message }: { c: Parameters<typeof chrome>[0]; message: string }) {
  return (
    <Layout title="Sidan finns inte" chrome={chrome(c)}>
      <h1>Sidan finns inte</h1>
      <p>{message}</p>
      <p>
        <a href="/">Till startsidan</a>
      </p>
    </Layout>
  );
}

/** Registers the portal pages; before the meetings' pages, so that a meeting's UUID address redirects. */
export function registerPortalPages(app: OpenAPIHono<AppEnv>) {
  app.get("/", async (c) => {
    const municipality = c.get("municipality");
    if (!municipality)
      return c.html(
        <Layout title="Start" chrome={chrome(c)} current="/">
          <h1>Paragraf</h1>
          <p>
            Det finns ingen kommun upplagd ännu. Starta Paragraf med exempeldata, eller lägg upp en kommun.
          </p>
        </Layout>,
      );
    const [start, exampleCase] = await read(
      c,
      async (tx) =>
        [
          await readStartPage(tx, municipality.id),
          await caseNumberExists(tx, municipality.id, "STK-2024-1374"),
        ] as const,
    );
    return c.html(
      <Layout title="Start" chrome={chrome(c)} current="/">
        <h1>{`${municipality.name} – beslut som data`}</h1>
        <p>
          Här finns kommunens sammanträden, beslut, ärenden och ledamöter. Allt som visas är hämtat ur samma
          data som protokollen skrivs ut från.
        </p>
        <section aria-labelledby="kommande">
          <h2 id="kommande">Kommande sammanträden</h2>
          {start.upcoming.length === 0 ? (
            <p>Inga sammanträden är planerade.</p>
          ) : (
            <ul>
              {start.upcoming.map((m) => (
                <li>
                  <a href={meetingAddress(m.bodySlug, m.heldOn)}>{`${m.bodyName} ${m.heldOn}`}</a>
                  {` kl. ${m.startsAt}, ${m.place}`}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/kalender.ics">Prenumerera på alla sammanträden i din kalender (iCalendar)</a>
          </p>
        </section>
        <section aria-labelledby="senaste">
          <h2 id="senaste">Senaste besluten</h2>
          {start.latest.length === 0 ? (
            <p>Inga beslut är fattade ännu.</p>
          ) : (
            <ul>
              {start.latest.map((d) => (
                <li>
                  <a href={d.path}>{d.code}</a>
                  {` ${d.title}`}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/beslut.atom">Nya beslut som flöde (Atom)</a>
          </p>
        </section>
        {exampleCase ? (
          <section aria-labelledby="exempel">
            <h2 id="exempel">Ett ärende från början till slut</h2>
            <p>
              Kommunfullmäktige godkände den 22 januari 2026 återrapporteringen kring kraftsamlande insatser.
              Följ ärendet genom diariet, remissen, beredningen och besluten – allt visas ur samma data.
            </p>
            <ul>
              <li>
                <a href="/protokoll/kommunfullmaktige/2026/8">Kommunfullmäktige 2026-01-22 § 8</a> – beslutet
                med yrkanden, särskilt yttrande och beslutsunderlag
              </li>
              <li>
                <a href="/diarium/STK-2024-1374">Ärende STK-2024-1374</a> – diariet med alla handlingar
              </li>
              <li>
                <a href="/remisser">Remissen</a> – frågorna och de tretton remissvaren
              </li>
              <li>
                <a href="/uppdrag">Uppdragen</a> – fullmäktiges uppdrag från 2024 och hur de återrapporterades
              </li>
            </ul>
          </section>
        ) : null}
        <ul class="cards">
          <li>
            <h2>
              <a href="/anslagstavla">Anslagstavla</a>
            </h2>
            <p>Tillkännagivanden om justerade protokoll och kallelser, med tiden för överklagande.</p>
          </li>
          <li>
            <h2>
              <a href="/sammantraden">Sammanträden</a>
            </h2>
            <p>Kallelser, föredragningslistor och protokoll med omröstningar och reservationer.</p>
          </li>
          <li>
            <h2>
              <a href="/diarium">Diarium</a>
            </h2>
            <p>Sök bland ärenden och handlingar. Sekretessbelagt innehåll visas aldrig.</p>
          </li>
          <li>
            <h2>
              <a href="/organ">Organ</a>
            </h2>
            <p>Fullmäktige, styrelse, nämnder, bolag och förvaltningar.</p>
          </li>
          <li>
            <h2>
              <a href="/ledamoter">Ledamöter</a>
            </h2>
            <p>Varje förtroendevald: uppdrag, yrkanden, hur de röstat, reservationer och yttranden.</p>
          </li>
          <li>
            <h2>
              <a href="/uppdrag">Uppdrag</a>
            </h2>
            <p>Uppdrag som beslut gett nämnder och styrelse, tills de är återrapporterade.</p>
          </li>
          <li>
            <h2>
              <a href="/uppfoljning">Uppföljning</a>
            </h2>
            <p>Hur besluten följs upp och verkställs.</p>
          </li>
          <li>
            <h2>
              <a href="/oppna-data">Öppna data</a>
            </h2>
            <p>Beslut och omröstningar som JSON och CSV, OParl 1.1, kalendrar, flöden och e-postbevakning.</p>
          </li>
        </ul>
      </Layout>,
    );
  });

  // A meeting's UUID address is kept for old links and redirects to its readable address.
  app.get("/sammantraden/:id{[0-9a-f-]{36}}", async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const found = uuid.test(id) ? await read(c, (tx) => readMeetingAddress(tx, m.id, id)) : undefined;
    if (!found) return c.html(<NotFound c={c} message="Sammanträdet finns inte." />, 404);
    return c.redirect(
      meetingAddress(found.slug, found.heldOn, found.sameDay > 1 ? found.startsAt : null),
      301,
    );
  });

  app.get("/sammantraden/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}", async (c) => {
    const m = requireMunicipality(c);
    const slug = c.req.param("slug");
    const day = c.req.param("day");
    const time = c.req.query("kl");
    if (time !== undefined && !/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(time))
      return c.html(<NotFound c={c} message="Tiden ska skrivas som 13:00." />, 404);
    const found = await read(c, (tx) => resolveMeetingAddress(tx, m.id, slug, day, time));
    if (found.meetingId) return renderMeetingPage(c, found.meetingId);
    if (found.choices.length === 0) return c.html(<NotFound c={c} message="Sammanträdet finns inte." />, 404);
    const title = `${found.choices[0]!.bodyName} ${day}`;
    return c.html(
      <Layout title={title} chrome={chrome(c)} current="/sammantraden">
        <Breadcrumbs trail={[{ href: "/sammantraden", label: "Sammanträden" }, { label: title }]} />
        <h1>{title}</h1>
        <p>Organet har flera sammanträden den dagen.</p>
        <ul>
          {found.choices.map((x) => (
            <li>
              <a href={meetingAddress(slug, day, x.startsAt)}>{`Sammanträdet kl. ${x.startsAt}`}</a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get("/ledamoter", async (c) => {
    const m = requireMunicipality(c);
    const persons = await read(c, (tx) => readMembers(tx, m.id));
    return c.html(
      <Layout title="Ledamöter" chrome={chrome(c)} current="/ledamoter">
        <h1>Ledamöter</h1>
        <p>
          Förtroendevalda och andra personer i kommunens organ. Välj en person för att se uppdrag och röster.
        </p>
        <ul class="columns">
          {persons.map((p) => (
            <li>
              <a href={`/ledamoter/${p.id}`}>
                {p.partyAbbreviation ? `${p.name} (${p.partyAbbreviation})` : p.name}
              </a>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get("/ledamoter/:id", async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = uuid.test(id) ? await read(c, (tx) => readMemberRecord(tx, m.id, id)) : null;
    if (!r) return c.html(<NotFound c={c} message="Personen finns inte." />, 404);
    const name = r.person.partyAbbreviation
      ? `${r.person.name} (${r.person.partyAbbreviation})`
      : r.person.name;
    return c.html(
      <Layout title={r.person.name} chrome={chrome(c)} current="/ledamoter">
        <Breadcrumbs trail={[{ href: "/ledamoter", label: "Ledamöter" }, { label: r.person.name }]} />
        <h1>{name}</h1>
        {r.person.partyName ? <p>{`Parti: ${r.person.partyName} (${r.person.partyAbbreviation})`}</p> : null}
        <h2>Uppdrag</h2>
        {r.memberships.length === 0 ? (
          <p>Inga uppdrag.</p>
        ) : (
          <ul>
            {r.memberships.map((x) => (
              <li>
                {`${membershipRoleLabel[x.role] ?? x.role} i `}
                <a href={`/organ/${x.bodySlug}`}>{x.bodyName}</a>
                {` från ${x.startsOn}${x.endsOn ? ` till ${x.endsOn}` : ""}`}
              </li>
            ))}
          </ul>
        )}
        <h2>Röster</h2>
        {r.votes.length === 0 ? (
          <p>Inga omröstningar med namngivna röster.</p>
        ) : (
          <table>
            <caption>Hur {r.person.name} röstat i omröstningar</caption>
            <thead>
              <tr>
                <th scope="col">Beslut</th>
                <th scope="col">Ärende</th>
                <th scope="col">Röst</th>
                <th scope="col">Utfall</th>
              </tr>
            </thead>
            <tbody>
              {r.votes.map((v) => (
                <tr>
                  <th scope="row">
                    <a href={v.decision.path}>{v.decision.code}</a>
                  </th>
                  <td>{v.decision.title}</td>
                  <td>{choiceLabel[v.choice] ?? v.choice}</td>
                  <td>{`${v.yes} ja, ${v.no} nej`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Yrkanden</h2>
        {r.motions.length === 0 ? (
          <p>Inga yrkanden.</p>
        ) : (
          <ul>
            {r.motions.map((x) => (
              <li>
                <a href={x.decision.path}>{x.decision.code}</a>
                {` ${x.decision.title}: ${motionKindLabel[x.kind] ?? x.kind}${x.role === "supporter" ? " (instämde)" : ""}${x.text ? ` – ${x.text}` : ""}`}
              </li>
            ))}
          </ul>
        )}
        <h2>Reservationer</h2>
        {r.reservations.length === 0 ? (
          <p>Inga reservationer.</p>
        ) : (
          <ul>
            {r.reservations.map((x) => (
              <li>
                <a href={x.decision.path}>{x.decision.code}</a>
                {` ${x.decision.title}${x.written ? " (skriftlig)" : ""}`}
              </li>
            ))}
          </ul>
        )}
        <h2>Särskilda yttranden och protokollsanteckningar</h2>
        {r.statements.length === 0 ? (
          <p>Inga yttranden.</p>
        ) : (
          <ul>
            {r.statements.map((x) => (
              <li>
                <a href={x.decision.path}>{x.decision.code}</a>
                {` ${x.decision.title}: ${x.kind === "special_statement" ? "särskilt yttrande" : "protokollsanteckning"}${x.role === "signatory" ? " (undertecknat)" : ""}`}
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });

  app.get("/oppna-data", async (c) => {
    const m = requireMunicipality(c);
    const page = await read(c, (tx) => readOpenDataPage(tx, m.id));
    return c.html(
      <Layout title="Öppna data" chrome={chrome(c)} current="/oppna-data">
        <h1>Öppna data</h1>
        <p>
          Alla beslut med yrkanden, omröstningar, varje ledamots röst, reservationer och särskilda yttranden
          finns som öppna data, ur samma uppgifter som protokollen. Sekretessbelagt innehåll och
          personuppgifter som personnummer, telefonnummer och adresser publiceras inte.
        </p>
        <h2>OParl 1.1</h2>
        <p>
          Ett läsgränssnitt enligt den öppna standarden OParl 1.1 börjar på{" "}
          <a href="/oparl/v1.1/system">/oparl/v1.1/system</a>. Ärenden är Paper, beslutsgångar är
          Consultation, och varje dagordningspunkt länkar till beslutets omröstningar i fältet{" "}
          <code>paragraf:votes</code>.
        </p>
        <h2>Beslut per organ och år</h2>
        {page.years.length === 0 ? (
          <p>Inga beslut ännu.</p>
        ) : (
          <table>
            <caption>Nedladdningar i Popolo-format (JSON) och som tabell (CSV)</caption>
            <thead>
              <tr>
                <th scope="col">Organ</th>
                <th scope="col">År</th>
                <th scope="col">Filer</th>
              </tr>
            </thead>
            <tbody>
              {page.years.map((y) => (
                <tr>
                  <th scope="row">{y.bodyName}</th>
                  <td>{y.year}</td>
                  <td>
                    <a href={`/oppna-data/${y.bodySlug}/${y.year}.json`}>{`JSON ${y.bodyName} ${y.year}`}</a>
                    {", "}
                    <a href={`/oppna-data/${y.bodySlug}/${y.year}.csv`}>{`CSV ${y.bodyName} ${y.year}`}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Kalendrar och flöden</h2>
        <ul>
          <li>
            <a href="/kalender.ics">Alla sammanträden (iCalendar)</a>
          </li>
          <li>
            <a href="/beslut.atom">Nya beslut (Atom)</a>
          </li>
          <li>
            <a href="/anslagstavla.atom">Anslagstavlan (Atom)</a>
          </li>
        </ul>
        <table>
          <caption>Kalender och bevakning per organ</caption>
          <thead>
            <tr>
              <th scope="col">Organ</th>
              <th scope="col">Kalender</th>
              <th scope="col">Beslut</th>
              <th scope="col">E-post</th>
            </tr>
          </thead>
          <tbody>
            {page.bodies.map((b) => (
              <tr>
                <th scope="row">{b.name}</th>
                <td>
                  <a href={`/kalender/${b.slug}.ics`}>{`Kalender för ${b.name}`}</a>
                </td>
                <td>
                  <a href={`/beslut/${b.slug}.atom`}>{`Beslut från ${b.name}`}</a>
                </td>
                <td>
                  <a href={`/bevakning?organ=${b.slug}`}>{`Bevaka ${b.name}`}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
}
