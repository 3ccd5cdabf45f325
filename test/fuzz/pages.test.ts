import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takesFiles } from "../../src/http/hostile-input.js";
import { Client } from "../support/http.js";
import { percentEncodeAny } from "../support/percent-encode.js";
import {
  describe as describeRequest,
  type Finding,
  type FuzzInstallation,
  fingerprint,
  fuzzInstallation,
  hostileString,
  judge,
} from "./support.js";

// Issue 11, part 6, for the pages: crawl the site as an admin from /, collect every link and every form, and send
// each page hostile paths and queries and each form hostile values with a valid CSRF token. A new page or form is
// fuzzed as soon as a link leads to it.

const seed = 20_260_812;
const maxPages = Number(process.env.FUZZ_PAGES ?? 120);
const runsPerForm = Number(process.env.FUZZ_RUNS ?? 5);
const runsPerPage = Number(process.env.FUZZ_PAGE_RUNS ?? 3);

interface FormField {
  name: string;
  type: string;
  value: string;
  options: string[];
}
interface Form {
  page: string;
  action: string;
  multipart: boolean;
  fields: FormField[];
}

let installation: FuzzInstallation;
beforeAll(async () => {
  installation = await fuzzInstallation();
});
afterAll(() => installation?.database.close());

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (entities[name]) return entities[name]!;
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match ? decodeEntities(match[1]!) : null;
};

function links(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="(\/[^"#]*)/gi)].map((m) => decodeEntities(m[1]!));
}

function forms(page: string, html: string): Form[] {
  const found: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag, inner] = match as unknown as [string, string, string];
    if ((attribute(tag, "method") ?? "get").toLowerCase() !== "post") continue;
    const fields: FormField[] = [];
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], "name");
      const type = (attribute(input[0], "type") ?? "text").toLowerCase();
      if (name && !["submit", "button"].includes(type))
        fields.push({ name, type, value: attribute(input[0], "value") ?? "", options: [] });
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(select[1]!, "name");
      const options = [...select[2]!.matchAll(/<option\b[^>]*value="([^"]*)"/gi)].map((o) =>
        decodeEntities(o[1]!),
      );
      if (name) fields.push({ name, type: "select", value: options.find(Boolean) ?? "", options });
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attribute(area[1]!, "name");
      if (name) fields.push({ name, type: "textarea", value: decodeEntities(area[2]!), options: [] });
    }
    found.push({
      page,
      action: attribute(tag, "action") ?? page,
      multipart: (attribute(tag, "enctype") ?? "").includes("multipart"),
      fields,
    });
  }
  return found;
}

/** A path with its ids and numbers blanked: pages of one shape are crawled a few times, not once per record. */
const shape = (path: string) =>
  path
    .split("?")[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id")
    .replace(/\d+/g, ":n");

/** What an honest user would put in a field, so that only the hostile one is wrong. */
function plausible(field: FormField): string {
  if (field.value) return field.value;
  switch (field.type) {
    case "date":
      return "2026-03-10";
    case "datetime-local":
      return "2026-03-10T10:00";
    case "time":
      return "10:00";
    case "number":
      return "1";
    case "email":
      return "fuzz@example.se";
    case "checkbox":
      return "on";
    case "password":
      return "ett-långt-fuzzlösenord";
    default:
      return "Fuzztext";
  }
}

/** The names a page's search forms (method get) and its links' queries take. */
const queryNames = new Map<string, string[]>();

function getFormNames(html: string): string[] {
  const names: string[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attribute(match[1]!, "method") ?? "get").toLowerCase() !== "get") continue;
    for (const field of match[2]!.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/gi))
      names.push(field[1]!);
  }
  return names;
}

async function crawl(client: Client): Promise<{ pages: string[]; forms: Form[] }> {
  const seen = new Set<string>(["/"]);
  const perShape = new Map<string, number>();
  const queue = ["/"];
  const pages: string[] = [];
  const found = new Map<string, Form>();
  while (queue.length > 0 && pages.length < maxPages) {
    const path = queue.shift()!;
    const res = await client.get(path);
    if (!(res.headers.get("content-type") ?? "").includes("html")) {
      await res.body?.cancel();
      continue;
    }
    const html = await res.text();
    pages.push(path);
    queryNames.set(shape(path), getFormNames(html));
    for (const form of forms(path, html)) {
      const key = `${shape(form.action)} ${form.fields.map((f) => f.name).join(",")}`;
      if (!found.has(key)) found.set(key, form);
    }
    for (const link of links(html)) {
      if (seen.has(link) || link.startsWith("/static/") || link.startsWith("/logga-ut")) continue;
      seen.add(link);
      const n = perShape.get(shape(link)) ?? 0;
      if (n >= 2) continue;
      perShape.set(shape(link), n + 1);
      queue.push(link);
    }
  }
  return { pages, forms: [...found.values()] };
}

type Gen = fc.GeneratorValue;

const encode = percentEncodeAny;

