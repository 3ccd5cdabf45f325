// What the benchmarks of `npm run bench` share: the log line, percentiles, a fresh server database, and the HTTP
// server under test (in a process of its own for the server target, in the benchmark's process for PGlite).

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import pg from "pg";
import pino from "pino";
import { createApp } from "../src/app/app.js";
import type { Database } from "../src/db/connect.js";

export function log(message: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Drops and creates the server database of a URL (its name must be plain: a–z, digits, underscore). */
export async function recreateServerDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  target.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

export interface ServerOptions {
  slug: string;
  /** The server database (server target). */
  url: string;
  /** Connections in the server process's pool (server target). */
  pool: number;
  /** Serve GET /__bench/queries with the number of SQL statements run so far (server target, bench/server.ts). */
  countQueries?: boolean;
  /** Keep anonymous pages while the data is unchanged (src/http/page-cache.ts); on unless false. */
  pageCache?: boolean;
}

/**
 * The HTTP server under test. For the server target it runs in a child process (bench/server.ts), as it would in
 * production; PGlite is embedded, so its server runs in the benchmark's process. The benchmark's clients run in
 * a process of their own in both cases (bench/clients.ts, bench/load.ts).
 */
export async function startServer(name: "server" | "pglite", database: Database, options: ServerOptions) {
  if (name === "pglite") {
    const app = createApp({
      database,
      logger: pino({ level: "warn" }),
      municipalitySlug: options.slug,
      pageCache: options.pageCache ?? true,
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000;
    await new Promise((resolve) => server.once("listening", resolve));
    return {
      port: (server.address() as { port: number }).port,
      pid: null,
      stop: async () => {
        server.close();
      },
    };
  }
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROFILE
        ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_SERVER_PROFILE]
        : []),
      "--import",
      "tsx",
      fileURLToPath(new URL("./server.ts", import.meta.url)),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.url,
        BENCH_SLUG: options.slug,
        PARAGRAF_DB_POOL: String(options.pool),
        BENCH_COUNT_QUERIES: options.countQueries ? "1" : "",
        PARAGRAF_PAGE_CACHE: options.pageCache === false ? "0" : "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(String(chunk));
      if (match) resolve(Number(match[1]));
    });
  });
  return {
    port,
    pid: child.pid ?? null,
    stop: async () => {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Runs load clients (a script beside this file) in a process of their own, so they don't share the server's
 * event loop: the child says "ready", is told "go", and answers with one line of JSON, what it measured.
 */
export async function runClientProcess<T>(script: string, plan: unknown): Promise<T> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL(script, import.meta.url)), JSON.stringify(plan)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`bench clients ${script} exited with ${code}`)));
    });
  if ((await next()) !== "ready") throw new Error(`bench clients ${script} did not start`);
  child.stdin!.write("go\n");
  const outcome = JSON.parse(await next()) as T;
  lines.close();
  return outcome;
}
