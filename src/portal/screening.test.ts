import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";
import { addAgendaItem } from "../meetings/add-agenda-item.js";
import { recordDecision } from "../meetings/record-decision.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { registerNewCase } from "../register/register-case.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const personal = ["19811218-9876", "070-123 45 67", "Storgatan 12"];

describe("personal data and secret cases' free text in published texts (L31)", () => {
  it("masks personal data in every public channel, lists it for the secretary, and keeps the internal version whole", async () => {
    const m = await freshMunicipality(database, "Granskningskommun");
    const f = await buildOpenMeeting(database, m.system);
    const built = await tx(database, async (t) => {
      const open = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Bostadsanpassning",
        openedOn: "2026-01-12",
      });
      const item = await addAgendaItem(t, m.system, f.meeting.id, { caseId: open.id });
      const p = await takeUpItem(t, m.system, {
        agendaItemId: item.id,
        summary: "Sökande 19811218-9876, tel 070-123 45 67, bor på Storgatan 12.",
      });
      await recordDecision(t, m.system, {
        paragraphId: p.id,
        points: ["Nämnden beviljar bidrag till 19811218-9876."],
      });
      const secret = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Placering av barn",
        publicTitle: "Ärende om enskild",
        openedOn: "2026-01-12",
        secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-01-12", markedById: f.body.id },
      });
      const secretItem = await addAgendaItem(t, m.system, f.meeting.id, { caseId: secret.id });
      const sp = await takeUpItem(t, m.system, {
        agendaItemId: secretItem.id,
        summary: "Barnet placeras hos mormor.",
      });
      return { p, sp };
    });
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);
    const paragraphPath = `/protokoll/${f.body.slug}/${built.p.year}/${built.p.number}`;
    const secretPath = `/protokoll/${f.body.slug}/${built.sp.year}/${built.sp.number}`;
    for (const path of [
      paragraphPath,
      `/api/paragraphs/${built.p.id}`,
      `/oppna-data/beslut/${built.p.id}`,
      `/oparl/v1.1/body/${m.id}/agendaitems`,
      "/beslut.atom",
    ]) {
      const text = await (await visitor.get(path)).text();
      for (const word of personal) expect(text, `${path}: ${word}`).not.toContain(word);
    }
    expect(await (await visitor.get(paragraphPath)).text()).toContain("[personnummer borttaget]");
    const secretPage = await (await visitor.get(secretPath)).text();
    expect(secretPage).toContain("Ärende om enskild");
    expect(secretPage).not.toContain("mormor");

    const secretary = new Client(app);
    const user = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
    await secretary.logIn(user.email, user.password);
    const review = await (await secretary.get("/granskning")).text();
    expect(review).toContain("personnummer: 19811218-9876");
    expect(review).toContain("telefonnummer: 070-123 45 67");
    expect(review).toContain("adress: Storgatan 12");
    expect(review).toMatch(
      /Fritext i sekretessärenden<\/h2><p>[^<]*<\/p><p>1 av 1 texter väntar på granskning.<\/p><ul><li[^>]*><p><a[^>]*>[^<]*<\/a>: Sammanfattning<\/p><blockquote><p>Barnet placeras hos mormor.<\/p>/,
    );
    // The secretary's own page of the paragraph is the internal version, whole.
    const desk = await (
      await secretary.get(`/sammantraden/${f.meeting.id}/sekreterare/paragrafer/${built.p.id}`)
    ).text();
    expect(desk).toContain("19811218-9876");
    expect((await visitor.get("/granskning")).status).toBe(303);
  });
});
