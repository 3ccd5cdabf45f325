import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../../test/support/db.js";
import { testApp } from "../../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../../test/support/meetings.js";
import { popoloValidators } from "../../../test/support/popolo-schemas.js";
import { countQueries } from "../../../test/support/queries.js";
import type { Database } from "../../db/connect.js";
import { addAgendaItem } from "../../meetings/add-agenda-item.js";
import { addMotion } from "../../meetings/add-motion.js";
import { recordDecision } from "../../meetings/record-decision.js";
import { takeUpItem } from "../../meetings/take-up-item.js";
import { registerNewCase } from "../../register/register-case.js";
import { readDecisionsOfYear } from "./read-decisions.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function buildWorld(paragraphs = 2) {
  const m = await freshMunicipality(database, "Öppna data-kommun");
  const f = await buildOpenMeeting(database, m.system);
  const built = await tx(database, async (t) => {
    const decided = [];
    for (let i = 0; i < paragraphs; i++)
      decided.push(await minuteParagraph(t, m.system, f, { title: `Ärende ${i + 1} om 19811218-9876` }));
    const secret = await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Skyddat boende för NN",
      publicTitle: "Ärende om enskild",
      openedOn: "2026-01-12",
      secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-01-12", markedById: f.body.id },
    });
    const item = await addAgendaItem(t, m.system, f.meeting.id, {
      caseId: secret.id,
      title: "Skyddat boende för NN",
    });
    const p = await takeUpItem(t, m.system, { agendaItemId: item.id, summary: "NN bor på Lönnvägen 7." });
    await addMotion(t, m.system, {
      paragraphId: p.id,
      kind: "amend",
      text: "Skyddat boende på Lönnvägen 7 ska ordnas.",
      moverIds: [f.members[0]!.id],
    });
    await recordDecision(t, m.system, {
      paragraphId: p.id,
      points: ["Nämnden bifaller. Ring 070-123 45 67."],
    });
    return { decided, secret: p };
  });
  const { app } = testApp(database, m.slug);
  return { m, f, app, ...built };
}

describe("decisions as open data (X2)", () => {
  it("publishes a decision's motions, vote events with counts and named votes in Popolo, valid against its schemas", async () => {
    const w = await buildWorld(1);
    const res = await w.app.request(`/oppna-data/beslut/${w.decided[0]!.paragraph.id}`);
    expect(res.status).toBe(200);
    const d = await res.json();
    const v = popoloValidators();
    expect(d.motions).toHaveLength(2);
    for (const motion of d.motions) expect(v.motion(motion), JSON.stringify(v.motion.errors)).toBe(true);
    expect(d.vote_events).toHaveLength(1);
    const event = d.vote_events[0];
    expect(v.vote_event(event), JSON.stringify(v.vote_event.errors)).toBe(true);
    expect(event.result).toBe("pass");
    expect(event.counts).toEqual([
      { option: "yes", value: 2 },
      { option: "no", value: 1 },
      { option: "abstain", value: 0 },
      { option: "absent", value: expect.any(Number) },
    ]);
    expect(event.votes.map((x: { option: string }) => x.option).sort()).toEqual(["no", "yes", "yes"]);
    for (const option of event.votes.map((x: { option: string }) => x.option))
      expect(["yes", "no", "abstain", "absent"]).toContain(option);
    expect(d["paragraf:reservations"]).toHaveLength(1);
    expect(d["paragraf:statements"][0].text).toContain("Vi vill säga något");
    // The personal identity number in the title is masked in the public version.
    expect(JSON.stringify(d)).not.toContain("19811218-9876");
    expect(d["paragraf:paragraph"].title).toContain("[personnummer borttaget]");
  });

  it("keeps a secret case's free text and personal data out, showing its public title", async () => {
    const w = await buildWorld(1);
    const text = await (await w.app.request(`/oppna-data/beslut/${w.secret.id}`)).text();
    expect(text).toContain("Ärende om enskild");
    for (const secret of ["Skyddat boende", "Lönnvägen", "070-123 45 67", "NN bor"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text).motions[0]["paragraf:withheld"]).toBe(true);
  });

  it("offers each body's year as JSON and CSV, and refuses bad addresses with 404", async () => {
    const w = await buildWorld(2);
    const json = await w.app.request(`/oppna-data/${w.f.body.slug}/2026.json`);
    expect(json.status).toBe(200);
    const doc = await json.json();
    expect(doc.decisions).toHaveLength(3);
    const csv = await (await w.app.request(`/oppna-data/${w.f.body.slug}/2026.csv`)).text();
    expect(csv.split("\r\n")[0]).toContain("paragraf,datum,organ");
    // One row per named vote (3 in each of two decisions) and one for the decision without a vote.
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 3 + 3 + 1);
    expect(csv).not.toContain("Skyddat boende");
    for (const path of [
      `/oppna-data/${w.f.body.slug}/2026.xml`,
      `/oppna-data/${w.f.body.slug}/99999.json`,
      "/oppna-data/finns-inte/2026.json",
      "/oppna-data/'%3B drop table body/2026.json",
      "/oppna-data/beslut/00000000-0000-0000-0000-000000000000",
      "/oppna-data/beslut/not-a-uuid",
    ])
      expect((await w.app.request(path)).status, path).toBe(404);
  });

  it("loads a year in the same number of queries for 1 and for 4 decisions", async () => {
    const one = await buildWorld(1);
    const four = await buildWorld(4);
    const count = async (w: typeof one) =>
      (
        await countQueries(database, () =>
          tx(database, (t) => readDecisionsOfYear(t, w.m.id, w.f.body.slug, 2026, "http://x")),
        )
      ).queries;
    expect(await count(four)).toBe(await count(one));
  });
});
