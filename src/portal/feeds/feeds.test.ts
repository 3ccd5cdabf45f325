import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../../test/support/db.js";
import { Client, testApp } from "../../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../../test/support/meetings.js";
import type { Database } from "../../db/connect.js";
import { planMeeting } from "../../meetings/plan-meeting.js";
import { publishNotice } from "../../meetings/publish-notice.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("feeds (X9)", () => {
  it("gives each body's meetings and all meetings as iCalendar, and new decisions and notices as Atom", async () => {
    const m = await freshMunicipality(database, "Flödeskommun");
    const f = await buildOpenMeeting(database, m.system);
    const later = await tx(database, async (t) => {
      await minuteParagraph(t, m.system, f, { title: "Cykelväg & <gångstråk> till skolan" });
      const next = await planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: "2099-05-04",
        startsAt: "18:00",
        place: "Rådhuset",
      });
      await publishNotice(t, m.system, next.id, { publishedOn: "2099-04-20" });
      return next;
    });
    const visitor = new Client(testApp(database, m.slug).app);

    const all = await visitor.get("/kalender.ics");
    expect(all.headers.get("content-type")).toContain("text/calendar");
    // Long lines are folded (RFC 5545 3.1): unfold before looking for a link.
    const ics = (await all.text()).replaceAll("\r\n ", "");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain(`UID:${later.id}@localhost`);
    expect(ics).toContain("DTSTART:20990504T160000Z");
    expect(ics).toContain(`/sammantraden/${f.body.slug}/2099-05-04`);
    expect(await (await visitor.get(`/kalender/${f.body.slug}.ics`)).text()).toContain(later.id);

    const feed = await (await visitor.get(`/beslut/${f.body.slug}.atom`)).text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed).toContain("Cykelväg &amp; &lt;gångstråk&gt; till skolan");
    expect(feed).not.toContain("<gångstråk>");
    expect(feed.match(/<entry>/g)).toHaveLength(1);
    expect(await (await visitor.get("/beslut.atom")).text()).toContain("<entry>");
    // The notice board's feed is the board's own (src/approval): the council's notices and approved minutes, not a
    // committee's meeting notice.
    const notices = await (await visitor.get("/anslagstavla.atom")).text();
    expect(notices).toContain("<title>Anslagstavla – ");
    expect(notices).not.toContain(`Kallelse: ${f.body.name}`);

    for (const path of [
      "/kalender/finns-inte.ics",
      "/beslut/finns-inte.atom",
      "/kalender/'%3B--.ics",
      "/beslut/x.rss",
    ])
      expect((await visitor.get(path)).status, path).toBe(404);
  });
});
