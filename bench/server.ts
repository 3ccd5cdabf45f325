// The HTTP server of the benchmark's server target, in a process of its own so that the benchmark clients do
// not share its event loop: `tsx bench/server.ts` with DATABASE_URL and BENCH_SLUG; prints "listening <port>".
// With BENCH_COUNT_QUERIES=1 it counts the SQL statements its database runs (Database.onQuery) and answers
// GET /__bench/queries with the count so far, so the benchmark can count the statements of one page request.
import { serve } from "@hono/node-server";
import pino from "pino";
import { createApp } from "../src/app/app.js";
import { connect } from "../src/db/connect.js";

const database = await connect({ url: process.env.DATABASE_URL });
const app = createApp({
  database,
  logger: pino({ level: "warn" }),
  municipalitySlug: process.env.BENCH_SLUG,
});
let queries = 0;
const counting = process.env.BENCH_COUNT_QUERIES === "1";
if (counting)
  database.onQuery(() => {
    queries++;
  });
const fetch = counting
  ? (request: Request) =>
      new URL(request.url).pathname === "/__bench/queries"
        ? new Response(String(queries))
        : app.fetch(request)
  : app.fetch;
const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
// Idle keep-alive sockets stay open longer than a client's longest wait, so no request races their closing.
(server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000;
process.on("SIGTERM", () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
