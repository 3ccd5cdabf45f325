import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { can } from "../accounts/policy.js";
import { listAreas } from "../areas/save-area.js";
import { downloadHeaders, toCsv, toXlsx } from "../assignments/tabular.js";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { GroupChart, IndicatorChart, MoneyChart, Progress } from "./charts.js";
import { type ExportKind, exportKinds, exportTable } from "./export-tables.js";
import { type CallOffView, callOffPath, followUpPath, type ReserveView, reservePath } from "./present.js";
import { readCallOff, readReserve, readReserves } from "./read-follow-up.js";

type C = Context<AppEnv>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Illustrative = ({ on }: { on: boolean }) =>
  on ? (
    <p class="notice">
      <strong>Illustrativt exempel.</strong> Underlaget (KF 2026-01-22 § 8) nämner inga avrop; detta är
      påhittat för att visa hur uppföljningen ser ut.
    </p>
  ) : null;

const Downloads = ({ reserveId }: { reserveId?: string }) => (
  <section>
    <h2>Ladda ner</h2>
    <p>
      Samma kolumner som inläsningen läser: CSV (UTF-8, semikolon, öppnas i svenska Excel) och Excel (XLSX).
    </p>
    <ul>
      {exportKinds.map((kind) => (
        <li>
          {`${kind.charAt(0).toUpperCase()}${kind.slice(1)}: `}
          <a href={`${followUpPath}/${kind}.csv${reserveId ? `?reserv=${reserveId}` : ""}`}>CSV</a>
          {", "}
          <a href={`${followUpPath}/${kind}.xlsx${reserveId ? `?reserv=${reserveId}` : ""}`}>XLSX</a>
        </li>
      ))}
    </ul>
  </section>
);

const MoneyTable = ({ r }: { r: ReserveView }) => (
  <dl class="facts">
    <dt>Anslaget</dt>
    <dd>{r.money.appropriated}</dd>
    <dt>Beviljat</dt>
    <dd>{r.money.granted}</dd>
    <dt>Utbetalt</dt>
    <dd>{r.money.paid}</dd>
    <dt>Återstår</dt>
    <dd>{r.money.remaining}</dd>
  </dl>
);

