// The minutes benchmark of issue 9, run by `npm run bench` beside the diarium (BENCH_ONLY=minutes runs only this).
// It builds a council meeting of 60 paragraphs through the use cases (bench/minutes-data.ts) in a database of its
// own, then measures two public pages through HTTP only: the minutes (/sammantraden/{id}/protokoll) and one
// paragraph (/protokoll/{body}/{year}/{n}). For each page: SQL statements per request, latency of one client
// requesting one page after another, and requests per second with 10 concurrent clients for a fixed time. Beside
// it, the limit: a bare node:http server answering the same bytes, measured with the same clients.

import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { loadavg, tmpdir } from "node:os";

const loadAverageNow = () => loadavg()[0]!;

import { join } from "node:path";
import { systemActor } from "../src/accounts/actor.js";
import { appointApprovers } from "../src/approval/appoint-approvers.js";
import { freezeMinutes } from "../src/approval/freeze-minutes.js";
import { signMinutes } from "../src/approval/sign-minutes.js";
import { connect, type Database } from "../src/db/connect.js";
import { migrate } from "../src/db/migrate.js";
import { inTransaction } from "../src/db/transaction.js";
import { listAttendance } from "../src/meetings/queries.js";
import type { LoadOutcome } from "./load.js";
import {
  basisPerParagraph,
  buildMinutes,
  councilSeats,
  minutesSlug,
  paragraphsPerMeeting,
} from "./minutes-data.js";
import { log, recreateServerDatabase, runClientProcess, startServer } from "./support.js";

/** Concurrent clients of the throughput runs. */
export const minutesClients = 10;
/** Seconds each throughput run lasts (BENCH_MINUTES_SECONDS); the one-client latency run stops at this too. */
export const minutesSeconds = Number(process.env.BENCH_MINUTES_SECONDS ?? 10);
/** Requests of the one-client latency run, after 3 warm-up requests. */
export const latencyRequests = 30;

export interface PageResult {
  label: string;
  /** Served from the page cache (a request after the first), or rendered from the database every time. */
  kept: boolean;
  path: string;
  /** SQL statements of one request at the size measured, and of the same page at the small meeting. */
  queries: number;
  queriesSmall: number;
  bytes: number;
  /** One client, one request after another. */
  single: LoadOutcome;
  /** 10 clients for minutesSeconds. */
  load: LoadOutcome;
  /** The bare node:http server with the same bytes, 10 clients for minutesSeconds. */
  bare: LoadOutcome;
}

export interface MinutesResult {
  name: "server" | "pglite";
  database: string;
  buildSeconds: number;
  /** The machine's 1-minute load average when the measurements began (other work on the machine shows here). */
  loadAverage: number;
  /** Each page rendered for every request (PARAGRAF_PAGE_CACHE=0), then served again from the page cache. */
  pages: PageResult[];
  /** The approved paragraph asked with its ETag in If-None-Match, with the page cache off and on (issue 12). */
  revalidated: { kept: boolean; load: LoadOutcome; bare: LoadOutcome; queries: number }[];
}

/** Runs the page clients (bench/load.ts) in a process of their own; resolves with what they measured. */
export async function runLoad(plan: {
  url: string;
  clients: number;
  seconds: number;
  maxRequests?: number;
  minRequests?: number;
  warmup?: number;
  headers?: Record<string, string>;
  status?: number;
}) {
  const outcome = await runClientProcess<LoadOutcome>("./load.ts", plan);
  if (outcome.firstError) log(`    first failed request: ${outcome.firstError}`);
  return outcome;
}

