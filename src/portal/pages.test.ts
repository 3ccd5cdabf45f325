import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph, openAnotherMeeting } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function buildWorld() {
  const m = await freshMunicipality(database, "Portalkommun");
  const f = await buildOpenMeeting(database, m.system);
  const decided = await tx(database, (t) =>
    minuteParagraph(t, m.system, f, { title: "Ny lekplats i parken" }),
  );
  const { app } = testApp(database, m.slug);
  return { m, f, decided, visitor: new Client(app) };
}

describe("the public portal (M14)", () => {
  it("gives a meeting a readable address, and its UUID address redirects there", async () => {
    const w = await buildWorld();
    const readable = `/sammantraden/${w.f.body.slug}/${w.f.meeting.heldOn}`;
    const old = await w.visitor.get(`/sammantraden/${w.f.meeting.id}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(readable);
    const page = await w.visitor.get(readable);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ny lekplats i parken");
    for (const path of [
      `/sammantraden/${w.f.body.slug}/2001-01-01`,
      `/sammantraden/finns-inte/${w.f.meeting.heldOn}`,
      `${readable}?kl=25:99`,
      `${readable}?kl=06:00`,
      "/sammantraden/00000000-0000-0000-0000-000000000000",
    ])
      expect((await w.visitor.get(path)).status, path).toBe(404);
  });

  it("tells two meetings of a body on one day apart by their time", async () => {
    const w = await buildWorld();
    const second = await tx(database, (t) => openAnotherMeeting(t, w.m.system, w.f, w.f.meeting.heldOn));
    const readable = `/sammantraden/${w.f.body.slug}/${w.f.meeting.heldOn}`;
    const chooser = await (await w.visitor.get(readable)).text();
    expect(chooser).toContain("flera sammanträden");
    const redirect = await w.visitor.get(`/sammantraden/${second.id}`);
    expect(redirect.headers.get("location")).toMatch(/\?kl=/);
    expect((await w.visitor.get(redirect.headers.get("location")!)).status).toBe(200);
  });

  it("shows a member's memberships, votes, motions, reservations and statements, each linked to its decision", async () => {
    const w = await buildWorld();
    const second = w.f.members[1]!;
    const text = await (await w.visitor.get(`/ledamoter/${second.id}`)).text();
    const path = `/protokoll/${w.f.body.slug}/${w.decided.paragraph.year}/${w.decided.paragraph.number}`;
    expect(text).toContain(path);
    expect(text).toContain("<p>Parti: Moderaterna (M)</p>");
    expect(text).toContain("<td>Nej</td>");
    expect(text).toContain("Återremiss");
    expect(text).toContain("Ny lekplats i parken");
    expect(text).toMatch(/Reservationer<\/h2><ul><li>/);
    expect(text).toContain("särskilt yttrande");
    expect((await w.visitor.get("/ledamoter")).status).toBe(200);
    expect((await w.visitor.get("/ledamoter/inte-ett-id")).status).toBe(404);
    expect((await w.visitor.get("/ledamoter/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("has a start page with the latest decisions and links to the notice board and follow-up", async () => {
    const w = await buildWorld();
    const text = await (await w.visitor.get("/")).text();
    expect(text).toContain("Ny lekplats i parken");
    expect(text).toContain('href="/anslagstavla"');
    expect(text).toContain('href="/uppfoljning"');
    expect((await w.visitor.get("/oppna-data")).status).toBe(200);
  });
});
