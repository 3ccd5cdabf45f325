// `npm run bench`: the diarium benchmark (issue 3). Builds a synthetic register of a large municipality over ten
// years on the PostgreSQL server (database paragraf_bench, dropped and created afresh) and a tenth of it on
// PGlite, then measures search latency through the HTTP API beside the same search run directly against the
// database, and registrations per second with 32 concurrent clients. Then the minutes benchmark (issue 9,
// bench/minutes.ts): a council meeting of 60 paragraphs, its minutes page and one paragraph's page through HTTP.
// Writes BENCHMARKS.md; a benchmark that did not run keeps its section as it was.
//
//   npm run bench                       both benchmarks on both targets, full size on the server, a tenth on PGlite
//   npm run bench -- --only=server      one target (server | pglite)
//   BENCH_ONLY=minutes npm run bench    one benchmark (diarium | minutes)
//   BENCH_ONLY=mixed npm run bench      the mixed load of issue 11 (bench/mixed.ts): 50 clients, 60 s, both targets
//   BENCH_MINUTES_SECONDS=10            how long each of the minutes benchmark's throughput runs lasts
//   BENCH_MINUTES_DATABASE_URL=…/y      the minutes benchmark's server database (default: paragraf_bench_minutes)
//   BENCH_SCALE=0.1 npm run bench       everything at a tenth of that (a quick look)
//   BENCH_DATABASE_URL=postgres://…/x   another server database (it is dropped and created)
//   BENCH_SERVER_PROFILE=/tmp/prof      a CPU profile of the server target's HTTP process, written there

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { systemActor } from "../src/accounts/actor.js";
import { createUser } from "../src/accounts/create-user.js";
import { connect, type Database } from "../src/db/connect.js";
import { migrate } from "../src/db/migrate.js";
import { inTransaction } from "../src/db/transaction.js";
import { createBody } from "../src/organisation/bodies.js";
import { createMunicipality } from "../src/organisation/create-municipality.js";
import { secretAccess } from "../src/register/access.js";
import { createNumberSeries } from "../src/register/create-number-series.js";
import { registerCaseWithNames } from "../src/register/register-case.js";
import { type SearchParams, searchRegister } from "../src/register/search.js";
import type { ClientsOutcome } from "./clients.js";
import { documentsSection, runDocuments } from "./documents.js";
import { generateSql } from "./generate.js";
import { type MinutesResult, minutesSection, runMinutes } from "./minutes.js";
import { type MixedResult, mixedSection, runMixed } from "./mixed.js";
import { portalSection, runPortal } from "./portal.js";
import { log, percentile, recreateServerDatabase, startServer } from "./support.js";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/paragraf_bench";
const minutesUrl = process.env.BENCH_MINUTES_DATABASE_URL ?? withDatabaseSuffix(serverUrl, "_minutes");
const benchOnly = process.env.BENCH_ONLY;
const benches = ["diarium", "minutes", "mixed", "documents", "portal"];
if (benchOnly && !benches.includes(benchOnly))
  throw new Error(`BENCH_ONLY=${benchOnly}: use ${benches.join(", ")}`);
const clients = 32;
const iterations = Number(process.env.BENCH_ITERATIONS ?? 30);
// BENCH_REUSE=1 keeps the server database of the last run (same size) and only measures again.
const reuse = process.env.BENCH_REUSE === "1";

const bodyNames = [
  "Kommunstyrelsen",
  "Tekniska nämnden",
  "Stadsbyggnadsnämnden",
  "Miljönämnden",
  "Fritidsnämnden",
  "Kulturnämnden",
  "Förskolenämnden",
  "Grundskolenämnden",
  "Gymnasie- och vuxenutbildningsnämnden",
  "Arbetsmarknads- och socialnämnden",
  "Funktionsstödsnämnden",
  "Servicenämnden",
];

