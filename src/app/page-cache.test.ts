import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, isolatedDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { recordDecision } from "../meetings/record-decision.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { updateCase } from "../register/update-case.js";

// A database of this file's own: on a shared server another file's write would move the version between two reads.
let database: Database;
beforeAll(async () => {
  database = await isolatedDatabase();
});
afterAll(() => database.close());

async function decidedParagraph() {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system, { seats: 3 });
  const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id, summary: "Kort." }));
  await tx(database, (t) =>
    recordDecision(t, m.system, { paragraphId: p.id, points: ["Nämnden bifaller."] }),
  );
  return { m, f, path: `/protokoll/${f.body.slug}/2026/1` };
}

describe("the page cache of anonymous visitors' public pages", () => {
  it("serves a page again in one statement, with an ETag that answers 304", async () => {
    const { m, path } = await decidedParagraph();
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);
    const first = await visitor.get(path);
    expect(first.status).toBe(200);
    const html = await first.text();
    const again = await countQueries(database, async () => {
      const res = await visitor.get(path);
      return { res, html: await res.text() };
    });
    expect(again.result.html).toBe(html);
    // The data version and nothing else: no session, no municipality, no minutes read.
    expect(again.queries).toBe(1);
    const etag = again.result.res.headers.get("etag");
    expect(etag).toMatch(/^"v\d+-/);
    expect(again.result.res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(again.result.res.headers.get("set-cookie")).toBeNull();
    const notModified = await visitor.request("GET", path, { headers: { "if-none-match": etag! } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  });

  it("shows a change at once, a secrecy marking included: every commit moves the data version", async () => {
    const { m, f, path } = await decidedParagraph();
    const { app } = testApp(database, m.slug);
    const visitor = new Client(app);
    expect(await (await visitor.get(path)).text()).toContain("Ett ärende");
    await tx(database, (t) =>
      updateCase(t, m.system, f.case.id, {
        title: "Ett ärende om en enskilds hälsa",
        publicTitle: "Ärende under sekretess",
        secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-03-11", markedById: f.body.id },
      }),
    );
    const after = await (await visitor.get(path)).text();
    expect(after).not.toContain("enskilds hälsa");
    expect(after).toContain("Ärende under sekretess");
  });

  it("never serves a signed-in reader from the cache, nor keeps what they were shown", async () => {
    const { m, path } = await decidedParagraph();
    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const visitor = new Client(app);
    await visitor.get(path);
    const member = new Client(app);
    await member.logIn(user.email, user.password);
    const signedIn = await member.get(path);
    expect(await signedIn.text()).toContain("Logga ut");
    expect(signedIn.headers.get("etag")).toBeNull();
    expect(await (await visitor.get(path)).text()).not.toContain("Logga ut");
  });

  it("is off when PARAGRAF_PAGE_CACHE says so", async () => {
    const { m, path } = await decidedParagraph();
    const { app } = testApp(database, m.slug, { pageCache: false });
    const visitor = new Client(app);
    await visitor.get(path);
    const again = await countQueries(database, () => visitor.get(path));
    expect(again.queries).toBeGreaterThan(5);
  });
});
