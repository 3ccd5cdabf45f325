// The mixed-load benchmark (issue 11): 50 clients for 60 seconds on loopback, each request picked by weight from
// public pages, searches, registrations and a meeting in progress (motions put on its paragraphs, its page read),
// on the Malmö example. Per kind: requests/s, p50 and p99; the server's RSS before and after; and, measured in the
// same run with the same clients, the limit: a bare node:http server answering a small page.
//
//   BENCH_ONLY=mixed npm run bench            only this benchmark, both targets
//   BENCH_MIXED_SECONDS=10 BENCH_MIXED_CLIENTS=20   a quick look

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { systemActor } from "../src/accounts/actor.js";
import { createUser } from "../src/accounts/create-user.js";
import { connect, type Database } from "../src/db/connect.js";
import { migrate } from "../src/db/migrate.js";
import { inTransaction } from "../src/db/transaction.js";
import { loadExample } from "../src/example/load-example.js";
import { addAgendaItem } from "../src/meetings/add-agenda-item.js";
import { openMeeting } from "../src/meetings/open-meeting.js";
import { planMeeting } from "../src/meetings/plan-meeting.js";
import { publishNotice } from "../src/meetings/publish-notice.js";
import { recordAttendance } from "../src/meetings/record-attendance.js";
import { takeUpItem } from "../src/meetings/take-up-item.js";
import { createBody } from "../src/organisation/bodies.js";
import { addMembership } from "../src/organisation/memberships.js";
import { createPerson } from "../src/organisation/persons.js";
import { findFirstMunicipality } from "../src/organisation/queries.js";
import { meetingAddress } from "../src/portal/present.js";
import { registerNewCase } from "../src/register/register-case.js";
import type { KindOutcome, MixedKind, MixedPlan } from "./mixed-clients.js";
import { log, recreateServerDatabase, runClientProcess, startServer } from "./support.js";

const seconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const clients = Number(process.env.BENCH_MIXED_CLIENTS ?? 50);
const bareSeconds = Math.min(15, seconds);
const admin = { email: "belastning@example.se", password: "ett-långt-belastningslösenord" };

