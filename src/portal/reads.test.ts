import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraphs } from "../../test/support/meetings.js";
import { countGet, expectSameCounts } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { planMeeting } from "../meetings/plan-meeting.js";
import { addMembership } from "../organisation/memberships.js";

// The public portal reads in a number of statements that does not grow with the meetings, decisions, votes and
// memberships it shows (issue 9): the start page, a member's page, a body's page, OParl's lists and objects, the
// open data and the feeds. For a visitor, with the page cache off so that the reads are counted, and for an admin.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const get = (client: Client, path: string) => countGet(database, client, path);

/**
 * A body of `size` + 2 seats whose meeting decided `size` paragraphs (each with motions, a vote, a reservation and
 * a statement by its first members), `size` meetings planned next year, and its chair a member of `size` bodies.
 */
async function portalOf(size: number) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system, { seats: size + 2 });
  const minuted = await minuteParagraphs(database, m.system, f, size);
  const chair = f.members[0]!;
  await tx(database, async (t) => {
    for (let i = 1; i <= size; i++)
      await planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: `2027-01-${String(i).padStart(2, "0")}`,
        startsAt: "13:00",
        place: "Stadshuset",
      });
  });
  for (let i = 2; i <= size; i++) {
    const other = await buildBody(database, m.system, { name: `Nämnd ${i}` });
    await tx(database, (t) =>
      addMembership(t, m.system, {
        personId: chair.id,
        bodyId: other.id,
        role: "member",
        startsOn: "2023-01-01",
      }),
    );
  }
  const { app } = testApp(database, m.slug, { pageCache: false });
  const admin = await buildUser(database, m.system);
  const signedIn = new Client(app);
  await signedIn.logIn(admin.email, admin.password);
  const oparl = "/oparl/v1.1";
  const last = minuted.at(-1)!;
  const paths: Record<string, string> = {
    start: "/",
    members: "/ledamoter",
    member: `/ledamoter/${chair.id}`,
    meetingAddress: `/sammantraden/${f.body.slug}/2026-03-10`,
    body: `/organ/${f.body.slug}`,
    openDataPage: "/oppna-data",
    popoloYear: `/oppna-data/${f.body.slug}/2026.json`,
    popoloCsv: `/oppna-data/${f.body.slug}/2026.csv`,
    popoloDecision: `/oppna-data/beslut/${last.paragraph.id}`,
    decisionsFeed: "/beslut.atom",
    bodyDecisionsFeed: `/beslut/${f.body.slug}.atom`,
    calendar: "/kalender.ics",
    bodyMeetings: `${oparl}/organization/${f.body.id}/meetings`,
    meeting: `${oparl}/meeting/${f.meeting.id}`,
    agendaItem: `${oparl}/agendaitem/${last.item.id}`,
    paper: `${oparl}/paper/${last.case.id}`,
    person: `${oparl}/person/${chair.id}`,
    organization: `${oparl}/organization/${f.body.id}`,
    decisionFile: `${oparl}/file/beslut/${last.paragraph.id}`,
  };
  for (const list of [
    "organizations",
    "persons",
    "memberships",
    "meetings",
    "agendaitems",
    "papers",
    "consultations",
    "files",
    "locations",
  ])
    paths[list] = `${oparl}/body/${m.id}/${list}`;
  const reads: Record<string, { text: string; queries: number }> = {};
  for (const [name, path] of Object.entries(paths)) {
    reads[name] = await get(new Client(app), path);
    reads[`${name} signed in`] = await get(signedIn, path);
  }
  return reads;
}

describe("the portal reads in a fixed number of statements", () => {
  it("shows 1 decision, meeting and membership, and 10 of each, in as many statements, to a visitor and an admin", async () => {
    const one = await portalOf(1);
    const many = await portalOf(10);

    const json = (name: string) => JSON.parse(many[name]!.text);
    // The next eight meetings and the latest ten decisions.
    expect(new Set(many.start!.text.match(/2027-01-\d\d/g))).toHaveProperty("size", 8);
    expect(many.start!.text).toContain("Ärende 10");
    expect(many.member!.text).toContain("Nämnd 10");
    expect(many.member!.text.match(/Ärende \d+/g)!.length).toBeGreaterThanOrEqual(10 * 3);
    expect(many.body!.text).toContain("Ledamot 12");
    expect(many.members!.text).toContain("Ledamot 12");
    expect(many.meetingAddress!.text).toContain("Ärende 10");
    expect(json("popoloYear").decisions).toHaveLength(10);
    expect(many.popoloCsv!.text).toContain("Ärende 10");
    expect(json("meetings").data).toHaveLength(11);
    expect(json("bodyMeetings").data).toHaveLength(11);
    // The case on the agenda from the start, and one per decision.
    expect(json("agendaitems").data).toHaveLength(11);
    expect(json("papers").data).toHaveLength(11);
    expect(json("meeting").agendaItem).toHaveLength(11);
    expect(json("person").membership).toHaveLength(10 + 1);
    expect(json("organization").membership).toHaveLength(12 + 2);
    expect(many.decisionsFeed!.text.match(/<entry>/g)).toHaveLength(10);

    expectSameCounts(one, many);
  });
});