/** A node:http server that answers every request with the given page bytes: what serving them costs at least. */
async function bareServer(page: Buffer, status = 200) {
  const server = http.createServer((_req, res) => {
    if (status === 304) {
      res.writeHead(304, { etag: '"bench"' });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=UTF-8", "content-length": page.length });
    res.end(page);
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * SQL statements one request of the page runs. PGlite: the server is in this process, so Database.onQuery
 * counts around the request. Server: the HTTP server's process counts (bench/server.ts, BENCH_COUNT_QUERIES=1)
 * and tells its count before and after the request.
 */
async function countPageQueries(
  name: "server" | "pglite",
  database: Database,
  base: string,
  path: string,
  kept: boolean,
) {
  // A kept page is counted as the second visitor gets it; the first one's request renders it.
  if (kept) await (await fetch(base + path)).arrayBuffer();
  let queries = 0;
  const stop = database.onQuery(() => {
    queries++;
  });
  try {
    const before = name === "server" ? Number(await (await fetch(`${base}/__bench/queries`)).text()) : 0;
    const res = await fetch(base + path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    const page = Buffer.from(await res.arrayBuffer());
    const after = name === "server" ? Number(await (await fetch(`${base}/__bench/queries`)).text()) : queries;
    return { queries: after - before, page };
  } finally {
    stop();
  }
}

async function measurePage(
  name: "server" | "pglite",
  database: Database,
  base: string,
  page: { label: string; path: string; smallPath: string; kept: boolean },
  bareOf: Map<string, LoadOutcome>,
): Promise<PageResult> {
  const { label, path, kept } = page;
  const { queries, page: bytes } = await countPageQueries(name, database, base, path, kept);
  const small = await countPageQueries(name, database, base, page.smallPath, kept);
  log(
    `  ${label}, ${kept ? "kept" : "rendered"}: ${queries} SQL statements (${small.queries} at the meeting of one paragraph), ${bytes.length} bytes`,
  );
  const single = await runLoad({
    url: base + path,
    clients: 1,
    seconds: minutesSeconds,
    maxRequests: latencyRequests,
    minRequests: 3,
    warmup: 2,
  });
  log(
    `    one client: ${single.requests} requests, p50 ${single.p50.toFixed(1)} ms, p95 ${single.p95.toFixed(1)} ms`,
  );
  const load = await runLoad({ url: base + path, clients: minutesClients, seconds: minutesSeconds });
  log(
    `    ${minutesClients} clients: ${load.perSecond.toFixed(1)}/s, p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, ${load.errors} errors`,
  );
  // The limit depends only on the bytes: measured once per page, beside its first run.
  let limit = bareOf.get(label);
  if (!limit) {
    const bare = await bareServer(bytes);
    limit = await runLoad({
      url: `http://127.0.0.1:${bare.port}/`,
      clients: minutesClients,
      seconds: minutesSeconds,
    }).finally(() => bare.stop());
    bareOf.set(label, limit);
    log(
      `    bare node:http, same bytes: ${limit.perSecond.toFixed(0)}/s, p50 ${limit.p50.toFixed(2)} ms, p95 ${limit.p95.toFixed(2)} ms`,
    );
  }
  return {
    label,
    kept,
    path,
    queries,
    queriesSmall: small.queries,
    bytes: bytes.length,
    single,
    load,
    bare: limit,
  };
}

/** Approves a meeting's minutes as its chair, two approvers and the secretary would (illustrative signers). */
async function approveForBench(database: Database, municipalityId: string, meetingId: string) {
  const actor = systemActor(municipalityId, "Benchmark");
  await inTransaction(database.db, async (tx) => {
    const served = (await listAttendance(tx, meetingId)).filter((a) => a.capacity === "member");
    const [chair, first, second] = served;
    await appointApprovers(tx, actor, meetingId, {
      chairId: chair!.personId,
      approverIds: [first!.personId, second!.personId],
      approvalAt: new Date(),
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
      illustrative: true,
    });
    const v = await freezeMinutes(tx, actor, meetingId, { lateReason: "Benchmark." });
    for (const p of [chair!, first!, second!])
      await signMinutes(tx, actor, v.id, { hash: v.contentHash }, undefined, { personId: p.personId });
    const last = await signMinutes(tx, actor, v.id, { hash: v.contentHash, role: "secretary" });
    if (!last.approved) throw new Error("the benchmark's minutes were not approved");
  });
}

/** The approved page asked with its ETag: SQL statements of one 304, and 10 clients beside a bare server's 304s. */
async function measureRevalidation(
  name: "server" | "pglite",
  database: Database,
  base: string,
  path: string,
  kept: boolean,
) {
  const etag = (await fetch(base + path)).headers.get("etag");
  if (!etag) throw new Error(`${path}: no ETag on the approved page`);
  let queries = 0;
  const stop = database.onQuery(() => {
    queries++;
  });
  const before = name === "server" ? Number(await (await fetch(`${base}/__bench/queries`)).text()) : 0;
  const res = await fetch(base + path, { headers: { "if-none-match": etag } });
  const after = name === "server" ? Number(await (await fetch(`${base}/__bench/queries`)).text()) : queries;
  stop();
  if (res.status !== 304) throw new Error(`${path} with If-None-Match: ${res.status}`);
  const headers = { "if-none-match": etag };
  const load = await runLoad({
    url: base + path,
    clients: minutesClients,
    seconds: minutesSeconds,
    headers,
    status: 304,
  });
  log(
    `    approved paragraph, ${kept ? "kept" : "rendered"}, If-None-Match: ${after - before} SQL statements, ${minutesClients} clients: ${load.perSecond.toFixed(1)}/s, p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, ${load.errors} errors`,
  );
  const bare = await bareServer(Buffer.alloc(0), 304);
  const limit = await runLoad({
    url: `http://127.0.0.1:${bare.port}/`,
    clients: minutesClients,
    seconds: minutesSeconds,
    status: 304,
  }).finally(() => bare.stop());
  log(`    bare node:http 304: ${limit.perSecond.toFixed(0)}/s`);
  return { kept, load, bare: limit, queries: after - before };
}

/** Builds the meeting on one database and measures both pages. */
export async function runMinutes(name: "server" | "pglite", serverUrl: string): Promise<MinutesResult> {
  let database: Database;
  let dataDir: string | null = null;
  if (name === "server") {
    await recreateServerDatabase(serverUrl);
    database = await connect({ url: serverUrl });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "paragraf-bench-minutes-"));
    database = await connect({ dataDir });
  }
  try {
    await migrate(database);
    log(
      `${name}: minutes — building a council meeting of ${paragraphsPerMeeting} paragraphs through the use cases`,
    );
    const data = await buildMinutes(database, log);
    log(`  built in ${data.seconds.toFixed(0)} s`);
    const loadAverage = loadAverageNow();
    const pages: PageResult[] = [];
    const bareOf = new Map<string, LoadOutcome>();
    for (const kept of [false, true]) {
      const server = await startServer(name, database, {
        slug: minutesSlug,
        url: serverUrl,
        pool: minutesClients + 4,
        countQueries: true,
        pageCache: kept,
      });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        for (const page of [
          {
            label: "minutes",
            path: `/sammantraden/${data.meetingId}/protokoll`,
            smallPath: `/sammantraden/${data.smallMeetingId}/protokoll`,
          },
          { label: "paragraph", path: data.paragraphPath, smallPath: data.smallParagraphPath },
        ])
          pages.push(await measurePage(name, database, base, { ...page, kept }, bareOf));
      } finally {
        await server.stop();
      }
    }
    // Issue 12: approve the large meeting through the use cases, then the same paragraph page again, rendered and
    // kept, and the 304 a reader who has it gets from its ETag.
    await approveForBench(database, data.municipalityId, data.meetingId);
    log(`  approved the meeting of ${paragraphsPerMeeting} paragraphs`);
    const revalidated: MinutesResult["revalidated"] = [];
    for (const kept of [false, true]) {
      const server = await startServer(name, database, {
        slug: minutesSlug,
        url: serverUrl,
        pool: minutesClients + 4,
        countQueries: true,
        pageCache: kept,
      });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const page = {
          label: "approved paragraph",
          path: data.paragraphPath,
          smallPath: data.smallParagraphPath,
        };
        pages.push(await measurePage(name, database, base, { ...page, kept }, bareOf));
        revalidated.push(await measureRevalidation(name, database, base, data.paragraphPath, kept));
      } finally {
        await server.stop();
      }
    }
    const version = await database.exclusive(
      async (exec) => ((await exec("SELECT version() AS v")) as { v: string }[])[0]!.v,
    );
    return {
      name,
      database: version.split(" on ")[0]!,
      buildSeconds: data.seconds,
      loadAverage,
      pages,
      revalidated,
    };
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const pageName: Record<string, string> = {
  minutes: `minutes, ${paragraphsPerMeeting} §§`,
  paragraph: "one paragraph",
  "approved paragraph": "one paragraph, approved (issue 12)",
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const rate = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The targets that apply to a page on a database, as text beside the figure. */
function target(r: MinutesResult, p: PageResult): string {
  if (p.label === "approved paragraph") return "–";
  if (p.label === "minutes")
    return r.name === "server"
      ? `one-client p95 ≤ 200 ms: ${p.single.p95 <= 200 ? "met" : "**not met**"}`
      : "p95 ≤ 200 ms is set for the server";
  const limit = r.name === "server" ? 800 : 250;
  return `≥ ${limit}/s: ${p.load.perSecond >= limit ? "met" : "**not met**"}`;
}

/** The section "Minutes (issue 9)" of BENCHMARKS.md: from its heading to the end of the file. */
export function minutesSection(results: MinutesResult[], when: string, machine: string): string {
  const lines = [
    "## Minutes (issue 9)",
    "",
    "The minutes benchmark, written by `npm run bench` beside the diarium (`BENCH_ONLY=minutes npm run bench` runs",
    "only it; bench/minutes.ts). In a database of its own it builds a municipality with a council of",
    `${councilSeats} members in eight parties (each a person with a party and a membership of the council), twelve`,
    `committees, and one council meeting of ${paragraphsPerMeeting} paragraphs (bench/minutes-data.ts). Every paragraph has:`,
    "",
    `- its own case with ${basisPerParagraph} records, all ${basisPerParagraph} in the agenda item's decision basis; a summary and the proposal;`,
    "- two motions (approve and reject), each with a mover and two or three supporters;",
    `- a vote with ${councilSeats} ballots (34–27 with one abstention) and the question put on it; two decision points;`,
    "- a party's reservation; a special statement by a member and a second party with about 900 characters of",
    "  text, which the minutes print as an attachment (Bilaga); five recipients.",
    "",
    `All ${councilSeats} members are recorded present by name. A second meeting of the same council has one paragraph of`,
    "the same shape, so that the statements of each page can be counted at 1 and at 60 paragraphs. Everything is",
    "written through the use cases the secretary's pages call (plan-meeting, publish-notice, open-meeting,",
    "record-attendance, add-agenda-item, take-up-item, add-motion, record-vote, put-question, record-decision,",
    "announce-reservation, announce-statement, add-attachment, set-recipients, close-meeting, and the diarium's",
    "register-case and register-record), a few transactions per paragraph, not with SQL.",
    "",
    "It then measures, through HTTP only and as an anonymous visitor, twice: first with the page cache off",
    "(`PARAGRAF_PAGE_CACHE=0`, every request read and rendered from the database: **rendered**), then with it on",
    "as an installation runs (a request after the first served from the cache while the data is unchanged:",
    "**kept**; docs/decisions/0016-page-cache-and-data-version.md). The pages are the minutes page",
    `(\`/sammantraden/{id}/protokoll\`) and the page of one paragraph in its middle (\`${results[0]?.pages.find((p) => p.label === "paragraph")?.path ?? "/protokoll/{body}/{year}/{n}"}\`):`,
    "",
    "- **SQL statements per request**, counted with `Database.onQuery` around one request: for PGlite in the",
    "  benchmark's process, where the server runs; for the server target in the HTTP server's own process",
    "  (bench/server.ts counts when `BENCH_COUNT_QUERIES=1` and tells the count before and after the request).",
    '  Session and municipality lookups of the request are included. The column "at 1 §" is the same page for',
    "  the meeting of one paragraph: a read that does not grow with the rows shown has the same count in both;",
    `- **latency** of one client requesting the page one request after another, ${latencyRequests} times or for ${minutesSeconds} s`,
    "  whichever ends first (at least 3 requests, after 2 warm-up requests), p50 and p95;",
    `- **requests per second** with ${minutesClients} concurrent clients for ${minutesSeconds} s, and their p50 and p95 (requests`,
    "  still in flight at the end are waited for and counted, so a slow page makes the run longer);",
    "- **the limit**: a bare `node:http` server in the benchmark's process that answers every request with the",
    "  bytes of the same page (fetched once), measured once per page with the same clients. The ratio is how many times",
    "  more requests per second it answers than Paragraf does.",
    "",
    "Then (issue 12) it approves the meeting through the use cases (approvers appointed, the minutes frozen and",
    "signed by chair, approvers and secretary) and measures the same paragraph page approved, rendered and kept:",
    'in full, with its "Justerat" block and its strong ETag from the signed hash, and asked again with that ETag in',
    "`If-None-Match`, which Paragraf answers 304 with no body; beside it a bare `node:http` server answering 304.",
    "",
    "The clients run in a process of their own (bench/load.ts, node:http with keep-alive, as bench/clients.ts).",
    "",
    "Targets from the issue: the minutes of 60 paragraphs p95 ≤ 200 ms on the PostgreSQL server; a paragraph page",
    "≥ 250 requests/s on PGlite and ≥ 800/s on the server.",
    "",
    `Last run: ${when} on ${machine}. Clients, the server and (for the server target) PostgreSQL share these cores.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.name === "server" ? "PostgreSQL server" : "PGlite (embedded)"}`,
      "",
      `${r.database}. The meetings were built through the use cases in ${r.buildSeconds.toFixed(0)} s. The machine's`,
      `load average (1 minute) was ${r.loadAverage.toFixed(1)} when the measurements began.`,
      "",
      "| page | bytes | SQL statements | at 1 § | one client p50 ms | p95 ms | 10 clients req/s | p50 ms | p95 ms | bare node:http req/s | p50 ms | p95 ms | bare/Paragraf | target |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    );
    for (const p of r.pages)
      lines.push(
        `| ${pageName[p.label] ?? p.label}, ${p.kept ? "kept" : "rendered"} | ${p.bytes.toLocaleString("sv-SE")} | ${p.queries} | ${p.queriesSmall} | ` +
          `${ms(p.single.p50)} | ${ms(p.single.p95)} | ${rate(p.load.perSecond)} | ${ms(p.load.p50)} | ${ms(p.load.p95)} | ` +
          `${rate(p.bare.perSecond)} | ${p.bare.p50.toFixed(2)} | ${p.bare.p95.toFixed(2)} | ` +
          `${(p.bare.perSecond / p.load.perSecond).toFixed(p.bare.perSecond / p.load.perSecond >= 100 ? 0 : 1)} | ${target(r, p)} |`,
      );
    for (const rv of r.revalidated)
      lines.push(
        `| one paragraph, approved, ${rv.kept ? "kept" : "rendered"}, If-None-Match → 304 | 0 | ${rv.queries} | – | – | – | ${rate(rv.load.perSecond)} | ${ms(rv.load.p50)} | ${ms(rv.load.p95)} | ` +
          `${rate(rv.bare.perSecond)} | ${rv.bare.p50.toFixed(2)} | ${rv.bare.p95.toFixed(2)} | ${(rv.bare.perSecond / rv.load.perSecond).toFixed(1)} | – |`,
      );
    const errors =
      r.pages.reduce((n, p) => n + p.load.errors + p.single.errors, 0) +
      r.revalidated.reduce((n, rv) => n + rv.load.errors, 0);
    lines.push("", `Failed requests: ${errors}.`, "");
    for (const p of r.pages.filter((x) => !x.kept && x.label !== "approved paragraph")) {
      const growth = (p.queries - p.queriesSmall) / (paragraphsPerMeeting - 1);
      lines.push(
        growth === 0
          ? `- The ${p.label} page runs ${p.queries} statements in the meeting of ${paragraphsPerMeeting} §§ and in that of 1 §.`
          : `- The ${p.label} page runs ${p.queries} statements at ${paragraphsPerMeeting} §§ and ${p.queriesSmall} at 1 §, ` +
              `${growth.toFixed(1)} more per paragraph: its read grows with the paragraphs shown.`,
      );
    }
    lines.push("");
  }
  lines.push(
    "### Before the read model, rendered and kept",
    "",
    "The first run of this benchmark, on the read side as it was before issue 9 (the minutes built paragraph by",
    "paragraph), counted 1 269 statements for the minutes of 60 §§ on the server (30 at 1 §) and 1 267 on PGlite: about",
    "21 more for every paragraph. The read model loads one query per kind of row for all paragraphs at once, so the",
    "count is the same at 1 § and at 60 §§.",
    "",
    "A page rendered from the database still costs its 20-odd statements and about 10 ms of CPU in Paragraf's process",
    "(building and sending the statements more than rendering), which is why the rendered rows stay far from the",
    "limit. An anonymous visitor's page is kept after its first rendering and served again, in one statement that",
    "reads the data version and the municipality, until any write commits (src/http/page-cache.ts,",
    "docs/decisions/0016-page-cache-and-data-version.md); the kept rows are that path. An approved paragraph page",
    "reads its approval too (the stamp, and the ETag from the signed hash, its legal force and its dispatch's",
    "progress), so a rendered 304 costs the whole read, and a kept one a single statement.",
    "",
    "### Limits of the method",
    "",
    "- One meeting of one shape: every paragraph carries all kinds of content at once, so the page is larger",
    "  than a typical council's. The database holds only this municipality (no diarium of millions of",
    "  records beside it), so reads that depend on an index among many rows are not tested here.",
    "- The clients, the server and the database share the machine's cores, so the rates include the clients'",
    "  own cost; the bare server's rate says what these clients can drive at most with pages of that size.",
    "- Latency is measured by the client from the request sent to the last byte read, on a kept-alive",
    "  connection; nothing goes through a network.",
    "- The counts are the statements sent through Drizzle (Database.onQuery). On the server they include the",
    "  `begin` and `commit` of each transaction, which node-postgres sends as statements of their own; PGlite",
    "  opens and commits its transactions without them, so its count is two lower per transaction.",
    "",
  );
  return lines.join("\n");
}
