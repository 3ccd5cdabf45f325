import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { createBody } from "./bodies.js";
import { addMembership } from "./memberships.js";
import { addOfficial } from "./officials.js";
import { createParty } from "./parties.js";
import { createPerson } from "./persons.js";
import { isCurrentMembership } from "./present.js";
import { readBodyPage } from "./read-bodies.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** A council with `members` members, each of their own party, and an administration under it with an official. */
async function councilWith(m: TestMunicipality, members: number) {
  return tx(database, async (t) => {
    const council = await createBody(t, m.system, { name: "Kommunfullmäktige", kind: "council", seats: 61 });
    const office = await createBody(t, m.system, {
      name: "Stadskontoret",
      kind: "administration",
      parentId: council.id,
    });
    for (let i = 1; i <= members; i++) {
      const party = await createParty(t, m.system, { name: `Parti ${i}`, abbreviation: `P${i}` });
      const person = await createPerson(t, m.system, { name: `Ledamot ${i}`, partyId: party.id });
      await addMembership(t, m.system, {
        personId: person.id,
        bodyId: council.id,
        role: i === 1 ? "chair" : "member",
        startsOn: "2022-10-15",
        // Every third one has left, so the page shows former members as well.
        endsOn: i % 3 === 0 ? "2024-06-30" : null,
      });
    }
    const clerk = await createPerson(t, m.system, { name: "Tjänsteperson" });
    await addOfficial(t, m.system, { personId: clerk.id, bodyId: office.id, title: "Nämndsekreterare" });
    return { council, office };
  });
}

/** A person with a seat in each of `seats` committees. */
async function personWith(m: TestMunicipality, seats: number) {
  return tx(database, async (t) => {
    const party = await createParty(t, m.system, { name: "Partiet", abbreviation: "P" });
    const person = await createPerson(t, m.system, { name: "Förtroendevald", partyId: party.id });
    for (let i = 1; i <= seats; i++) {
      const committee = await createBody(t, m.system, { name: `Nämnd ${i}`, kind: "committee" });
      await addMembership(t, m.system, {
        personId: person.id,
        bodyId: committee.id,
        role: "member",
        startsOn: "2022-10-15",
      });
    }
    return person;
  });
}

describe("the organisation's pages read in a fixed number of statements", () => {
  it("shows a body with 1 member and one with 30 in as many queries", async () => {
    const counts: number[] = [];
    for (const size of [1, 30]) {
      const m = await freshMunicipality(database);
      await councilWith(m, size);
      const visitor = new Client(testApp(database, m.slug).app);
      const { result, queries } = await countQueries(database, () => visitor.get("/organ/kommunfullmaktige"));
      const html = await result.text();
      expect(html).toContain(`Ledamot ${size}`);
      expect(html).toContain("Underordnade organ");
      counts.push(queries);
    }
    expect(counts[1], `queries with 1 member: ${counts[0]}, with 30: ${counts[1]}`).toBe(counts[0]);
  });

  it("shows a person with 1 membership and one with 10 in as many queries", async () => {
    const counts: number[] = [];
    for (const size of [1, 10]) {
      const m = await freshMunicipality(database);
      const person = await personWith(m, size);
      const visitor = new Client(testApp(database, m.slug).app);
      const { result, queries } = await countQueries(database, () => visitor.get(`/personer/${person.id}`));
      const html = await result.text();
      expect(html).toContain(`Nämnd ${size}</a>`);
      counts.push(queries);
    }
    expect(counts[1], `queries with 1 membership: ${counts[0]}, with 10: ${counts[1]}`).toBe(counts[0]);
  });
});

describe("current and former members, by the Stockholm day", () => {
  it("counts a membership as current through its last day, and former from the next Stockholm day", () => {
    expect(isCurrentMembership({ endsOn: null }, "2026-01-22")).toBe(true);
    expect(isCurrentMembership({ endsOn: "2026-01-22" }, "2026-01-22")).toBe(true);
    expect(isCurrentMembership({ endsOn: "2026-01-21" }, "2026-01-22")).toBe(false);
  });

  it("shows a membership that ended yesterday as former at 00:30 in Stockholm, while UTC still has yesterday", async () => {
    const m = await freshMunicipality(database);
    const { council } = await councilWith(m, 1);
    const person = await tx(database, (t) => createPerson(t, m.system, { name: "Avgången ledamot" }));
    await tx(database, (t) =>
      addMembership(t, m.system, {
        personId: person.id,
        bodyId: council.id,
        role: "member",
        startsOn: "2022-10-15",
        endsOn: "2026-01-21",
      }),
    );
    // 23:30 UTC on 21 January is 00:30 on 22 January in Stockholm; the UTC date would still be the 21st.
    const halfPastMidnight = todayInStockholm(new Date("2026-01-21T23:30:00Z"));
    const page = await tx(database, (t) => readBodyPage(t, m.id, council.slug, halfPastMidnight));
    expect(page.former.map((x) => x.personName)).toEqual(["Avgången ledamot"]);
    expect(page.current.map((x) => x.personName)).toEqual(["Ledamot 1"]);
    // 22:59 UTC is 23:59 on the 21st in Stockholm: the last day of the membership, so it is still current.
    const sameEvening = await tx(database, (t) =>
      readBodyPage(t, m.id, council.slug, todayInStockholm(new Date("2026-01-21T22:59:00Z"))),
    );
    expect(sameEvening.current.map((x) => x.personName).sort()).toEqual(["Avgången ledamot", "Ledamot 1"]);
  });
});