const CallOffTable = ({ rows, caption }: { rows: CallOffView[]; caption: string }) => (
  <table>
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Insats</th>
        <th scope="col">Nämnd</th>
        <th scope="col">Tema</th>
        <th scope="col">Områden</th>
        <th scope="col">Status</th>
        <th scope="col">Beviljat</th>
        <th scope="col">Utbetalt</th>
        <th scope="col">Framsteg</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((c) => (
        <tr>
          <td>
            <a href={callOffPath(c.id)}>{c.title}</a>
            {c.illustrative ? " (illustrativt)" : ""}
            <br />
            <span class="hint">{c.caseNumber}</span>
          </td>
          <td>{c.applyingBodyName}</td>
          <td>{c.theme}</td>
          <td>{c.areas.join(", ") || "Hela staden"}</td>
          <td>{c.statusText}</td>
          <td>{c.money.granted}</td>
          <td>{c.money.paid}</td>
          <td>
            <Progress permille={c.progressPermille} text={c.progressText} />
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

async function download(c: C, kind: ExportKind, format: "csv" | "xlsx") {
  const m = requireMunicipality(c);
  const access = secretAccess(c.get("actor"));
  const reserveId = c.req.query("reserv");
  const reserves = await read(c, async (tx) =>
    reserveId && uuidPattern.test(reserveId)
      ? [await readReserve(tx, m.id, reserveId, access)]
      : readReserves(tx, m.id, access),
  );
  const table = exportTable(kind, reserves);
  const name = `uppfoljning-${kind}`;
  // Swedish Excel reads "72,5" as a number and "72.5" as text: the CSV writes decimals with a comma.
  const swedish = {
    ...table,
    rows: table.rows.map((row) => row.map((v) => (typeof v === "number" ? String(v).replace(".", ",") : v))),
  };
  return format === "csv"
    ? c.body(toCsv(swedish), 200, downloadHeaders(name, "csv"))
    : c.body(new Uint8Array(await toXlsx(table)), 200, downloadHeaders(name, "xlsx"));
}

/** The public dashboard: every reserve, one reserve, one intervention, and the downloads. Nothing secret shows. */
export function registerDashboardPages(app: OpenAPIHono<AppEnv>) {
  app.get(followUpPath, async (c) => {
    const m = requireMunicipality(c);
    const { reserves, areas } = await read(c, async (tx) => ({
      reserves: await readReserves(tx, m.id, secretAccess(c.get("actor"))),
      areas: await listAreas(tx, m.id),
    }));
    return c.html(
      <Layout title="Uppföljning" chrome={chrome(c)} current={followUpPath}>
        <h1>Uppföljning av reserver och insatser</h1>
        <p>
          Pengar som kommunen har avsatt i reserver, vad nämnderna har avropat, vad som har beviljats och
          betalats ut, och om insatserna når sina mål.
        </p>
        {can(c.get("actor"), "reserve:write") ? (
          <p class="actions">
            <a href={`${followUpPath}/ny-reserv`}>Ny reserv</a>
            <a href={`${followUpPath}/inlasning`}>Läs in från CSV eller Excel</a>
            <a href={`${followUpPath}/kalender`}>Uppföljningskalender</a>
          </p>
        ) : null}
        {reserves.length === 0 ? <p>Det finns inga reserver ännu.</p> : null}
        {reserves.map((r) => (
          <section>
            <h2>
              <a href={reservePath(r.id)}>{`${r.title} ${r.year}`}</a>
            </h2>
            <p>{`${r.ownerBodyName}, beslut ${r.decision}. ${r.callOffs.length} avrop.`}</p>
            <MoneyTable r={r} />
            <p>
              Framsteg: <Progress permille={r.progressPermille} text={r.progressText} />
            </p>
          </section>
        ))}
        {areas.length > 0 ? (
          <section>
            <h2>Kommunens områden</h2>
            <p>Avropen riktas till och redovisas per område: {areas.map((a) => a.name).join(", ")}.</p>
          </section>
        ) : null}
        <Downloads />
      </Layout>,
    );
  });

  for (const kind of exportKinds) {
    app.get(`${followUpPath}/${kind}.csv`, (c) => download(c, kind, "csv"));
    app.get(`${followUpPath}/${kind}.xlsx`, (c) => download(c, kind, "xlsx"));
  }

  app.get(`${followUpPath}/reserver/:id`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    if (!uuidPattern.test(id)) return c.notFound();
    const r = await read(c, (tx) => readReserve(tx, m.id, id, secretAccess(c.get("actor"))));
    const title = `${r.title} ${r.year}`;
    return c.html(
      <Layout title={title} chrome={chrome(c)} current={followUpPath}>
        <Breadcrumbs trail={[{ href: followUpPath, label: "Uppföljning" }, { label: title }]} />
        <h1>{title}</h1>
        <Illustrative on={r.illustrative} />
        <p>{r.purpose}</p>
        <dl class="facts">
          <dt>Förfogar</dt>
          <dd>{r.ownerBodyName}</dd>
          <dt>Beslut</dt>
          <dd>{r.decision}</dd>
          <dt>Processer</dt>
          <dd>{r.processes.join(", ") || "–"}</dd>
          <dt>Målgrupper</dt>
          <dd>{r.targetGroups.join(", ") || "–"}</dd>
          <dt>Teman</dt>
          <dd>{r.themes.join(", ")}</dd>
          <dt>Framsteg</dt>
          <dd>
            <Progress permille={r.progressPermille} text={r.progressText} /> {r.progressMethodText}
          </dd>
          <dt>Saldo</dt>
          <dd>
            {r.ledgerChecked ? "Stämmer med huvudboken." : "Stämmer INTE med huvudboken – kontakta ekonomi."}
          </dd>
        </dl>
        <h2>Pengarna</h2>
        <MoneyChart money={r.money} caption={`Reservens pengar ${r.year}`} />
        <GroupChart groups={r.byTheme} caption="Beviljat och utbetalt per tema" groupName="Tema" />
        <GroupChart groups={r.byBody} caption="Beviljat och utbetalt per nämnd" groupName="Nämnd" />
        <GroupChart
          groups={r.byArea}
          caption="Beviljat och utbetalt per område"
          groupName="Område"
          note="Ett avrop som gäller flera områden räknas med sitt hela belopp i vart och ett av dem."
        />
        <h2>Avrop</h2>
        {can(c.get("actor"), "reserve:write") ? (
          <p class="actions">
            <a href={`${reservePath(r.id)}/avrop`}>Nytt avrop</a>
            <a href={`${reservePath(r.id)}/fragerunda`}>Särskild frågeomgång till nämnderna</a>
          </p>
        ) : null}
        {r.callOffs.length === 0 ? (
          <p>Inga avrop ännu.</p>
        ) : (
          <CallOffTable rows={r.callOffs} caption={`Avrop ur ${title}`} />
        )}
        {r.rounds.length > 0 ? (
          <section>
            <h2>Särskilda frågeomgångar</h2>
            <ul>
              {r.rounds.map((q) => (
                <li>
                  <a href={`/remisser/${q.id}`}>{q.title}</a>
                  {`, svar senast ${q.deadline}${q.sent ? "" : " (inte skickad än)"}`}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>Tidslinje</h2>
        <ol class="timeline">
          {r.timeline.map((e) => (
            <li>
              <time datetime={e.date}>{e.date}</time> {e.text}
            </li>
          ))}
        </ol>
        <Downloads reserveId={r.id} />
      </Layout>,
    );
  });

  app.get(`${followUpPath}/insatser/:id`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    if (!uuidPattern.test(id)) return c.notFound();
    const actor = c.get("actor");
    const { reserve, callOff: o } = await read(c, (tx) => readCallOff(tx, m.id, id, secretAccess(actor)));
    const mayWrite = can(actor, "reserve:write");
    return c.html(
      <Layout title={o.title} chrome={chrome(c)} current={followUpPath}>
        <Breadcrumbs
          trail={[
            { href: followUpPath, label: "Uppföljning" },
            { href: reservePath(reserve.id), label: `${reserve.title} ${reserve.year}` },
            { label: o.title },
          ]}
        />
        <h1>{o.title}</h1>
        <Illustrative on={o.illustrative} />
        {o.description ? <p>{o.description}</p> : null}
        <dl class="facts">
          <dt>Diarienummer</dt>
          <dd>
            <a href={`/diarium/${encodeURIComponent(o.caseNumber)}`}>{o.caseNumber}</a>
          </dd>
          <dt>Nämnd</dt>
          <dd>{o.applyingBodyName}</dd>
          <dt>Tema</dt>
          <dd>{o.theme}</dd>
          <dt>Målgrupp</dt>
          <dd>{o.targetGroup}</dd>
          <dt>Områden</dt>
          <dd>{o.areas.join(", ") || "Hela staden"}</dd>
          <dt>Stärker processen</dt>
          <dd>{o.process}</dd>
          <dt>Period</dt>
          <dd>{`${o.startsOn} – ${o.endsOn}`}</dd>
          <dt>Sökt</dt>
          <dd>{o.requested}</dd>
          <dt>Beslut</dt>
          <dd>{o.decision ? `${o.statusText} (${o.decision})` : o.statusText}</dd>
          <dt>Beviljat</dt>
          <dd>
            {o.money.reversedOre > 0
              ? `${o.money.granted} (efter minskning med ${o.money.reversed})`
              : o.money.granted}
          </dd>
          <dt>Utbetalt</dt>
          <dd>{o.money.paid}</dd>
          <dt>Framsteg</dt>
          <dd>
            <Progress permille={o.progressPermille} text={o.progressText} /> {o.progressMethodText}
          </dd>
        </dl>
        {mayWrite ? (
          <p class="actions">
            {o.status === "applied" ? <a href={`${callOffPath(o.id)}/beslut`}>Besluta</a> : null}
            {o.money.unpaidOre > 0 ? (
              <a href={`${callOffPath(o.id)}/utbetalning`}>Registrera utbetalning</a>
            ) : null}
            {o.money.grantedOre > 0 ? <a href={`${callOffPath(o.id)}/rapport`}>Lämna rapport</a> : null}
            <a href={`${reservePath(reserve.id)}/fragerunda`}>Särskild frågeomgång till nämnderna</a>
            {o.money.grantedOre > 0 || o.money.paidOre > 0 ? (
              <a href={`${callOffPath(o.id)}/aterforing`}>Minska beviljat belopp eller rätta utbetalning</a>
            ) : null}
          </p>
        ) : null}
        {o.reversals.length > 0 ? (
          <table>
            <caption>Minskningar och rättelser</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Vad</th>
                <th scope="col">Belopp</th>
                <th scope="col">Beslut</th>
                <th scope="col">Skäl</th>
              </tr>
            </thead>
            <tbody>
              {o.reversals.map((v) => (
                <tr>
                  <td>{v.date}</td>
                  <td>{v.kindText}</td>
                  <td>{v.amount}</td>
                  <td>{v.decision ?? "–"}</td>
                  <td>{v.reason || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <h2>Indikatorer</h2>
        {o.indicators.length === 0 ? <p>Insatsen har inga indikatorer.</p> : null}
        {o.indicators.map((i) => (
          <section>
            <h3>{i.name}</h3>
            <p>{`Källa: ${i.source}. Vikt ${i.weight}.`}</p>
            <IndicatorChart indicator={i} />
          </section>
        ))}
        <h2>Rapporter</h2>
        {o.reports.length === 0 ? <p>Inga rapporter ännu.</p> : null}
        {o.reports.map((r) => (
          <section>
            <h3>{r.label}</h3>
            <p>{`${r.statusText}. Framsteg ${r.progressText}. Använda medel ${r.moneyUsed}. Rapporterad ${r.reportedOn}.`}</p>
            <p>{r.narrative}</p>
          </section>
        ))}
        {o.reportsDue.length > 0 ? (
          <section>
            <h3>Kommande rapporter</h3>
            <ul>
              {o.reportsDue.map((d) => (
                <li>{`${d.label}, senast ${d.dueOn}`}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>Tidslinje</h2>
        <ol class="timeline">
          {o.timeline.map((e) => (
            <li>
              <time datetime={e.date}>{e.date}</time> {e.text}
            </li>
          ))}
        </ol>
      </Layout>,
    );
  });
}
