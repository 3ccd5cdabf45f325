import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "../../../test/support/db.js";
import { testApp } from "../../../test/support/http.js";
import { oparlValidators } from "../../../test/support/oparl-schemas.js";
import type { Database } from "../../db/connect.js";
import { inTransaction } from "../../db/transaction.js";
import { loadExample } from "../../example/load-example.js";
import { party } from "../../organisation/tables.js";

// The whole OParl API of the Malmö example, crawled from the system object: every object it reaches must be valid
// against the OParl 1.1 schemas, and every link it follows must answer.

let database: Database;
let app: ReturnType<typeof testApp>["app"];
beforeAll(async () => {
  database = await isolatedDatabase();
  const { municipality } = await inTransaction(database.db, (tx) => loadExample(tx));
  app = testApp(database, municipality.slug).app;
}, 120_000);
afterAll(() => database.close());

const base = "http://localhost";
const get = (url: string, headers: Record<string, string> = {}) =>
  app.request(url.replace(base, ""), { headers });

/** Every OParl object in a value: the value itself when it has a type, and what it embeds. */
function objectsIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objectsIn(v, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.type === "string" && o.type.startsWith("https://schema.oparl.org/")) out.push(o);
    for (const v of Object.values(o)) objectsIn(v, out);
  }
  return out;
}

function linksIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.startsWith(`${base}/oparl/`)) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) linksIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) linksIn(v, out);
  return out;
}

