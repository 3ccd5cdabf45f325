import { sql } from "drizzle-orm";
import fc from "fast-check";
import { systemActor } from "../../src/accounts/actor.js";
import type { Database } from "../../src/db/connect.js";
import { inTransaction } from "../../src/db/transaction.js";
import { loadExample } from "../../src/example/load-example.js";
import { findFirstMunicipality } from "../../src/organisation/queries.js";
import { isolatedDatabase } from "../support/db.js";
import { buildUser } from "../support/factories.js";
import { Client, testApp } from "../support/http.js";

// What the fuzz tests share: an installation of their own with the Malmö example, an admin, a fingerprint of
// every table to tell whether a request wrote, and the hostile values they send.

/** The marker the HTML payloads carry, so a reflection of one is found in any page. */
export const scriptMarker = "<script>alert('paragraf-fuzz')</script>";

const hugeText = "x".repeat(200_000);

/** Strings that have broken something somewhere, by kind: each kind is sent as often as any other. */
export const hostileStringKinds: Record<string, string[]> = {
  nul: ["\u0000", "a\u0000b", "%00"],
  surrogate: ["\ud800", "x\udfffy", "\udc00\ud800"],
  markup: [scriptMarker, `"><img src=x onerror=alert(1)>${scriptMarker}`, `</textarea>${scriptMarker}`],
  sql: ["' OR 1=1 --", "'; DROP TABLE register_case; --", "\\", "%", "_%", "$1"],
  size: [hugeText, "ä".repeat(20_000), "🏛️".repeat(5_000), "", " "],
  unicode: ["\u202e\ufeff\u200d\u0301", "\uffff\ufffe", "\r\n\t\u000b\u000c", "𝔓𝔞𝔯𝔞𝔤𝔯𝔞𝔣", "ǅ\u0130\u0131ß"],
  encoding: ["%ZZ", "%", "%E0%A4%A", "%ED%A0%80", "../../etc/passwd", "a/b?c#d"],
  number: ["-1", "0", "99999999999999999999", "1e999", "NaN", "2147483648", "-2147483649", "0x10", "1.5"],
  date: [
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2200-01-01",
    "2026-02-30",
    "2026-13-01",
    "10000-01-01",
    "+275760-09-13",
    "2026-01-01T25:61:00+01:00",
    "2026-06-01T10:00:00+99:00",
  ],
  id: ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "ffffffff-ffff-ffff-ffff-ffffffffffff0"],
};

export const hostileStrings = Object.values(hostileStringKinds).flat();

/** Values of the wrong type, and numbers at and past every limit. */
export const hostileValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  [],
  {},
  [null],
  { "": "" },
  JSON.parse('{"__proto__":{"admin":true}}'),
  [[[[[[[[[[[[]]]]]]]]]]]],
];

export const hostileString = fc.oneof(
  ...Object.values(hostileStringKinds).map((kind) => fc.constantFrom(...kind)),
);
export const hostileValue = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...hostileValues) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) }),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** Raw bodies that are not JSON, or JSON that is not what anyone expects. */
export const malformedJsonBodies = [
  "{",
  "{inte json",
  '{"a":}',
  "[1,2,",
  '"\\ud800"',
  '{"a":"\\u0000"}',
  "\u0000",
  "null",
  "[]",
  "1e999999",
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`,
  "\ufeff{}",
  '{"__proto__":{"polluted":true}}',
];

export interface FuzzInstallation {
  database: Database;
  app: ReturnType<typeof testApp>["app"];
  admin: { email: string; password: string };
  /** A client signed in as the admin; signs in again (and says so) if a request ended its session. */
  signedIn(): Promise<{ client: Client; fresh: boolean }>;
  /** After a response that changed or ended the admin's session (a sign-in, a sign-out): sign in anew next time. */
  noteSession(res: Response): void;
  /** Real ids for a field or resource name ("bodyId", "cases"): of the table it names, else of any table. */
  idsFor(name: string): string[];
}

/** A database of the test's own with the Malmö example, an admin, and the app over it. */
export async function fuzzInstallation(): Promise<FuzzInstallation> {
  const database = await isolatedDatabase();
  await inTransaction(database.db, (tx) => loadExample(tx));
  const m = await inTransaction(database.db, (tx) => findFirstMunicipality(tx));
  if (!m) throw new Error("the example loaded no municipality");
  const { app } = testApp(database, m.slug);
  const admin = await buildUser(database, systemActor(m.id, "Fuzz"));
  let client: Client | null = null;
  const ids = await idsByTable(database);
  await createFingerprint(database);
  return {
    database,
    app,
    admin,
    idsFor: (name) => {
      const term = name.replace(/Ids?$/, "").replace(/ies$/, "y").replace(/s$/, "").toLowerCase();
      const table = [...ids.keys()]
        .filter((t) => term.endsWith(t.replaceAll("_", "")) || t.endsWith(term))
        .sort((a, b) => b.length - a.length)[0];
      return (table && ids.get(table)) || [...ids.values()].flat();
    },
    noteSession(res) {
      if (res.status === 401 || res.headers.getSetCookie().some((c) => c.startsWith("paragraf_session=")))
        client = null;
    },
    async signedIn() {
      if (client?.cookieHeader().includes("paragraf_session=")) return { client, fresh: false };
      client = new Client(app);
      await client.logIn(admin.email, admin.password);
      return { client, fresh: true };
    },
  };
}

type Rows<T> = { rows: T[] };

async function tableNames(database: Database): Promise<string[]> {
  const result = (await database.db.execute(
    sql`select tablename from pg_tables where schemaname = current_schema() order by tablename`,
  )) as unknown as Rows<{ tablename: string }>;
  return result.rows.map((r) => r.tablename);
}

async function idsByTable(database: Database): Promise<Map<string, string[]>> {
  const tables = (await database.db.execute(
    sql`select table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' and data_type = 'uuid'`,
  )) as unknown as Rows<{ table_name: string }>;
  const ids = new Map<string, string[]>();
  for (const { table_name } of tables.rows) {
    const result = (await database.db.execute(
      sql.raw(`select id::text as id from "${table_name}" limit 40`),
    )) as unknown as Rows<{ id: string }>;
    if (result.rows.length > 0)
      ids.set(
        table_name,
        result.rows.map((r) => r.id),
      );
  }
  return ids;
}