export interface MixedResult {
  name: "server" | "pglite";
  loadAverage: number;
  kinds: KindOutcome[];
  bare: KindOutcome;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Where the RSS is read: the server's own process, or the benchmark's (PGlite's server runs in it). */
  rssOf: string;
}

/** Runs the clients (bench/mixed-clients.ts) in a process of their own; resolves with what they measured. */
async function runClients(plan: MixedPlan): Promise<KindOutcome[]> {
  const outcome = await runClientProcess<KindOutcome[]>("./mixed-clients.ts", plan);
  for (const k of outcome) if (k.firstError) log(`    ${k.name}: first failed request: ${k.firstError}`);
  return outcome;
}

function rssMb(pid: number | null): number {
  if (pid === null) return process.memoryUsage().rss / 2 ** 20;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** The Malmö example, an admin, and a meeting in progress with 20 paragraphs taken up. */
async function prepare(database: Database) {
  await inTransaction(database.db, (tx) => loadExample(tx));
  const m = (await inTransaction(database.db, (tx) => findFirstMunicipality(tx)))!;
  const a = systemActor(m.id, "Belastningsprov");
  await inTransaction(database.db, (tx) =>
    createUser(tx, a, { ...admin, displayName: "Belastning", grants: [{ role: "admin", bodyId: null }] }),
  );
  return inTransaction(database.db, async (tx) => {
    const body = await createBody(tx, a, { kind: "committee", name: "Belastningsnämnden", seats: 3 });
    const members: string[] = [];
    for (const [name, role] of [
      ["Ada Belastning", "chair"],
      ["Bo Belastning", "member"],
      ["Cy Belastning", "member"],
    ] as const) {
      const p = await createPerson(tx, a, { name });
      await addMembership(tx, a, { personId: p.id, bodyId: body.id, role, startsOn: "2022-10-15" });
      members.push(p.id);
    }
    const meeting = await planMeeting(tx, a, {
      bodyId: body.id,
      heldOn: "2026-03-10",
      startsAt: "13:00",
      place: "Stadshuset",
    });
    await publishNotice(tx, a, meeting.id, { publishedOn: "2026-03-02" });
    await openMeeting(tx, a, meeting.id, { at: new Date("2026-03-10T13:00:00+01:00") });
    for (const [i, personId] of members.entries())
      await recordAttendance(tx, a, meeting.id, { personId, capacity: "member", presides: i === 0 });
    const paragraphs: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await registerNewCase(tx, a, {
        seriesCode: "STK",
        title: `Ärende under sammanträdet ${i}`,
        openedOn: "2026-03-01",
      });
      const item = await addAgendaItem(tx, a, meeting.id, { caseId: c.id });
      paragraphs.push((await takeUpItem(tx, a, { agendaItemId: item.id })).id);
    }
    // The meeting page at its readable address: the UUID address only redirects there (issue 15).
    const meetingPage = meetingAddress(body.slug, "2026-03-10");
    return { slug: m.slug, meetingId: meeting.id, meetingPage, paragraphs, mover: members[1]! };
  });
}

function kinds(prepared: Awaited<ReturnType<typeof prepare>>): MixedKind[] {
  const get = (path: string) => ({ method: "GET" as const, path, ok: 200 });
  return [
    {
      name: "public page",
      weight: 45,
      signedIn: false,
      requests: [
        get("/"),
        get("/diarium"),
        get("/organ"),
        get("/organ/kommunfullmaktige"),
        get("/diarium/STK-2024-1374"),
        get("/protokoll/kommunfullmaktige/2026/8"),
        get("/sammantraden"),
        get("/protokoll/kommunfullmaktige/2024/189"),
      ],
    },
    {
      name: "search",
      weight: 25,
      signedIn: false,
      requests: ["simhall", "detaljplan", "cykelbana Hyllie", "förskola", "STK-2024", "budget"].flatMap(
        (q) => [
          get(`/diarium?q=${encodeURIComponent(q)}`),
          get(`/api/register/search?q=${encodeURIComponent(q)}`),
        ],
      ),
    },
    {
      name: "registration",
      weight: 15,
      signedIn: true,
      requests: [
        {
          method: "POST",
          path: "/api/cases",
          json: {
            seriesCode: "STK",
            title: "Inkommen skrivelse om belysning i parken",
            openedOn: "2026-03-01",
          },
          ok: 201,
        },
      ],
    },
    {
      name: "meeting in progress",
      weight: 15,
      signedIn: true,
      requests: prepared.paragraphs.flatMap((paragraphId) => [
        {
          method: "POST" as const,
          path: "/api/motions",
          json: { paragraphId, kind: "amend", text: "Att beslutet ändras.", moverIds: [prepared.mover] },
          ok: 201,
        },
        get(`/api/meetings/${prepared.meetingId}`),
        get(prepared.meetingPage),
      ]),
    },
  ];
}

async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("paragraf_session="))!
    .split(";")[0]!;
}