describe("OParl 1.1 (X1)", () => {
  it("is reachable from /oparl/v1.1/system, and every object it reaches is valid against the OParl schemas", async () => {
    const validators = oparlValidators();
    const seen = new Set<string>();
    const queue = [`${base}/oparl/v1.1/system`];
    const invalid: string[] = [];
    const unreachable: string[] = [];
    const types = new Map<string, number>();
    const files = new Map<string, Record<string, unknown>>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await get(url);
      if (res.status !== 200) {
        unreachable.push(`${url}: ${res.status}`);
        continue;
      }
      const body = await res.json();
      for (const o of objectsIn(body)) {
        const type = o.type as string;
        types.set(type, (types.get(type) ?? 0) + 1);
        if (type.endsWith("/File")) files.set(o.id as string, o);
        const validate = validators.get(type);
        if (!validate) invalid.push(`${String(o.id)}: unknown type ${type}`);
        else if (!(validate(o) as boolean))
          invalid.push(`${String(o.id)}: ${JSON.stringify(validate.errors).slice(0, 400)}`);
        if (typeof o.created !== "string" || typeof o.modified !== "string")
          invalid.push(`${o.id}: no created or modified`);
      }
      for (const link of linksIn(body)) if (!seen.has(link)) queue.push(link);
    }
    expect(unreachable).toEqual([]);
    expect(invalid).toEqual([]);
    for (const t of [
      "System",
      "Body",
      "Organization",
      "Person",
      "Membership",
      "LegislativeTerm",
      "Meeting",
      "AgendaItem",
      "Paper",
      "Consultation",
      "File",
      "Location",
    ])
      expect(types.get(`https://schema.oparl.org/1.1/${t}`) ?? 0, t).toBeGreaterThan(0);

    // Every File answers at its download address with its media type, under the file name it gives; the HTML
    // rendering is the master of a PDF and a DOCX rendering.
    const formats = new Map<string, number>();
    const wrong: string[] = [];
    for (const f of files.values()) {
      const mimeType = f.mimeType as string;
      formats.set(mimeType, (formats.get(mimeType) ?? 0) + 1);
      const res = await get(f.downloadUrl as string);
      const disposition = res.headers.get("content-disposition") ?? "";
      if (res.status !== 200 || !res.headers.get("content-type")?.startsWith(mimeType))
        wrong.push(`${f.downloadUrl}: ${res.status} ${res.headers.get("content-type")}, not ${mimeType}`);
      else if (!disposition.includes(`filename*=UTF-8''${encodeURIComponent(f.fileName as string)}`))
        wrong.push(`${f.downloadUrl}: ${disposition}, not ${f.fileName}`);
      if ((await get(f.accessUrl as string)).status !== 200) wrong.push(`${f.accessUrl}: not found`);
      const related = f.mimeType === "text/html" ? (f.derivativeFile as string[]) : [f.masterFile as string];
      for (const id of related) if (!files.has(id)) wrong.push(`${f.id}: ${id} not reached`);
    }
    expect(wrong).toEqual([]);
    expect(formats.get("text/html")).toBeGreaterThan(0);
    expect(formats.get("application/pdf")).toBe(formats.get("text/html"));
    expect(formats.get("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      formats.get("text/html"),
    );
  }, 600_000);

  it("names who attended a meeting, and each person's party as an Organization reached through a Membership", async () => {
    const system = await (await get(`${base}/oparl/v1.1/system`)).json();
    const body = (await (await get(system.body)).json()).data[0];
    const meetings = (await (await get(`${body.meeting}?limit=500`)).json()).data;
    const attended = meetings.filter((m: { participant: string[] }) => m.participant.length > 0);
    expect(attended.length).toBeGreaterThan(0);
    const person = await (await get(attended[0].participant[0])).json();
    expect(person.type).toBe("https://schema.oparl.org/1.1/Person");
    const parties: { id: string; name: string; membership: string[]; web: string }[] = [];
    for (const membership of person.membership) {
      const organization = await (await get(membership.organization)).json();
      if (organization.organizationType === "Partei") parties.push(organization);
    }
    expect(parties).toHaveLength(1);
    expect(parties[0]!.name).toBe(person["paragraf:party"]);
    expect((await get(parties[0]!.web)).status).toBe(200);
    expect(parties[0]!.membership).toContain(
      person.membership.find((x: { organization: string }) => x.organization === parties[0]!.id).id,
    );
    const organizations = (await (await get(`${body.organization}?limit=500`)).json()).data;
    const partyNames = (await database.db.select({ name: party.name }).from(party)).map((x) => x.name).sort();
    expect(
      organizations
        .filter((o: { organizationType: string }) => o.organizationType === "Partei")
        .map((o: { name: string }) => o.name)
        .sort(),
    ).toEqual(partyNames);
  });

  it("pages lists with links.next and filters them by modified_since", async () => {
    const system = await (await get(`${base}/oparl/v1.1/system`)).json();
    const bodies = await (await get(system.body)).json();
    const body = bodies.data[0];
    const first = await (await get(`${body.person}?limit=5`)).json();
    expect(first.data).toHaveLength(5);
    expect(first.links.next).toContain("after=");
    const second = await (await get(first.links.next)).json();
    expect(second.data[0].id).not.toBe(first.data[0].id);
    expect(second.data.map((p: { id: string }) => p.id)).not.toContain(first.data[4].id);
    const future = await (await get(`${body.paper}?modified_since=2199-01-01T00:00:00Z`)).json();
    expect(future.data).toEqual([]);
    const all = await (await get(`${body.paper}?modified_since=2000-01-01T00:00:00Z&limit=1`)).json();
    expect(all.data).toHaveLength(1);
    expect(all.links.next).toContain("modified_since=");
  });

  it("reaches every object of a list page by page, the files of all three kinds included", async () => {
    const system = await (await get(`${base}/oparl/v1.1/system`)).json();
    const body = (await (await get(system.body)).json()).data[0];
    for (const list of [body.file, body.meeting, body.agendaItem, body.organization, body.membership]) {
      const all = (await (await get(`${list}?limit=500`)).json()).data.map((o: { id: string }) => o.id);
      const paged: string[] = [];
      let next: string | undefined = `${list}?limit=2`;
      while (next) {
        const page = await (await get(next)).json();
        paged.push(...page.data.map((o: { id: string }) => o.id));
        next = page.links.next;
      }
      expect(paged, list).toEqual(all);
      expect(new Set(paged).size, list).toBe(paged.length);
    }
  });

  it("answers a conditional request with 304, by ETag and by Last-Modified", async () => {
    const system = await (await get(`${base}/oparl/v1.1/system`)).json();
    const body = (await (await get(system.body)).json()).data[0];
    const res = await get(body.meeting);
    const etag = res.headers.get("etag")!;
    const lastModified = res.headers.get("last-modified")!;
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    expect((await get(body.meeting, { "if-none-match": etag })).status).toBe(304);
    expect((await get(body.meeting, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(body.meeting, { "if-none-match": '"annat"' })).status).toBe(200);
  });

  it("refuses bad input with 400 or 404 and a clear body, never a 500", async () => {
    const system = await (await get(`${base}/oparl/v1.1/system`)).json();
    const body = (await (await get(system.body)).json()).data[0];
    const firstFile = ((await (await get(`${body.file}?limit=1`)).json()).data[0].id as string)
      .split("/")
      .at(-1);
    for (const query of [
      "limit=100000000",
      "limit=0",
      "limit=-1",
      "limit=abc",
      "modified_since=igår",
      "created_since=2026-13-45T99:00:00Z",
      "after=' OR 1=1 --",
      "after=00000000-0000-0000-0000-00000000000g",
    ]) {
      const res = await get(`${body.paper}?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).detail, query).toMatch(/ska vara/);
    }
    for (const path of [
      "/oparl/v1.1/paper/00000000-0000-0000-0000-000000000000",
      "/oparl/v1.1/paper/'; drop table register_case; --",
      "/oparl/v1.1/nonsense/00000000-0000-0000-0000-000000000000",
      "/oparl/v1.1/file/beslut/x",
      // A real decision's id under a kind the API has not.
      ...["beslut-pdf-x", "beslut-html", "pdf"].map((kind) => `/oparl/v1.1/file/${kind}/${firstFile}`),

      `/oparl/v1.1/body/${body.id.split("/").at(-1)}/nonsense`,
      "/oparl/v1.1/legislativeterm/x/2022",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).detail, path).toBeTruthy();
    }
  });
});