// Tables a request may change without being a write of a record: a sign-in's session, the login throttle, and the
// kept PDF/A and DOCX of approved minutes, which a download fills the first time (src/documents/keep.ts).
const bookkeeping = new Set(["user_session", "login_throttle", "schema_migration", "kept_document"]);

/**
 * Creates, in the test's own database, a function that returns every table's row count and the sum of its rows'
 * transaction ids. A row written (inserted or updated) gets the writing transaction's id as its xmin; a deleted
 * one lowers the count. PL/pgSQL keeps the statement's plan, so a fingerprint costs the scans only: planning the
 * fifty subqueries anew each time took longer than the request being checked.
 */
async function createFingerprint(database: Database) {
  const tables = (await tableNames(database)).filter((t) => !bookkeeping.has(t));
  const pairs = tables.map(
    (t) => `'${t}', (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from "${t}")`,
  );
  // A function takes at most 100 arguments: build the object in parts of 40 tables.
  const parts: string[] = [];
  for (let i = 0; i < pairs.length; i += 40)
    parts.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(", ")})`);
  await database.exec(`
    create function fuzz_fingerprint() returns jsonb language plpgsql as $$
    begin
      return ${parts.join(" || ")};
    end $$`);
}

/** Every table's row count and the sum of its rows' transaction ids. */
export async function fingerprint(database: Database): Promise<Map<string, string>> {
  const result = (await database.db.execute(sql`select fuzz_fingerprint()::text as f`)) as unknown as Rows<{
    f: string;
  }>;
  return new Map(Object.entries(JSON.parse(result.rows[0]!.f) as Record<string, string>));
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}

export interface Finding {
  request: string;
  status: number;
  problem: string;
}

/**
 * What must hold for any request: no 5xx; a refusal (4xx) wrote nothing; a write that changed a record wrote
 * its audit entry; an HTML answer does not carry the script payload unescaped.
 */
export async function judge(
  database: Database,
  request: string,
  before: Map<string, string>,
  res: Response,
): Promise<{ findings: Finding[]; after: Map<string, string> }> {
  const findings: Finding[] = [];
  const body = await res.text();
  const after = await fingerprint(database);
  const changed = changedTables(before, after);
  const note = (problem: string) => findings.push({ request, status: res.status, problem });
  if (res.status >= 500) note(`server error: ${body.slice(0, 300)}`);
  if (res.status >= 400 && changed.length > 0) note(`refused but wrote to ${changed.join(", ")}`);
  if (res.status < 400 && changed.length > 0 && !changed.includes("audit_entry"))
    note(`wrote to ${changed.join(", ")} without an audit entry`);
  if ((res.headers.get("content-type") ?? "").includes("html") && body.includes(scriptMarker))
    note("reflected the script payload unescaped in HTML");
  return { findings, after };
}

/** A short, printable description of a request for a finding. */
export function describe(method: string, path: string, body?: string): string {
  const shown = (text: string) =>
    JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}… (${text.length} tecken)` : text);
  return `${method} ${shown(path)}${body === undefined ? "" : ` ${shown(body)}`}`;
}
