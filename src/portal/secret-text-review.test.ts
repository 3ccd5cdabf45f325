import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import { appointApprovers } from "../approval/appoint-approvers.js";
import { freezeMinutes } from "../approval/freeze-minutes.js";
import { signMinutes } from "../approval/sign-minutes.js";
import type { Database } from "../db/connect.js";
import { textSha256 } from "../domain/secret-text.js";
import { addAgendaItem } from "../meetings/add-agenda-item.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { paragraph, secretTextReview } from "../meetings/tables.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { registerNewCase } from "../register/register-case.js";

// L31: free text written on a secret case stays out of every public channel until a secretary has reviewed that
// very text; then it is published, screened for personal data, until it changes.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const summary = "Barnet placeras hos mormor, tel 070-123 45 67.";
const motionText = "Placeringen hos mormor ska följas upp varje månad.";
const proposal = "Nämnden beslutar om placering enligt förvaltningens förslag om mormor.";

async function buildWorld() {
  const m = await freshMunicipality(database, "Sekretessgranskning");
  const f = await buildOpenMeeting(database, m.system);
  const built = await tx(database, async (t) => {
    const secret = await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Placering av barn",
      publicTitle: "Ärende om enskild",
      openedOn: "2026-01-12",
      secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-01-12", markedById: f.body.id },
    });
    const item = await addAgendaItem(t, m.system, f.meeting.id, {
      caseId: secret.id,
      proposalText: proposal,
    });
    const p = await takeUpItem(t, m.system, { agendaItemId: item.id, summary });
    return { item, p };
  });
  // The page cache is on, as in production: a review must reach a page kept from before it.
  const { app } = testApp(database, m.slug, { pageCache: true });
  const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
  const secretary = new Client(app);
  await secretary.logIn(user.email, user.password);
  const paragraphPath = `/protokoll/${f.body.slug}/${built.p.year}/${built.p.number}`;
  return { m, f, app, secretary, ...built, paragraphPath };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** Every public channel a paragraph's free text could reach, read by a visitor. */
function publicChannels(w: World) {
  const mover = w.f.members[0]!.id;
  return [
    w.paragraphPath,
    `${w.paragraphPath}/utdrag.html`,
    `/sammantraden/${w.f.meeting.id}/protokoll.html`,
    `/api/paragraphs/${w.p.id}`,
    `/oppna-data/beslut/${w.p.id}`,
    `/oppna-data/${w.f.body.slug}/${w.p.year}.json`,
    `/oppna-data/${w.f.body.slug}/${w.p.year}.csv`,
    `/ledamoter/${mover}`,
    `/oparl/v1.1/body/${w.m.id}/agendaitems?limit=500`,
    `/oparl/v1.1/body/${w.m.id}/meetings?limit=500`,
    "/beslut.atom",
  ];
}

async function readAll(w: World) {
  const visitor = new Client(w.app);
  const out = new Map<string, string>();
  for (const path of publicChannels(w)) {
    const res = await visitor.get(path);
    expect(res.status, path).toBe(200);
    out.set(path, await res.text());
  }
  return out;
}

