// The registration clients of `npm run bench`, in a process of their own so that they never share an event loop
// with the server under test (PGlite's server lives in the benchmark's process). `tsx bench/clients.ts '<json>'`
// with { base, cookies, total, bodyIds, openedOn }: logs in nothing, waits for a line on stdin, then has one
// client per cookie post registrations until `total` are sent, and prints one JSON line with the outcome.
//
// The clients use node:http with keep-alive rather than fetch: they share the two cores with the server and the
// database, and fetch costs them about three times the CPU per request (measured: 2.4 s against 0.8 s for 4000
// registrations), which the server would otherwise lose.

import http from "node:http";
import { performance } from "node:perf_hooks";

interface Plan {
  base: string;
  cookies: string[];
  total: number;
  bodyIds: string[];
  openedOn: string;
}

export interface ClientsOutcome {
  sent: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  cpuSeconds: number;
}

const plan = JSON.parse(process.argv[2]!) as Plan;
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.cookies.length });

/** POSTs JSON with a session cookie over a kept-alive connection; resolves with the status and the body text. */
function post(url: string, cookie: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), cookie },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));

let sent = 0;
let errors = 0;
let firstError: string | null = null;
const cpu = process.cpuUsage();
const t0 = performance.now();
await Promise.all(
  plan.cookies.map(async (cookie, client) => {
    while (sent < plan.total) {
      sent++;
      const res = await post(`${plan.base}/api/cases`, cookie, {
        seriesCode: "BENCH",
        title: `Inkommen skrivelse om cykelbana i Hyllie (klient ${client})`,
        responsibleBodyId: plan.bodyIds[client % plan.bodyIds.length],
        openedOn: plan.openedOn,
      });
      if (res.status !== 201) {
        errors++;
        firstError ??= `${res.status} ${res.body}`;
      }
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const used = process.cpuUsage(cpu);
const outcome: ClientsOutcome = {
  sent,
  errors,
  firstError,
  seconds,
  cpuSeconds: (used.user + used.system) / 1e6,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
agent.destroy();
process.exit(0);
