// The portal benchmark of issue 15, run by `npm run bench` after the minutes (BENCH_ONLY=portal runs only this).
// On the PostgreSQL server it builds the minutes benchmark's council meeting of 60 paragraphs through the use cases
// (bench/minutes-data.ts) in a database of its own, starts Paragraf in a process of its own (bench/server.ts) and
// measures four public pages with 50 concurrent clients: one paragraph, the meeting at its readable address, the
// notice board and an OParl list page of 100 agenda items. Beside each, the limit: a bare node:http server
// with pg that runs the page's principal query (the one that finds what the page is about) on every request and
// answers the same bytes, measured with the same clients in the same run.

import http from "node:http";
import { loadavg } from "node:os";
import pg from "pg";
import { connect, type Database } from "../src/db/connect.js";
import { migrate } from "../src/db/migrate.js";
import type { LoadOutcome } from "./load.js";
import { runLoad } from "./minutes.js";
import { buildMinutes, minutesSlug, paragraphsPerMeeting } from "./minutes-data.js";
import { log, recreateServerDatabase, startServer } from "./support.js";

export const portalClients = 50;
export const portalSeconds = Number(process.env.BENCH_PORTAL_SECONDS ?? 10);
const pool = 20;

export interface PortalPage {
  label: string;
  path: string;
  bytes: number;
  load: LoadOutcome;
  bare: LoadOutcome;
  query: string;
}

export interface PortalResult {
  database: string;
  loadAverage: number;
  pages: PortalPage[];
}

/** A node:http server that runs `query` with pg on every request and then answers the page's bytes. */
async function bareServer(url: string, page: Buffer, contentType: string, query: string, params: unknown[]) {
  const db = new pg.Pool({ connectionString: url, max: pool });
  const server = http.createServer((_req, res) => {
    db.query(query, params).then(
      () => {
        res.writeHead(200, { "content-type": contentType, "content-length": page.length });
        res.end(page);
      },
      (error) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await db.end();
    },
  };
}

/** Runs the portal benchmark on the server database at `url` (dropped and created). */
export async function runPortal(url: string): Promise<PortalResult> {
  await recreateServerDatabase(url);
  const database: Database = await connect({ url });
  try {
    await migrate(database);
    log(
      `server: portal — building a council meeting of ${paragraphsPerMeeting} paragraphs through the use cases`,
    );
    const data = await buildMinutes(database, log);
    const server = await startServer("server", database, { slug: minutesSlug, url, pool });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const readable = (
        await fetch(`${base}/sammantraden/${data.meetingId}`, { redirect: "manual" })
      ).headers.get("location")!;
      const [, slug, day] = /^\/sammantraden\/([^/]+)\/(\d{4}-\d{2}-\d{2})/.exec(readable)!;
      const [, pslug, year, number] = /^\/protokoll\/([^/]+)\/(\d+)\/(\d+)$/.exec(data.paragraphPath)!;
      const pages = [
        {
          label: "one paragraph",
          path: data.paragraphPath,
          query:
            "SELECT * FROM paragraph p JOIN body b ON b.id = p.body_id JOIN meeting m ON m.id = p.meeting_id JOIN agenda_item a ON a.id = p.agenda_item_id JOIN register_case c ON c.id = a.case_id WHERE p.municipality_id = $1 AND b.slug = $2 AND p.year = $3 AND p.number = $4",
          params: [data.municipalityId, pslug, Number(year), Number(number)],
        },
        {
          label: `the meeting (${paragraphsPerMeeting} §§)`,
          path: readable,
          query:
            "SELECT * FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.municipality_id = $1 AND b.slug = $2 AND m.held_on = $3",
          params: [data.municipalityId, slug, day],
        },
        {
          label: "the notice board",
          path: "/anslagstavla",
          query:
            "SELECT * FROM notice n WHERE n.municipality_id = $1 AND n.taken_down_at IS NULL ORDER BY n.posted_on DESC, n.created_at DESC LIMIT 200",
          params: [data.municipalityId],
        },
        {
          label: "OParl list, 100 agenda items",
          path: `/oparl/v1.1/body/${data.municipalityId}/agendaitems?limit=100`,
          query:
            "SELECT * FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id JOIN register_case c ON c.id = a.case_id LEFT JOIN paragraph p ON p.agenda_item_id = a.id WHERE a.municipality_id = $1 ORDER BY a.id LIMIT 101",
          params: [data.municipalityId],
        },
      ];
      const loadAverage = loadavg()[0]!;
      const results: PortalPage[] = [];
      for (const p of pages) {
        const res = await fetch(base + p.path);
        if (res.status !== 200) throw new Error(`${p.path}: ${res.status}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        log(`  ${p.label}: ${bytes.length} bytes`);
        const load = await runLoad({
          url: base + p.path,
          clients: portalClients,
          seconds: portalSeconds,
          warmup: 5,
        });
        log(
          `    Paragraf, ${portalClients} clients: ${load.perSecond.toFixed(0)}/s, p95 ${load.p95.toFixed(1)} ms, ${load.errors} errors`,
        );
        const bare = await bareServer(
          url,
          bytes,
          res.headers.get("content-type") ?? "text/html",
          p.query,
          p.params,
        );
        const limit = await runLoad({
          url: `http://127.0.0.1:${bare.port}/`,
          clients: portalClients,
          seconds: portalSeconds,
          warmup: 5,
        }).finally(() => bare.stop());
        log(`    bare node:http + pg: ${limit.perSecond.toFixed(0)}/s, p95 ${limit.p95.toFixed(1)} ms`);
        results.push({
          label: p.label,
          path: p.path,
          bytes: bytes.length,
          load,
          bare: limit,
          query: p.query,
        });
      }
      const version = await database.exclusive(
        async (exec) => ((await exec("SELECT version() AS v")) as { v: string }[])[0]!.v,
      );
      return { database: version.split(" on ")[0]!, loadAverage, pages: results };
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
  }
}

