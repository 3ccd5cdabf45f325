// The clients of the mixed-load benchmark (issue 11), in a process of their own: `tsx bench/mixed-clients.ts
// '<json>'`. Waits for a line on stdin, then has `clients` clients send requests of the kinds in the plan, each
// picked by its weight, one after another until `seconds` have passed, and prints one JSON line: per kind the
// requests, errors, rate and latency percentiles. node:http with keep-alive, as bench/clients.ts.

import http from "node:http";
import { performance } from "node:perf_hooks";

export interface MixedKind {
  name: string;
  weight: number;
  /** Sent with the admin's session cookie; otherwise as an anonymous visitor. */
  signedIn: boolean;
  /** Requests cycled through in turn; a POST carries its JSON body. Statuses other than `ok` are errors. */
  requests: { method: "GET" | "POST"; path: string; json?: unknown; ok: number }[];
}

export interface MixedPlan {
  base: string;
  cookie: string;
  clients: number;
  seconds: number;
  kinds: MixedKind[];
}

export interface KindOutcome {
  name: string;
  requests: number;
  errors: number;
  firstError: string | null;
  perSecond: number;
  p50: number;
  p99: number;
}

const plan = JSON.parse(process.argv[2]!) as MixedPlan;
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });

function send(request: MixedKind["requests"][number], signedIn: boolean) {
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      plan.base + request.path,
      {
        method: request.method,
        agent,
        headers: {
          ...(signedIn ? { cookie: plan.cookie } : {}),
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const totalWeight = plan.kinds.reduce((sum, k) => sum + k.weight, 0);
const latencies = new Map(plan.kinds.map((k) => [k.name, [] as number[]]));
const errors = new Map(plan.kinds.map((k) => [k.name, 0]));
const firstErrors = new Map<string, string>();
const cursor = new Map(plan.kinds.map((k) => [k.name, 0]));
// A fixed sequence of kinds, so every run mixes them alike.
let seed = 1_107;
function pick(): MixedKind {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  let r = (seed / 2 ** 31) * totalWeight;
  for (const kind of plan.kinds) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return plan.kinds.at(-1)!;
}

process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const t0 = performance.now();
const deadline = t0 + plan.seconds * 1000;
await Promise.all(
  Array.from({ length: plan.clients }, async () => {
    while (performance.now() < deadline) {
      const kind = pick();
      const i = cursor.get(kind.name)!;
      cursor.set(kind.name, i + 1);
      const request = kind.requests[i % kind.requests.length]!;
      const started = performance.now();
      try {
        const res = await send(request, kind.signedIn);
        latencies.get(kind.name)!.push(performance.now() - started);
        if (res.status !== request.ok) {
          errors.set(kind.name, errors.get(kind.name)! + 1);
          if (!firstErrors.has(kind.name))
            firstErrors.set(
              kind.name,
              `${request.method} ${request.path}: ${res.status} ${res.text.slice(0, 200)}`,
            );
        }
      } catch (error) {
        errors.set(kind.name, errors.get(kind.name)! + 1);
        if (!firstErrors.has(kind.name)) firstErrors.set(kind.name, String(error));
      }
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const outcome: KindOutcome[] = plan.kinds.map((k) => {
  const sorted = latencies.get(k.name)!.sort((a, b) => a - b);
  return {
    name: k.name,
    requests: sorted.length,
    errors: errors.get(k.name)!,
    firstError: firstErrors.get(k.name) ?? null,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
});
const all = [...latencies.values()].flat().sort((a, b) => a - b);
outcome.push({
  name: "all",
  requests: all.length,
  errors: [...errors.values()].reduce((a, b) => a + b, 0),
  firstError: null,
  perSecond: all.length / seconds,
  p50: percentile(all, 50),
  p99: percentile(all, 99),
});
process.stdout.write(`${JSON.stringify(outcome)}\n`);
agent.destroy();
process.exit(0);