/** A page's path with one segment or its query made hostile. */
function hostilePath(g: Gen, page: string): string {
  const [path, query] = page.split("?") as [string, string | undefined];
  const segments = path.split("/");
  const value = String(g(() => hostileString));
  const sent = g(fc.nat, 5) === 0 ? value.replace(/[&#?/]/g, "") : encode(value);
  if (segments.length > 1 && segments[1] !== "" && g(fc.boolean)) {
    segments[g(fc.integer, { min: 1, max: segments.length - 1 })] = sent;
    return segments.join("/") + (query ? `?${query}` : "");
  }
  const names = query ? [...new URLSearchParams(query).keys()] : [];
  const name =
    names.length > 0 && g(fc.boolean) ? g(fc.constantFrom, ...names) : g(fc.constantFrom, "q", "sida", "ar");
  return `${path}?${name}=${sent}`;
}

const malformedMultipart = [
  '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
  "--x\r\nContent-Disposition: form-data\r\n\r\n\r\n--x--",
  "inte multipart alls",
  '--x\r\nContent-Disposition: form-data; name="files"; filename="a\u0000.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--x--\r\n',
];

/** One form post: the form's own values but for one hostile field (or a hostile file, or a broken body). */
function postFor(g: Gen, form: Form, csrf: string): { body: BodyInit; type?: string } {
  const fields = form.fields.filter((f) => f.name !== "_csrf");
  const target = g(
    fc.constantFrom,
    ...fields.map((f) => f.name),
    "extra",
    "broken",
    ...(form.multipart ? ["file"] : []),
  );
  const values: [string, string][] = [["_csrf", csrf]];
  for (const field of fields) {
    if (field.type === "checkbox" && field.name !== target && g(fc.boolean)) continue;
    values.push([field.name, field.name === target ? String(g(() => hostileString)) : plausible(field)]);
  }
  if (target === "extra") values.push([String(g(() => hostileString)), String(g(() => hostileString))]);
  if (target === "broken") {
    if (form.multipart || g(fc.boolean))
      return {
        body: `${g(fc.constantFrom, ...malformedMultipart)}`,
        type: "multipart/form-data; boundary=x",
      };
    return { body: `_csrf=${csrf}&${g(fc.constantFrom, "%ZZ", "a=%E0%A4%A", "%00=%00", "a=%ED%A0%80")}` };
  }
  if (!form.multipart) return { body: new URLSearchParams(values).toString() };
  const data = new FormData();
  for (const [name, value] of values) data.append(name, value);
  if (target === "file") {
    const name = String(g(() => hostileString)).slice(0, 300);
    data.append(
      "files",
      new File([g(fc.constantFrom, "%PDF-1.4\n", "text", "\u0000\u0001")], `${name}.txt`, {
        type: "text/plain",
      }),
    );
  }
  return { body: data };
}

describe("hostile requests to every page and form", () => {
  it("never answer 5xx, never write on a refusal, always audit a write, never reflect a script", async () => {
    const started = performance.now();
    const { pages, forms: found } = await crawl((await installation.signedIn()).client);
    expect(pages.length).toBeGreaterThan(30);
    expect(found.length).toBeGreaterThan(10);
    // A form that sends files must be one of the routes with the file limit, or every real file answers 413.
    for (const form of found) if (form.multipart) expect(takesFiles(form.action), form.action).toBe(true);
    const findings: Finding[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    let before = await fingerprint(installation.database);
    let csrf = "";

    const send = async (
      who: number,
      method: string,
      path: string,
      post?: { body: BodyInit; type?: string },
    ) => {
      let client = new Client(installation.app);
      if (who > 0) {
        const admin = await installation.signedIn();
        client = admin.client;
        if (admin.fresh || !csrf) {
          csrf = await client.csrfFrom("/");
          before = await fingerprint(installation.database);
        }
      }
      const headers: Record<string, string> = { "x-forwarded-for": client.address };
      if (who > 0) headers.cookie = client.cookieHeader();
      if (post?.type) headers["content-type"] = post.type;
      else if (typeof post?.body === "string") headers["content-type"] = "application/x-www-form-urlencoded";
      const res = await installation.app.request(path, {
        method,
        headers,
        body: post?.body,
        redirect: "manual",
      });
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (who > 0) {
        installation.noteSession(res);
        if (res.headers.getSetCookie().some((c) => c.startsWith("paragraf_session="))) csrf = "";
      }
      const shown = typeof post?.body === "string" ? post.body : post ? "(multipart)" : undefined;
      const request = `${who === 0 ? "anonym" : "admin"} ${describeRequest(method, path, shown)}`;
      if (process.env.FUZZ_LOG) console.log(res.status, request.slice(0, 200));
      const judged = await judge(installation.database, request, before, res);
      findings.push(...judged.findings);
      before = judged.after;
    };

    const shapes = [...new Map(pages.map((p) => [shape(p), p])).values()];
    for (const [index, page] of shapes.entries()) {
      await fc.assert(
        fc.asyncProperty(fc.gen(), fc.nat(3), async (g, who) => send(who, "GET", hostilePath(g, page))),
        { seed: seed + index, numRuns: runsPerPage },
      );
    }
    for (const [index, form] of found.entries()) {
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          if (!csrf) await send(1, "GET", form.page);
          await send(1, "POST", form.action, postFor(g, form, csrf));
        }),
        { seed: seed + 1000 + index, numRuns: runsPerForm },
      );
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.info(
      `Page fuzz: crawled ${pages.length} pages (${shapes.length} kinds), ${found.length} forms; ` +
        `${sent} hostile requests in ${seconds} s (${tally.join(", ")})`,
    );
    expect(findings).toEqual([]);
  }, 600_000);
});