/** The section "Portal (issue 15)" of BENCHMARKS.md. */
export function portalSection(r: PortalResult, when: string, machine: string): string {
  const lines = [
    "## Portal (issue 15)",
    "",
    "The portal benchmark (`BENCH_ONLY=portal npm run bench`; bench/portal.ts). On the PostgreSQL server it builds",
    `the minutes benchmark's council meeting of ${paragraphsPerMeeting} paragraphs through the use cases, then measures four public`,
    `pages as an anonymous visitor with ${portalClients} concurrent clients for ${portalSeconds} s each (bench/load.ts, node:http with`,
    "keep-alive, in a process of their own; Paragraf in another, bench/server.ts, with a pool of",
    `${pool} connections). The limit beside each page: a bare \`node:http\` server with a \`pg\` pool of the same size that`,
    "runs the page's principal query (below) on every request and answers the same bytes, measured with the same",
    "clients in the same run. The issue's aim is at least half of the limit.",
    "",
    "Pages are served as an installation serves them, with the page cache on (src/http/page-cache.ts): after a page's",
    "first request, an anonymous visitor's copy is served again while the data is unchanged.",
    "",
    `Last run: ${when} on ${machine}; ${r.database}. Load average (1 minute) at the start: ${r.loadAverage.toFixed(1)}.`,
    "",
    `| page | bytes | Paragraf req/s | p95 ms | bare node:http + pg req/s | p95 ms | Paragraf / limit | aim ≥ 0.5 |`,
    "|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const p of r.pages) {
    const ratio = p.load.perSecond / p.bare.perSecond;
    lines.push(
      `| ${p.label} | ${p.bytes.toLocaleString("sv-SE")} | ${p.load.perSecond.toFixed(0)} | ${p.load.p95.toFixed(1)} | ` +
        `${p.bare.perSecond.toFixed(0)} | ${p.bare.p95.toFixed(1)} | ${ratio.toFixed(2)} | ${ratio >= 0.5 ? "met" : "**not met**"} |`,
    );
  }
  const errors = r.pages.reduce((n, p) => n + p.load.errors + p.bare.errors, 0);
  lines.push("", `Failed requests: ${errors}.`, "", "The principal queries the limit runs:", "");
  for (const p of r.pages) lines.push(`- ${p.label} (\`${p.path}\`): \`${p.query}\``);
  lines.push(
    "",
    "The limit runs one statement where Paragraf runs all of a page's reads (the minutes read model's statements for",
    "a paragraph or a meeting, the session and municipality lookups) and renders the page; the ratio says what the",
    "whole of that costs beside the cheapest server that still asks the database once.",
    "",
  );
  return lines.join("\n");
}
