// The architecture check run by `npm run lint`: every import in src/ must be one that the table of rules below
// allows, and ARCHITECTURE.md must show that same table. esbuild reads the import graph (it parses .ts and .tsx
// and resolves paths exactly as the build does); see docs/decisions/0007-architecture-check.md for why this is not
// dependency-cruiser.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

/** A part of the code: a folder of src/, one file's group, or the tables.ts files of a capability. */
interface Part {
  name: string;
  what: string;
  /** Parts this part may import. A capability name allows all of it; "x/tables" only its tables.ts. */
  mayImport: string[];
}

const capabilities = [
  "accounts",
  "audit",
  "organisation",
  "register",
  "assignments",
  "consultations",
  "meetings",
  "jobs",
  "mail",
  "dispatch",
  "reports",
  "documents",
  "areas",
  "reserves",
  "approval",
] as const;

export const parts: Part[] = [
  { name: "domain", what: "pure rules: the law as code (`law/`), numbering, secrecy (OSL), a decision's citation, Swedish grammar, the Stockholm clock, body kinds, id formats; no I/O", mayImport: [] },
  { name: "config", what: "`src/config.ts`: settings read from the environment", mayImport: [] },
  { name: "db", what: "connection (PGlite or a PostgreSQL server), migrations, transactions, prepared statements, the schema index", mayImport: ["domain", ...capabilities.map((c) => `${c}/tables`), "portal/tables"] },
  { name: "http", what: "the kit every capability builds on: request context, error table, forms and `formRoute`, layout, page helpers, OpenAPI pieces, validation, session cookies and CSRF, body limits and hostile-input refusal (ZIP containers and PDF streams inflated within a limit before anything reads them), security headers, the cross-site guard", mayImport: ["domain", "db", "accounts/actor"] },
  { name: "accounts", what: "accounts, argon2 passwords, sessions, API tokens, login throttling, roles and the permission policy", mayImport: ["domain", "db", "http", "audit", "organisation"] },
  { name: "audit", what: "the audit trail written in every write's transaction; the page that shows a record's trail", mayImport: ["domain", "db", "http", "accounts"] },
  { name: "organisation", what: "municipalities and their host names, bodies, parties, persons, memberships, officials (M1), and their limits (seats, one chair, one council)", mayImport: ["domain", "db", "http", "audit", "accounts"] },
  { name: "register", what: "the diarium (M2, X6): number series, cases, records, files by SHA-256, secrecy-aware Swedish search", mayImport: ["domain", "config", "db", "http", "audit", "accounts", "organisation", "meetings/tables", "dispatch/tables", "dispatch/read-dispatch", "dispatch/section"] },
  { name: "meetings", what: "meetings (M7), minutes (M8), decision routes (M6); the minutes read model; the secretary's pages; the proposal a signed report gives an agenda item", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "reports/tables", "dispatch/read-dispatch", "dispatch/section"] },
  { name: "assignments", what: "assignments (M3) and the decision references they and consultations cite", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "meetings/tables"] },
  { name: "consultations", what: "consultations (M4): consultees, questions, answers, reminders, compilation; the letters they mail", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "assignments", "jobs", "mail"] },
  { name: "jobs", what: "the outbox, claiming with SKIP LOCKED, retries, the worker loop and its handler assembly (pending signatures collected with the process's signing provider)", mayImport: ["domain", "db", "mail", "consultations/notify", "dispatch/send", "dispatch/after-approval", "reserves/notify", "approval/jobs", "approval/signing", "approval/signing-jobs", "reports/signing-jobs", "portal/notify"] },
  { name: "dispatch", what: "dispatch (expediering, M11): a decision's extract to every recipient by e-mail through the outbox or internally, each an outgoing record; status per recipient; resends and bounces; when a paragraph may be dispatched (`ready.ts`)", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "meetings", "jobs", "mail", "approval"] },
  { name: "reports", what: "official reports (M5): templates per municipality and body, versions, sections filled from the case's data, images with alt text, signing through approval's SigningProvider with the SHA-256 of what was read, a pending signature collected by a job", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "meetings", "consultations", "jobs", "approval/signing", "approval/signing-jobs"] },
  { name: "documents", what: "documents (M15) as blocks from presented values, rendered to HTML, PDF/A-2a (tagged, fonts embedded, images as Figures with Alt) and DOCX; the downloads; approved minutes' files kept by hash", mayImport: ["domain", "db", "http", "accounts", "register", "meetings", "reports"] },
  { name: "mail", what: "SMTP through nodemailer, delivery once per job and recipient", mayImport: ["domain", "db", "jobs"] },
  { name: "areas", what: "the municipality's areas (Malmö's districts) for targeting and reporting call-offs", mayImport: ["domain", "db", "http", "audit", "accounts"] },
  { name: "reserves", what: "reserves (M12) with their append-only ledger and its reversals, call-offs, payments, follow-up (M13): indicators, reports, progress, the municipality's follow-up calendar, question rounds, reminders, CSV/XLSX in and out (import by external id), the public dashboard /uppfoljning with SVG charts", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "assignments", "consultations", "areas", "jobs", "mail"] },
  { name: "approval", what: "approval of the minutes (M9): approvers, frozen versions and their SHA-256, signing through a SigningProvider (Paragraf's own, or a signing service over HTTP) and the jobs that collect pending signatures, the lock; the notice board and its Atom feed (M10); legal force and appeals", mayImport: ["domain", "db", "http", "audit", "accounts", "organisation", "register", "meetings", "jobs"] },
  { name: "portal", what: "the public portal and open data (M14, X1, X2, X9): OParl 1.1, decisions as Popolo JSON and bulk files, iCalendar and Atom feeds, e-mail subscriptions, readable meeting addresses, member pages, the review list of masked personal data and of free text on secret cases (`/granskning`)", mayImport: ["domain", "config", "db", "http", "accounts", "organisation", "register", "meetings", "jobs", "mail", "approval/job-kinds", "documents/file-name"] },
  { name: "example", what: "the Malmö example, loaded through the same use cases as the API", mayImport: ["domain", "db", ...capabilities] },
  { name: "app", what: "the assembly: the Hono app with every capability's routes and pages, the session middleware (cookie or API token, municipality by host), the start page, the API reference", mayImport: ["domain", "config", "db", "http", ...capabilities, "portal"] },
  { name: "entry", what: "`src/main.ts`, `boot.ts`, `cli.ts`: the process entry points", mayImport: ["domain", "config", "db", "http", "app", "example", ...capabilities] },
];