/** The limit: a node:http server answering a small page, driven by the same clients in the same run. */
async function bareLimit(): Promise<KindOutcome> {
  const page = Buffer.from(`<!doctype html><title>Paragraf</title>${"<p>Paragraf</p>".repeat(200)}`);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=UTF-8", "content-length": page.length });
    res.end(page);
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const outcome = await runClients({
      base: `http://127.0.0.1:${port}`,
      cookie: "",
      clients,
      seconds: bareSeconds,
      kinds: [
        {
          name: "bare node:http",
          weight: 1,
          signedIn: false,
          requests: [{ method: "GET", path: "/", ok: 200 }],
        },
      ],
    });
    return outcome[0]!;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function runMixed(name: "server" | "pglite", serverUrl: string): Promise<MixedResult> {
  let database: Database;
  let dataDir: string | null = null;
  if (name === "server") {
    await recreateServerDatabase(serverUrl);
    database = await connect({ url: serverUrl });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "paragraf-bench-mixed-"));
    database = await connect({ dataDir });
  }
  try {
    await migrate(database);
    log(`${name}: mixed load — the Malmö example and a meeting in progress`);
    const prepared = await prepare(database);
    const server = await startServer(name, database, { slug: prepared.slug, url: serverUrl, pool: 20 });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const cookie = await logIn(base);
      const rssBeforeMb = rssMb(server.pid);
      const loadAverage = loadavg()[0]!;
      log(`  ${clients} clients for ${seconds} s`);
      const outcome = await runClients({ base, cookie, clients, seconds, kinds: kinds(prepared) });
      const rssAfterMb = rssMb(server.pid);
      for (const k of outcome)
        log(
          `    ${k.name}: ${k.requests} requests, ${k.errors} errors, ${k.perSecond.toFixed(1)}/s, p50 ${k.p50.toFixed(0)} ms, p99 ${k.p99.toFixed(0)} ms`,
        );
      log(`    RSS ${rssBeforeMb.toFixed(0)} MB before, ${rssAfterMb.toFixed(0)} MB after`);
      const bare = await bareLimit();
      log(
        `    bare node:http: ${bare.perSecond.toFixed(0)}/s, p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`,
      );
      return {
        name,
        loadAverage,
        kinds: outcome,
        bare,
        rssBeforeMb,
        rssAfterMb,
        rssOf:
          server.pid === null
            ? "the benchmark's process (PGlite's server runs in it)"
            : "the server's process",
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "–");

/** The section "Mixed load (issue 11)" of BENCHMARKS.md: from its heading to the end of the file. */
export function mixedSection(results: MixedResult[], when: string, machine: string): string {
  const lines = [
    "## Mixed load (issue 11)",
    "",
    `${clients} clients on loopback for ${seconds} s against the Malmö example (bench/mixed.ts, clients in a process of`,
    "their own: bench/mixed-clients.ts). Each request is picked by weight: public pages 45 % (start page, diarium,",
    "bodies, a case, two paragraphs of the minutes, meetings), searches 25 % (the diarium page and `GET /api/register/search`),",
    "registrations 15 % (`POST /api/cases`) and a meeting in progress 15 % (a motion put on one of its 20 paragraphs,",
    "the meeting read through the API and its page). Pages and searches are read as an anonymous visitor; the",
    "writes and the meeting are sent by a signed-in admin. The limit is a bare `node:http` server answering a 3 kB page, driven by the same",
    `clients for ${bareSeconds} s in the same run. An error is any status other than the one the request expects.`,
    "",
    `Measured ${when} on ${machine}.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.name === "server" ? "PostgreSQL server" : "PGlite (embedded)"}`,
      "",
      `Load average at the start: ${r.loadAverage.toFixed(2)}. RSS of ${r.rssOf}: ${r.rssBeforeMb.toFixed(0)} MB before, ` +
        `${r.rssAfterMb.toFixed(0)} MB after.`,
      "",
      "| kind | requests | errors | req/s | p50 ms | p99 ms |",
      "|---|---:|---:|---:|---:|---:|",
      ...[...r.kinds, r.bare].map(
        (k) =>
          `| ${k.name === "all" ? "**all**" : k.name === "bare node:http" ? "*limit: bare node:http*" : k.name} | ${k.requests} | ${k.errors} | ${k.perSecond.toFixed(1)} | ${ms(k.p50)} | ${ms(k.p99)} |`,
      ),
      "",
    );
  }
  lines.push(
    "Server, database and clients share the machine's cores; the bare server's rate is what these clients can",
    "drive at most, so the ratio between it and Paragraf's is Paragraf's own cost per request.",
    "",
  );
  return lines.join("\n");
}