describe("reviewing free text on a secret case (L31)", () => {
  it("warns the secretary, keeps the text out of every public channel until reviewed, then publishes it screened", async () => {
    const w = await buildWorld();
    // The API answers a write of free text on the secret case with the warning; the desk shows it.
    const created = await w.secretary.request("POST", "/api/motions", {
      json: { paragraphId: w.p.id, kind: "amend", text: motionText, moverIds: [w.f.members[0]!.id] },
    });
    expect(created.status).toBe(201);
    const motion = (await created.json()) as { id: string; warning?: string };
    expect(motion.warning).toMatch(/visas inte offentligt/);
    const desk = await (
      await w.secretary.get(`/sammantraden/${w.f.meeting.id}/sekreterare/paragrafer/${w.p.id}`)
    ).text();
    expect(desk).toContain("<strong>Sekretess: </strong>");

    for (const [path, text] of await readAll(w)) expect(text, path).not.toContain("mormor");
    // The diarium's search covers case titles and records, never the minutes' free text.
    expect(await (await new Client(w.app).get("/diarium?q=mormor")).text()).toContain("Inga träffar");

    // The review list shows each text whole, with a form that marks it reviewed.
    const list = (await (await w.secretary.get("/api/secret-texts")).json()) as {
      data: { field: string; sourceId: string; textSha256: string; text: string; review: unknown }[];
    };
    expect(list.data.map((x) => x.field).sort()).toEqual(["motion", "proposal", "summary"]);
    expect(list.data.every((x) => x.review === null)).toBe(true);
    const page = await (await w.secretary.get("/granskning")).text();
    expect(page).toContain(summary.replace(",", ","));
    expect(page).toContain("Markera som granskad");

    // A review of a text that has changed since it was read is refused, and writes nothing.
    const stale = await w.secretary.request("POST", `/api/paragraphs/${w.p.id}/secret-text-reviews`, {
      json: { field: "motion", sourceId: motion.id, textSha256: textSha256("en annan text") },
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { detail: string }).detail).toMatch(/ändrats/);
    expect(
      await database.db.select().from(secretTextReview).where(eq(secretTextReview.paragraphId, w.p.id)),
    ).toHaveLength(0);

    // The summary is reviewed on the page, the motion in the API; the proposal waits.
    const form = await w.secretary.postForm("/granskning", "/granskning/granska", {
      paragraphId: w.p.id,
      field: "summary",
      sourceId: w.p.id,
      textSha256: textSha256(summary),
    });
    expect(form.status).toBe(303);
    const reviewed = await w.secretary.request("POST", `/api/paragraphs/${w.p.id}/secret-text-reviews`, {
      json: { field: "motion", sourceId: motion.id, textSha256: textSha256(motionText) },
    });
    expect(reviewed.status).toBe(201);
    expect(((await reviewed.json()) as { reviewedBy: string }).reviewedBy).toBeTruthy();
    const trail = await database.db.execute(
      sql`select count(*)::int as n from audit_entry where action = 'secret_text.reviewed' and record_id = ${w.p.id}`,
    );
    expect((trail as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
    expect(await (await w.secretary.get("/granskning")).text()).toContain("Granskad av");

    const after = await readAll(w);
    for (const path of [
      w.paragraphPath,
      `${w.paragraphPath}/utdrag.html`,
      `/sammantraden/${w.f.meeting.id}/protokoll.html`,
      `/api/paragraphs/${w.p.id}`,
    ]) {
      expect(after.get(path), path).toContain("Barnet placeras hos mormor");
      expect(after.get(path), path).toContain("[telefonnummer borttaget]");
      expect(after.get(path), path).not.toContain("070-123 45 67");
      expect(after.get(path), path).toContain("följas upp varje månad");
      // The proposal was not reviewed: it stays out.
      expect(after.get(path), path).not.toContain("förvaltningens förslag om mormor");
    }
    for (const path of [`/oppna-data/beslut/${w.p.id}`, `/ledamoter/${w.f.members[0]!.id}`])
      expect(after.get(path), path).toContain("följas upp varje månad");

    // A change of the reviewed text takes it out again until the new text is reviewed.
    await database.db
      .update(paragraph)
      .set({ summary: "Barnet placeras hos mormor på Lönnvägen 7." })
      .where(eq(paragraph.id, w.p.id));
    const changed = await (await new Client(w.app).get(w.paragraphPath)).text();
    expect(changed).not.toContain("Barnet placeras");
    expect(changed).toContain("följas upp varje månad");
  });

  it("refuses a review of a public case's text, an unknown text, and unknown fields, writing nothing", async () => {
    const w = await buildWorld();
    const publicCase = await tx(database, async (t) => {
      const c = await registerNewCase(t, w.m.system, {
        seriesCode: "STK",
        title: "Ny lekplats",
        openedOn: "2026-01-12",
      });
      const item = await addAgendaItem(t, w.m.system, w.f.meeting.id, { caseId: c.id });
      const p = await takeUpItem(t, w.m.system, { agendaItemId: item.id, summary: "Lekplatsen byggs." });
      const later = await registerNewCase(t, w.m.system, {
        seriesCode: "STK",
        title: "Placering av syskon",
        publicTitle: "Ärende om enskild",
        openedOn: "2026-01-12",
        secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-01-12", markedById: w.f.body.id },
      });
      const open = await registerNewCase(t, w.m.system, {
        seriesCode: "STK",
        title: "Ny gångbana",
        openedOn: "2026-01-12",
      });
      return { ...p, laterCaseId: later.id, openCaseId: open.id };
    });
    // Proposal text put on the agenda: the answer warns on the secret case only.
    const agenda = (caseId: string) =>
      w.secretary.request("POST", `/api/meetings/${w.f.meeting.id}/agenda-items`, {
        json: { caseId, proposalText: "Förvaltningen föreslår bifall." },
      });
    const onSecret = await agenda(publicCase.laterCaseId);
    expect(onSecret.status).toBe(201);
    expect(((await onSecret.json()) as { warning?: string }).warning).toMatch(/granskat/);
    const onOpen = await agenda(publicCase.openCaseId);
    expect(onOpen.status).toBe(201);
    expect(((await onOpen.json()) as { warning?: string }).warning).toBeUndefined();
    // The desk warns at the secret item's take-up form (its summary), and only there.
    const desk = await (await w.secretary.get(`/sammantraden/${w.f.meeting.id}/sekreterare`)).text();
    expect(desk.split("<strong>Sekretess: </strong>")).toHaveLength(2);
    const post = (paragraphId: string, json: unknown) =>
      w.secretary.request("POST", `/api/paragraphs/${paragraphId}/secret-text-reviews`, { json });
    const notSecret = await post(publicCase.id, {
      field: "summary",
      sourceId: publicCase.id,
      textSha256: textSha256("Lekplatsen byggs."),
    });
    expect(notSecret.status).toBe(409);
    const unknown = await post(w.p.id, {
      field: "motion",
      sourceId: "00000000-0000-0000-0000-000000000000",
      textSha256: textSha256(summary),
    });
    expect(unknown.status).toBe(400);
    const extra = await post(w.p.id, {
      field: "summary",
      sourceId: w.p.id,
      textSha256: textSha256(summary),
      reviewedBy: "någon annan",
    });
    expect(extra.status).toBe(400);
    const anonymous = await new Client(w.app).request(
      "POST",
      `/api/paragraphs/${w.p.id}/secret-text-reviews`,
      {
        json: { field: "summary", sourceId: w.p.id, textSha256: textSha256(summary) },
      },
    );
    expect(anonymous.status).toBe(401);
    // A secretary of another body keeps no minutes here, and sees none of its texts.
    const elsewhere = await buildBody(database, w.m.system, { name: "Kulturnämnden" });
    const otherUser = await buildUser(database, w.m.system, [{ role: "secretary", bodyId: elsewhere.id }]);
    const other = new Client(w.app);
    await other.logIn(otherUser.email, otherUser.password);
    const refused = await other.request("POST", `/api/paragraphs/${w.p.id}/secret-text-reviews`, {
      json: { field: "summary", sourceId: w.p.id, textSha256: textSha256(summary) },
    });
    expect(refused.status).toBe(403);
    expect(await (await other.get("/api/secret-texts")).json()).toEqual({ data: [] });
    expect(
      await database.db.select().from(secretTextReview).where(eq(secretTextReview.paragraphId, w.p.id)),
    ).toEqual([]);
  });

  it("gives approved minutes a new ETag when a review shows more of them, so no reader keeps the page from before", async () => {
    const w = await buildWorld();
    await tx(database, async (t) => {
      const a = w.m.system;
      await closeMeeting(t, a, w.f.meeting.id, { at: new Date("2026-03-10T16:00:00+01:00") });
      await appointApprovers(t, a, w.f.meeting.id, {
        chairId: w.f.members[0]!.id,
        approverIds: [w.f.members[1]!.id],
        approvalAt: new Date("2026-03-17T10:00:00+01:00"),
        place: "Stadshuset",
        minutesKeptAt: "Stadskontoret",
      });
      const version = await freezeMinutes(t, a, w.f.meeting.id, { lateReason: "Testet körs sent." });
      for (const personId of [w.f.members[0]!.id, w.f.members[1]!.id])
        await signMinutes(t, a, version.id, { hash: version.contentHash }, undefined, { personId });
      await signMinutes(t, a, version.id, { hash: version.contentHash, role: "secretary" });
    });
    const visitor = new Client(w.app);
    const pages = [w.paragraphPath, `/sammantraden/${w.f.meeting.id}/protokoll`];
    const tags = new Map<string, string>();
    for (const path of pages) {
      const res = await visitor.get(path);
      expect(await res.text(), path).not.toContain("Barnet placeras");
      tags.set(path, res.headers.get("etag")!);
      expect(tags.get(path), path).toMatch(/^"[0-9a-f]{64}/);
    }
    const reviewed = await w.secretary.request("POST", `/api/paragraphs/${w.p.id}/secret-text-reviews`, {
      json: { field: "summary", sourceId: w.p.id, textSha256: textSha256(summary) },
    });
    expect(reviewed.status).toBe(201);
    for (const path of pages) {
      const res = await visitor.request("GET", path, { headers: { "if-none-match": tags.get(path)! } });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain("Barnet placeras hos mormor");
    }
  });
});