const entryFiles = new Set(["src/main.ts", "src/boot.ts", "src/cli.ts"]);

/** The part a source file belongs to, and its finer name (for "x/tables" and "accounts/actor"). */
function partOf(file: string): { part: string; fine: string } | null {
  if (entryFiles.has(file)) return { part: "entry", fine: "entry" };
  if (file === "src/config.ts") return { part: "config", fine: "config" };
  const m = /^src\/([^/]+)\/(.*)$/.exec(file);
  if (!m) return null;
  const [, folder, rest] = m as unknown as [string, string, string];
  const stem = rest.replace(/\.(ts|tsx)$/, "");
  return { part: folder, fine: `${folder}/${stem}` };
}

function allowed(from: string, to: { part: string; fine: string }): boolean {
  if (from === to.part) return true;
  const rule = parts.find((p) => p.name === from);
  if (!rule) return false;
  return rule.mayImport.some((a) => a === to.part || a === to.fine);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The table ARCHITECTURE.md shows between its markers, made from the rules above. */
export function rulesTable(): string {
  const rows = parts.map((p) => `| \`${p.name}\` | ${p.what} | ${p.mayImport.map((x) => `\`${x}\``).join(", ") || "–"} |`);
  return ["| part | what lives there | may import |", "|---|---|---|", ...rows].join("\n");
}

async function main() {
  const files = sourceFiles(join(root, "src"));
  const result = await build({
    entryPoints: files,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outdir: "/tmp/paragraf-architecture-check",
    logLevel: "silent",
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
  });
  const problems: string[] = [];
  const unknownParts = new Set<string>();
  for (const [input, info] of Object.entries(result.metafile.inputs)) {
    const from = partOf(relative(root, join(root, input)));
    if (!from) continue;
    if (!parts.some((p) => p.name === from.part)) unknownParts.add(from.part);
    for (const imp of info.imports) {
      if (imp.external) continue;
      const to = partOf(relative(root, join(root, imp.path)));
      if (!to) continue;
      if (!allowed(from.part, to)) problems.push(`${input} imports ${imp.path}: ${from.part} may not import ${to.fine}`);
    }
  }
  // esbuild drops imports used only as types before it builds the graph; a type is still a dependency.
  for (const file of files) {
    const from = partOf(relative(root, file));
    if (!from) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import\s+type\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
      const target = relative(root, join(dirname(file), m[1] ?? "")).replace(/\.js$/, ".ts");
      const to = partOf(target);
      if (to && !allowed(from.part, to))
        problems.push(`${relative(root, file)} imports type from ${m[1]}: ${from.part} may not import ${to.fine}`);
    }
  }
  for (const u of unknownParts) problems.push(`src/${u} is not in the table of tools/check-architecture.ts`);
  const architecture = readFileSync(join(root, "ARCHITECTURE.md"), "utf8");
  const shown = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(architecture)?.[1];
  if (shown?.trim() !== rulesTable()) {
    problems.push("ARCHITECTURE.md's table of what may import what differs from the rules; it should read:");
    problems.push(rulesTable());
  }
  if (problems.length > 0) {
    console.error(`Architecture check: ${problems.length} problem(s)\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`Architecture check: ${Object.keys(result.metafile.inputs).length} files, every import allowed.`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").at(-1) ?? "")) await main();