/** The typical queries: what a journalist or a resident types, with and without filters. */
const queries: { label: string; params: SearchParams }[] = [
  { label: "ett ämnesord: simhall", params: { q: "simhall" } },
  { label: "ämne och plats: detaljplan Limhamn", params: { q: "detaljplan Limhamn" } },
  { label: "böjd form: förskolorna Rosengård", params: { q: "förskolorna Rosengård" } },
  { label: "vanligt ord: remissvar tekniska", params: { q: "remissvar tekniska" } },
  { label: "nummerprefix: BENCH-2024-13", params: { q: "BENCH-2024-13" } },
  { label: "exakt nummer: BENCH-2021-1711", params: { q: "BENCH-2021-1711" } },
  {
    label: "ord med filter: tekniska, 2023, beslut",
    params: { q: "tekniska", year: 2023, recordType: "decision" },
  },
  { label: "bläddra: nyast först, inget sökord", params: {} },
];

function apiPath(p: SearchParams): string {
  const query = new URLSearchParams();
  if (p.q) query.set("q", p.q);
  if (p.year) query.set("ar", String(p.year));
  if (p.recordType) query.set("typ", p.recordType);
  return `/api/register/search?${query}`;
}

/** The same server URL with a suffix on the database name: the minutes benchmark's own database. */
function withDatabaseSuffix(url: string, suffix: string): string {
  const u = new URL(url);
  u.pathname += suffix;
  return u.toString();
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const cpuMs = (n: number | null) => (n !== null && Number.isFinite(n) ? n.toFixed(2) : "–");

interface QueryResult {
  label: string;
  hits: number;
  http: { p50: number; p95: number };
  sql: { p50: number; p95: number };
}

interface TargetResult {
  name: string;
  database: string;
  cases: number;
  records: number;
  loadSeconds: number | null;
  queries: QueryResult[];
  overall: { http: { p50: number; p95: number }; sql: { p50: number; p95: number } };
  registrations: Registrations;
  direct: Registrations;
}

interface Registrations {
  /** CPU milliseconds per registration, by process, where /proc could tell (Linux). */
  cpu?: CpuPerRegistration | null;
  total: number;
  seconds: number;
  perSecond: number;
  errors: number;
  distinct: number;
  min: number;
  max: number;
  gapless: boolean;
}

interface CpuPerRegistration {
  /** The clients' process (bench/clients.ts). */
  clients: number;
  /** The HTTP server's process: its own for the server target; for PGlite the benchmark's, database included. */
  server: number | null;
  /** All PostgreSQL processes (server target only). */
  postgres: number | null;
  /** Share of the machine's CPU time that went unused during the run. */
  idle: number;
}

/** CPU seconds of one process so far, from /proc (utime + stime); null where that cannot be read. */
function processCpu(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of every PostgreSQL process so far (the server target's database runs on this machine). */
function postgresCpu(): number | null {
  try {
    const pids = execFileSync("pgrep", ["-x", "postgres"]).toString().trim().split("\n");
    return pids.reduce((sum, pid) => sum + (processCpu(Number(pid)) ?? 0), 0);
  } catch {
    return null;
  }
}

/** The machine's idle and total CPU ticks so far. */
function machineTicks(): { idle: number; all: number } | null {
  try {
    const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
    return { idle: ticks[3]! + ticks[4]!, all: ticks.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/**
 * Starts counting CPU for a run; the function it returns gives milliseconds per registration, given the count
 * and the CPU seconds the clients' process reported. Without a server process of its own (PGlite) the server is
 * this process.
 */
function cpuMeter(serverPid: number | null) {
  const own = process.cpuUsage();
  const server = serverPid ? processCpu(serverPid) : null;
  const postgres = serverPid ? postgresCpu() : null;
  const machine = machineTicks();
  return (count: number, clientSeconds: number): CpuPerRegistration | null => {
    const now = machineTicks();
    if (!machine || !now) return null;
    const perRegistration = (seconds: number | null) => (seconds === null ? null : (seconds * 1000) / count);
    const ownUsed = process.cpuUsage(own);
    const serverNow = serverPid ? processCpu(serverPid) : null;
    const postgresNow = serverPid ? postgresCpu() : null;
    return {
      clients: (clientSeconds * 1000) / count,
      server: serverPid
        ? perRegistration(server !== null && serverNow !== null ? serverNow - server : null)
        : perRegistration((ownUsed.user + ownUsed.system) / 1e6),
      postgres: perRegistration(postgres !== null && postgresNow !== null ? postgresNow - postgres : null),
      idle: (now.idle - machine.idle) / (now.all - machine.all),
    };
  };
}

/** Counts the cases of a year and checks that their numbers are exactly 1…n. */
async function checkYear(
  database: Database,
  seriesId: string,
  year: number,
  seconds: number,
  errors: number,
): Promise<Registrations> {
  const [check] = await database.exclusive(
    async (exec) =>
      (await exec(
        `SELECT count(*)::int AS n, count(DISTINCT sequence)::int AS distinct_n, coalesce(min(sequence), 0) AS min,
          coalesce(max(sequence), 0) AS max FROM register_case WHERE series_id = '${seriesId}' AND year = ${year}`,
      )) as { n: number; distinct_n: number; min: number; max: number }[],
  );
  return {
    total: check!.n,
    seconds,
    perSecond: check!.n / seconds,
    errors,
    distinct: check!.distinct_n,
    min: check!.min,
    max: check!.max,
    gapless: check!.min === 1 && check!.max === check!.n && check!.distinct_n === check!.n,
  };
}

/** The municipality, bodies and series of an earlier run, when BENCH_REUSE=1. */
async function loadExisting(database: Database, slug: string) {
  return inTransaction(database.db, async (tx) => {
    const m = await tx.query.municipality.findFirst({ where: (x, { eq }) => eq(x.slug, slug) });
    if (!m) return null;
    const bodies = await tx.query.body.findMany({ where: (x, { eq }) => eq(x.municipalityId, m.id) });
    const series = await tx.query.numberSeries.findFirst({
      where: (x, { eq }) => eq(x.municipalityId, m.id),
    });
    const order = new Map(bodyNames.map((n, i) => [n, i]));
    bodies.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
    return { m, bodies, series: series! };
  });
}

/**
 * Runs the registration clients in their own process (bench/clients.ts) and measures CPU from the moment they
 * start posting until they are done.
 */
async function runClients(serverPid: number | null, plan: object) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./clients.ts", import.meta.url)), JSON.stringify(plan)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`bench clients exited with ${code}`)));
    });
  if ((await next()) !== "ready") throw new Error("bench clients did not start");
  const meter = cpuMeter(serverPid);
  child.stdin!.write("go\n");
  const outcome = JSON.parse(await next()) as ClientsOutcome;
  const cpu = meter(outcome.sent, outcome.cpuSeconds);
  lines.close();
  return { ...outcome, cpu };
}

async function runTarget(name: "server" | "pglite", cases: number): Promise<TargetResult> {
  let database: Database;
  let dataDir: string | null = null;
  if (name === "server") {
    if (!reuse) await recreateServerDatabase(serverUrl);
    process.env.PARAGRAF_DB_POOL = String(clients + 4);
    database = await connect({ url: serverUrl });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "paragraf-bench-"));
    database = await connect({ dataDir });
  }
  try {
    await migrate(database);
    const slug = "bench";
    const existing = reuse ? await loadExisting(database, slug) : null;
    const setup =
      existing ??
      (await inTransaction(database.db, async (tx) => {
        const m = await createMunicipality(tx, { name: "Benchköping", slug });
        const actor = systemActor(m.id, "Benchmark");
        const bodies = [];
        for (const bodyName of bodyNames)
          bodies.push(
            await createBody(tx, actor, {
              name: bodyName,
              kind: bodyName === "Kommunstyrelsen" ? "executive_board" : "committee",
            }),
          );
        const series = await createNumberSeries(tx, actor, {
          code: "BENCH",
          prefix: "BENCH",
          pattern: "{prefix}-{year}-{seq}",
        });
        await createUser(tx, actor, {
          email: "registrator@bench.example",
          displayName: "Registrator",
          password: "benchmark-lösenord-1",
          grants: [{ role: "registrar", bodyId: null }],
        });
        return { m, bodies, series };
      }));

    const started = performance.now();
    if (!existing) {
      log(`${name}: generating ${cases} cases and about ${cases * 10} records`);
      const statements = generateSql({
        municipalityId: setup.m.id,
        seriesId: setup.series.id,
        prefix: "BENCH",
        bodyIds: setup.bodies.map((b) => b.id),
        bodyNames,
        markerBodyId: setup.bodies.at(-3)!.id,
        cases,
        firstYear: 2016,
        years: 10,
      });
      if (name === "server") await database.exec("SET maintenance_work_mem = '256MB'");
      for (const statement of statements) {
        const t0 = performance.now();
        await database.exec(statement);
        log(
          `  ${statement.trim().split(/\s+/).slice(0, 3).join(" ")}: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
    } else {
      log(`${name}: reusing the register of the last run`);
      await database.exec(`DELETE FROM audit_entry WHERE record_type = 'case' AND record_id IN
        (SELECT id::text FROM register_case WHERE year >= 2026);
        DELETE FROM register_case WHERE year >= 2026; DELETE FROM number_counter WHERE year >= 2026;`);
    }
    const loadSeconds = existing ? null : (performance.now() - started) / 1000;
    const counts = await database.exclusive(
      async (exec) =>
        (await exec(
          "SELECT (SELECT count(*)::int FROM register_case) AS cases, (SELECT count(*)::int FROM record) AS records",
        )) as { cases: number; records: number }[],
    );

    const server = await startServer(name, database, { slug, url: serverUrl, pool: clients + 4 });
    const port = server.port;
    const base = `http://127.0.0.1:${port}`;

    // Search: each query through the HTTP API (anonymous, JSON), and the same search straight on the database.
    const anonymous = secretAccess(null);
    const allHttp: number[] = [];
    const allSql: number[] = [];
    const results: QueryResult[] = [];
    for (const query of queries) {
      const path = apiPath(query.params);
      let hits = 0;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(base + path);
        hits = ((await res.json()) as { total: number }).total;
        await inTransaction(database.db, (tx) => searchRegister(tx, setup.m.id, anonymous, query.params));
      }
      const viaHttp: number[] = [];
      const direct: number[] = [];
      for (let i = 0; i < iterations; i++) {
        let t0 = performance.now();
        const res = await fetch(base + path);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.json();
        viaHttp.push(performance.now() - t0);
        t0 = performance.now();
        await inTransaction(database.db, (tx) => searchRegister(tx, setup.m.id, anonymous, query.params));
        direct.push(performance.now() - t0);
      }
      viaHttp.sort((a, b) => a - b);
      direct.sort((a, b) => a - b);
      allHttp.push(...viaHttp);
      allSql.push(...direct);
      const result = {
        label: query.label,
        hits,
        http: { p50: percentile(viaHttp, 50), p95: percentile(viaHttp, 95) },
        sql: { p50: percentile(direct, 50), p95: percentile(direct, 95) },
      };
      results.push(result);
      log(
        `  ${query.label}: ${hits} träffar, HTTP p50 ${ms(result.http.p50)} p95 ${ms(result.http.p95)} ms, SQL p50 ${ms(result.sql.p50)} p95 ${ms(result.sql.p95)} ms`,
      );
    }
    allHttp.sort((a, b) => a - b);
    allSql.sort((a, b) => a - b);

    // Registrations: 32 clients, each with its own session, register cases in year 2026 through the API.
    const cookies: string[] = [];
    for (let i = 0; i < clients; i++) {
      const res = await fetch(`${base}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "registrator@bench.example", password: "benchmark-lösenord-1" }),
      });
      if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
      const session = res.headers.getSetCookie().find((line) => line.startsWith("paragraf_session="));
      cookies.push(session!.split(";")[0]!);
    }
    const total = Math.round((name === "server" ? 4000 : 2000) * Math.max(scale, 0.25));
    const outcome = await runClients(server.pid, {
      base,
      cookies,
      total,
      bodyIds: setup.bodies.map((b) => b.id),
      openedOn: "2026-02-02",
    });
    const { seconds, errors, cpu } = outcome;
    if (outcome.firstError) log(`  first failed registration: ${outcome.firstError}`);
    await server.stop();
    const registrations = { ...(await checkYear(database, setup.series.id, 2026, seconds, errors)), cpu };
    log(
      `  registrations: ${registrations.total} in ${seconds.toFixed(1)} s = ${registrations.perSecond.toFixed(0)}/s, gapless ${registrations.gapless}, errors ${errors}`,
    );

    // The same registrations without HTTP, as the API makes them (registerCaseWithNames on the database, outside
    // a transaction), 32 at a time, in year 2027.
    const actor = systemActor(setup.m.id, "Benchmark");
    let issuedDirect = 0;
    let errorsDirect = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        while (issuedDirect < total) {
          issuedDirect++;
          await registerCaseWithNames(database.db, actor, {
            seriesCode: "BENCH",
            title: `Inkommen skrivelse om cykelbana i Hyllie (klient ${client})`,
            responsibleBodyId: setup.bodies[client % setup.bodies.length]!.id,
            openedOn: "2027-02-02",
          }).catch(() => errorsDirect++);
        }
      }),
    );
    const direct = await checkYear(
      database,
      setup.series.id,
      2027,
      (performance.now() - t1) / 1000,
      errorsDirect,
    );
    log(
      `  without HTTP: ${direct.total} in ${direct.seconds.toFixed(1)} s = ${direct.perSecond.toFixed(0)}/s, gapless ${direct.gapless}`,
    );
    const version = await database.exclusive(
      async (exec) => ((await exec("SELECT version() AS v")) as { v: string }[])[0]!.v,
    );
    return {
      name,
      database: version.split(" on ")[0]!,
      cases: counts[0]!.cases,
      records: counts[0]!.records,
      loadSeconds,
      queries: results,
      overall: {
        http: { p50: percentile(allHttp, 50), p95: percentile(allHttp, 95) },
        sql: { p50: percentile(allSql, 50), p95: percentile(allSql, 95) },
      },
      registrations,
      direct,
    };
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: TargetResult[]): string {
  const lines: string[] = [];
  const now = new Date().toISOString().slice(0, 16).replace("T", " ");
  lines.push("# Benchmarks", "");
  lines.push(
    "The diarium benchmark of issue 3, written by `npm run bench` (bench/run.ts). It builds a synthetic register",
    "with SQL `generate_series` (bench/generate.ts): Swedish case titles from 40 subjects × 60 topics × 50 places of",
    "Malmö, about ten records per case from 16 description templates, 1 % of the cases and 2 % of the records",
    "secrecy-marked, spread over ten years (2016–2025) and twelve bodies. It then measures:",
    "",
    "- **search latency** through the HTTP API (`GET /api/register/search`, anonymous, JSON parsed by the client),",
    `  p50 and p95 over the typical queries below, each run ${iterations} times after 3 warm-up runs;`,
    "- **the same search directly on the database** (`searchRegister` in a transaction: the same SQL statements,",
    "  no HTTP, no session, no JSON) — the ratio HTTP/SQL is what the HTTP layer costs;",
    "- **registrations per second** with 32 concurrent clients, each with its own session, posting",
    "  `POST /api/cases` into one series and year, then checking that the numbers are 1…n with no duplicates or gaps.",
    "",
    "Limits from the issue: search p95 ≤ 50 ms through the API; registrations ≥ 500/s, no duplicates or gaps.",
    "",
    `Last run: ${now} UTC on ${cpus().length} CPU cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}.`,
    "Clients, HTTP server and (for the server target) PostgreSQL share these cores. For the server target the HTTP",
    "server runs in a process of its own (bench/server.ts); PGlite is embedded, so there the server and the database",
    "run in the benchmark's process. The registration clients always have a process of their own (bench/clients.ts).",
    "",
  );
  for (const r of results) {
    const title =
      r.name === "server"
        ? "PostgreSQL server, the size of a large municipality"
        : "PGlite (embedded), a tenth of the size";
    lines.push(`## ${title}`, "");
    lines.push(
      `${r.database}. ${r.cases.toLocaleString("sv-SE")} cases, ${r.records.toLocaleString("sv-SE")} records, ` +
        (r.loadSeconds === null
          ? "generated by an earlier run (BENCH_REUSE=1)."
          : `generated and indexed in ${r.loadSeconds.toFixed(0)} s.`),
      "",
    );
    lines.push("| query | hits | HTTP p50 ms | HTTP p95 ms | SQL p50 ms | SQL p95 ms | HTTP/SQL (p50) |");
    lines.push("|---|---:|---:|---:|---:|---:|---:|");
    for (const q of r.queries)
      lines.push(
        `| ${q.label} | ${q.hits >= 1000 ? "> 1000" : q.hits} | ${ms(q.http.p50)} | ${ms(q.http.p95)} | ${ms(q.sql.p50)} | ${ms(q.sql.p95)} | ${(q.http.p50 / q.sql.p50).toFixed(2)} |`,
      );
    const o = r.overall;
    lines.push(
      `| **all typical queries** | | **${ms(o.http.p50)}** | **${ms(o.http.p95)}** (limit 50) | ${ms(o.sql.p50)} | ${ms(o.sql.p95)} | ${(o.http.p50 / o.sql.p50).toFixed(2)} |`,
      "",
    );
    const g = r.registrations;
    lines.push(
      `Registrations: ${g.total} cases in ${g.seconds.toFixed(1)} s with ${clients} concurrent clients = ` +
        `**${g.perSecond.toFixed(0)} per second** (${r.name === "server" ? "limit ≥ 500/s" : "the limit is set for the server; shown beside it"}). Numbers ${g.min}…${g.max}, ${g.distinct} distinct: ` +
        `${g.gapless ? "no duplicates, no gaps" : "NOT gapless"}; ${g.errors} failed requests.`,
      "",
    );
    if (g.cpu) {
      const c = g.cpu;
      lines.push(
        r.name === "server"
          ? `CPU per registration: HTTP server ${cpuMs(c.server)} ms, PostgreSQL ${cpuMs(c.postgres)} ms, ` +
              `clients ${cpuMs(c.clients)} ms; the machine's cores were ${(c.idle * 100).toFixed(0)} % idle during the run.`
          : `CPU per registration: HTTP server with PGlite in its process ${cpuMs(c.server)} ms, ` +
              `clients ${cpuMs(c.clients)} ms; the machine's cores were ${(c.idle * 100).toFixed(0)} % idle during the run.`,
        "",
      );
    }
    const d = r.direct;
    lines.push(
      `The same without HTTP (the use case as the API calls it, ${clients} at a time): ${d.total} cases in ` +
        `${d.seconds.toFixed(1)} s = **${d.perSecond.toFixed(0)} per second**; numbers ${d.min}…${d.max}, ` +
        `${d.gapless ? "no duplicates, no gaps" : "NOT gapless"}; ${d.errors} failures.`,
      "",
    );
  }
  lines.push(
    "## What the figures say",
    "",
    "- **Search.** The HTTP API adds little to the SQL (the HTTP/SQL column): session, validation and JSON cost a",
    "  few milliseconds. The SQL is shaped so that no typical query reads all its matches: at most 500 matches are",
    "  ranked (`ts_rank`), a broader query is listed newest first straight from the date indexes and reports",
    '  "more than 500", a number-shaped query uses the btree on `upper(number)` before any text search, and the',
    "  record side joins its case only for the page it returns. The slowest typical query is two frequent words",
    "  together (the GIN index intersects two long posting lists).",
    "- **Registrations.** Numbers in one series and year are taken one at a time: the counter row is locked from",
    "  the statement that numbers the case until that statement commits, so gapless numbering is a serial section.",
    "  The API keeps it short. It reads session and references in two queries, then numbers, inserts and audits",
    "  the case in one statement that commits on its own, so the row is locked only while PostgreSQL executes and",
    "  commits that statement, with no round trip to Node inside. The response is built from what was read, not",
    "  read again. Each Paragraf process lets four registrations of one counter at the database at a time",
    "  (src/register/counter-queue.ts); the row lock orders processes among themselves.",
    "- **Where the time goes.** The CPU line shows the cost per registration of each process. Server, database and",
    "  clients share two cores, so the rate follows their sum. What remains idle is time when every registration",
    "  waits for the one that holds the counter row.",
    "- **Without HTTP.** This line calls the use case straight from the benchmark process. The ratio between it",
    "  and the HTTP line is what session, validation, JSON and the sockets cost.",
    "- **PGlite.** The embedded database runs in the server's own thread, so server and database together get",
    "  one core at most; their CPU per registration (the CPU line) sets the rate, and the other core is left",
    "  to the clients and otherwise idle. Most of that time is PostgreSQL itself in WebAssembly. PGlite is the",
    "  single-process default for trying Paragraf and for small installations; the limit is set for the server.",
    "",
  );
  lines.push("## Reproduce", "");
  lines.push(
    "```sh",
    "npm run bench                    # server at full size and PGlite at a tenth; rewrites this file",
    "npm run bench -- --only=pglite   # one target",
    "BENCH_SCALE=0.1 npm run bench    # everything ten times smaller, for a quick look",
    "BENCH_REUSE=1 npm run bench -- --only=server   # measure again on the server register of the last run",
    "BENCH_ONLY=minutes npm run bench # only the minutes benchmark (issue 9, below); BENCH_ONLY=diarium only this one",
    "```",
    "",
    "The server target uses `postgres://postgres@127.0.0.1:5432/paragraf_bench` (or `BENCH_DATABASE_URL`), which it",
    "drops and creates, and `paragraf_bench_minutes` for the minutes (or `BENCH_MINUTES_DATABASE_URL`), likewise;",
    "PGlite runs in temporary folders that are removed afterwards. Nothing else is touched.",
    "",
  );
  return lines.join("\n");
}

const targets = (["server", "pglite"] as const).filter((t) => !only || t === only);
const file = new URL("../BENCHMARKS.md", import.meta.url);
const whole = existsSync(file) ? readFileSync(file, "utf8") : "";

// BENCHMARKS.md is the diarium's report followed by one section per benchmark, in this order. A run replaces the
// sections of the benchmarks it ran and keeps the others as they were.
const headings = ["Minutes (issue 9)", "Mixed load (issue 11)", "Documents (issue 13)", "Portal (issue 15)"];
const found = headings
  .map((h) => ({ h, at: whole.indexOf(`\n## ${h}\n`) }))
  .filter((x) => x.at >= 0)
  .sort((x, y) => x.at - y.at);
let diariumText = found.length > 0 ? whole.slice(0, found[0]!.at + 1) : whole;
const sections = new Map<string, string>(
  found.map((x, i) => [x.h, whole.slice(x.at + 1, found[i + 1] ? found[i + 1]!.at + 1 : undefined)]),
);
const runs = (name: string) => !benchOnly || benchOnly === name;
const when = () => `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const machine = `${cpus().length} CPU cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`;

if (runs("diarium")) {
  const results: TargetResult[] = [];
  for (const name of targets)
    results.push(await runTarget(name, Math.round((name === "server" ? 200_000 : 20_000) * scale)));
  diariumText = report(results);
}
if (runs("minutes")) {
  const results: MinutesResult[] = [];
  for (const name of targets) results.push(await runMinutes(name, minutesUrl));
  sections.set("Minutes (issue 9)", minutesSection(results, when(), machine));
}
if (runs("mixed")) {
  const results: MixedResult[] = [];
  for (const name of targets) results.push(await runMixed(name, withDatabaseSuffix(serverUrl, "_mixed")));
  sections.set("Mixed load (issue 11)", mixedSection(results, when(), machine));
}
if (runs("documents"))
  sections.set("Documents (issue 13)", documentsSection(await runDocuments(), when(), machine));
// The portal's benchmark measures against the PostgreSQL server only.
if (runs("portal") && (!only || only === "server"))
  sections.set(
    "Portal (issue 15)",
    portalSection(await runPortal(withDatabaseSuffix(serverUrl, "_portal")), when(), machine),
  );
const parts = [diariumText, ...headings.map((h) => sections.get(h) ?? "")]
  .map((x) => x.trimEnd())
  .filter((x) => x.length > 0);
writeFileSync(file, `${parts.join("\n\n")}\n`);
log("BENCHMARKS.md written");
process.exit(0);
