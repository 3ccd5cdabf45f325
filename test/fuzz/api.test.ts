import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takesFiles } from "../../src/http/hostile-input.js";
import { Client } from "../support/http.js";
import { OpenApi, type Operation } from "../support/openapi.js";
import { percentEncodeAny } from "../support/percent-encode.js";
import {
  describe as describeRequest,
  type Finding,
  type FuzzInstallation,
  fingerprint,
  fuzzInstallation,
  hostileString,
  hostileValue,
  judge,
  malformedJsonBodies,
} from "./support.js";

// Issue 11, part 6: every operation in the OpenAPI document is sent hostile requests, signed in as an admin and
// anonymously. A new route is fuzzed as soon as it is in the document, without a line of test code.

const seed = 20_260_811;
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 8);

let installation: FuzzInstallation;
let api: OpenApi;

beforeAll(async () => {
  installation = await fuzzInstallation();
  api = new OpenApi(await (await installation.app.request("/api/openapi.json")).json(), installation.idsFor);
  const { client } = await installation.signedIn();
  for (const op of api.operations())
    if (op.method === "GET" && !op.path.includes("{")) api.harvest(await (await client.get(op.path)).json());
});
afterAll(() => installation?.database.close());

type Gen = fc.GeneratorValue;

/** Every place in a value, as a path of keys, so one can be replaced with something hostile. */
function places(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const found = [at];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) found.push(...places(v, [...at, i]));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) found.push(...places(v, [...at, k]));
  return found;
}

function replaceAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[at[0]!] = replaceAt(copy[at[0]!], at.slice(1), replacement);
  return copy;
}

const encode = percentEncodeAny;

/**
 * One request: plausible everywhere but in one target — a path parameter, a query parameter, the body's fields or
 * the body as a whole — so the hostile value gets past every other check and as far into the code as it can.
 */
function requestFor(g: Gen, op: Operation): { path: string; body: string | undefined } {
  const targets = [
    ...op.parameters.map((p) => p.name),
    ...(op.body ? ["body", "body", "body", "body:whole", "body:malformed"] : []),
    ...(op.method !== "GET" && !op.body ? ["body:malformed"] : []),
    "none",
  ];
  const target = g(fc.constantFrom, ...targets);
  const hostileText = () => String(g(() => hostileString));
  let path = op.path;
  const query: string[] = [];
  for (const p of op.parameters) {
    const resource = p.in === "path" ? op.path.split(`/{${p.name}}`)[0]!.split("/").pop()! : p.name;
    if (p.in === "query" && target !== p.name && g(fc.boolean)) continue;
    const value = target === p.name ? hostileText() : String(api.plausible(g, p.schema, 0, resource));
    // Now and then unencoded, as a careless client sends it.
    const sent = target === p.name && g(fc.nat, 5) === 0 ? value.replace(/[&#?/]/g, "") : encode(value);
    if (p.in === "path") path = path.replace(`{${p.name}}`, sent);
    else query.push(`${p.name}=${sent}`);
  }
  if (query.length > 0) path = `${path}?${query.join("&")}`;
  if (target === "body:malformed") return { path, body: g(fc.constantFrom, ...malformedJsonBodies) };
  if (!op.body) return { path, body: undefined };
  if (target === "body:whole") return { path, body: JSON.stringify(g(() => hostileValue)) };
  let value = api.plausible(g, op.body);
  if (target === "body") {
    // One value mostly, sometimes several; leaves mostly, since a hostile string where a string goes gets furthest.
    for (let i = 0, n = g(fc.nat, 3) === 0 ? 3 : 1; i < n; i++) {
      const all = places(value);
      const leaves = all.filter((at) => typeof at.reduce((v: any, k) => v?.[k], value) !== "object");
      const at = g(fc.constantFrom, ...(leaves.length > 0 && g(fc.nat, 4) > 0 ? leaves : all));
      value = replaceAt(value, at, g(fc.nat, 2) > 0 ? g(() => hostileString) : g(() => hostileValue));
    }
    if (g(fc.nat, 5) === 0 && value && typeof value === "object" && !Array.isArray(value))
      value = { ...value, okäntFält: g(() => hostileValue) };
  }
  return { path, body: JSON.stringify(value) };
}

describe("hostile requests to every API operation", () => {
  it("never answer 5xx, never write on a refusal, always audit a write, never reflect a script", async () => {
    const findings: Finding[] = [];
    const ops = api.operations();
    expect(ops.length).toBeGreaterThan(50);
    // An operation that takes a file in base64 must be one of the routes with the file limit.
    const takingFiles = ops.filter(
      (op) =>
        op.body &&
        JSON.stringify(op.body, (k, v) => (k === "$ref" ? api.resolve({ $ref: v }) : v)).includes(
          "contentBase64",
        ),
    );
    expect(takingFiles.map((op) => op.path)).toContain("/api/records/{id}/files");
    for (const op of takingFiles) expect(takesFiles(op.path.replace(/\{\w+\}/g, "x")), op.path).toBe(true);
    let sent = 0;
    const statuses = new Map<number, number>();
    const started = performance.now();
    let before = await fingerprint(installation.database);
    for (const [index, op] of ops.entries()) {
      await fc.assert(
        fc.asyncProperty(fc.gen(), fc.nat(3), async (g, who) => {
          const { path, body } = requestFor(g, op);
          let client = new Client(installation.app);
          if (who > 0) {
            const admin = await installation.signedIn();
            client = admin.client;
            if (admin.fresh) before = await fingerprint(installation.database);
          }
          const headers: Record<string, string> = { "x-forwarded-for": client.address };
          if (client.cookieHeader()) headers.cookie = client.cookieHeader();
          if (body !== undefined) headers["content-type"] = "application/json";
          const res = await installation.app.request(path, { method: op.method, headers, body });
          sent++;
          if (who > 0) installation.noteSession(res);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const request = `${who === 0 ? "anonym" : "admin"} ${describeRequest(op.method, path, body)}`;
          if (process.env.FUZZ_LOG) console.log(res.status, request.slice(0, 200));
          const judged = await judge(installation.database, request, before, res);
          findings.push(...judged.findings);
          before = judged.after;
        }),
        // More runs where there are more places to put something hostile.
        { seed: seed + index, numRuns: Math.round(runsPerOperation * (1 + op.parameters.length / 4)) },
      );
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.info(
      `API fuzz: ${sent} requests to ${ops.length} operations in ${seconds} s (${tally.join(", ")})`,
    );
    expect(findings).toEqual([]);
  }, 600_000);
});
