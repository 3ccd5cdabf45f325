// The page clients of the minutes benchmark, in a process of their own so that they never share an event loop with
// the server under test: `tsx bench/load.ts '<json>'` with { url, clients, seconds, maxRequests?, warmup? }. Makes
// the warm-up requests, prints "ready", waits for a line on stdin, then has `clients` clients GET the url one
// request after another until `seconds` have passed (or `maxRequests` are sent), and prints one JSON line with the
// outcome: completed requests, the rate, and the latency of each request as the client saw it (first byte sent to
// last byte read).
//
// Like bench/clients.ts it uses node:http with keep-alive rather than fetch, which costs the clients about three
// times the CPU per request on the two cores they share with the server.

import http from "node:http";
import { performance } from "node:perf_hooks";

interface Plan {
  url: string;
  clients: number;
  seconds: number;
  maxRequests?: number;
  /** Requests sent even when they take longer than `seconds`. */
  minRequests?: number;
  warmup?: number;
  /** Request headers (If-None-Match for the approved page's 304s). */
  headers?: Record<string, string>;
  /** The status a request must answer to count as no error; 200 unless told. */
  status?: number;
}

export interface LoadOutcome {
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  bytes: number;
  cpuSeconds: number;
}

const plan = JSON.parse(process.argv[2]!) as Plan;
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });

function get(url: string) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = http.get(url, { agent, headers: plan.headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode!, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

for (let i = 0; i < (plan.warmup ?? 0); i++) await get(plan.url);
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));

const latencies: number[] = [];
let sent = 0;
let errors = 0;
let bytes = 0;
let firstError: string | null = null;
const cpu = process.cpuUsage();
const t0 = performance.now();
const deadline = t0 + plan.seconds * 1000;
await Promise.all(
  Array.from({ length: plan.clients }, async () => {
    while (
      (performance.now() < deadline || sent < (plan.minRequests ?? 0)) &&
      sent < (plan.maxRequests ?? Number.POSITIVE_INFINITY)
    ) {
      sent++;
      const started = performance.now();
      try {
        const res = await get(plan.url);
        latencies.push(performance.now() - started);
        bytes = res.bytes;
        if (res.status !== (plan.status ?? 200)) {
          errors++;
          firstError ??= `status ${res.status}`;
        }
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const used = process.cpuUsage(cpu);
latencies.sort((a, b) => a - b);
const outcome: LoadOutcome = {
  requests: latencies.length,
  errors,
  firstError,
  seconds,
  perSecond: latencies.length / seconds,
  p50: percentile(latencies, 50),
  p95: percentile(latencies, 95),
  bytes,
  cpuSeconds: (used.user + used.system) / 1e6,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
agent.destroy();
process.exit(0);
