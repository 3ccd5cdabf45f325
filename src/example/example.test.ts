import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "../../test/support/db.js";
import { createApp } from "../app/app.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { createLogger } from "../http/logger.js";
import {
  listBodies,
  listMemberships,
  listOfficials,
  listParties,
  listPersons,
} from "../organisation/queries.js";
import { loadExample } from "./load-example.js";

// The example gets a database of its own: its municipality slug is fixed, so it cannot share one with other tests.
let database: Database;
let municipalityId: string;
beforeAll(async () => {
  database = await isolatedDatabase();
  municipalityId = (await inTransaction(database.db, (tx) => loadExample(tx))).municipality.id;
});
afterAll(() => database.close());

describe("the Malmö example", () => {
  it("holds the bodies the seed names, with their kinds and slugs", async () => {
    const bodies = await inTransaction(database.db, (tx) => listBodies(tx, municipalityId));
    const byShort = Object.fromEntries(bodies.map((b) => [b.shortName, b]));
    expect(bodies).toHaveLength(19);
    expect(byShort.KF).toMatchObject({
      kind: "council",
      slug: "kommunfullmaktige",
      seats: 61,
      openMeetings: true,
    });
    expect(byShort.KS!.kind).toBe("executive_board");
    expect(byShort.KSAU).toMatchObject({ kind: "working_committee", parentId: byShort.KS!.id });
    expect(byShort.KSB!.kind).toBe("preparatory_committee");
    expect(bodies.filter((b) => b.kind === "committee")).toHaveLength(11);
    expect(byShort.FRN!.slug).toBe("fritidsnamnden");
    expect(
      bodies
        .filter((b) => b.kind === "company")
        .map((b) => b.shortName)
        .sort(),
    ).toEqual(["MINC", "MKB"]);
    expect(byShort.HÅL).toMatchObject({ kind: "department", parentId: byShort.STK!.id });
  });

  it("holds the parties and the persons with party or title and e-mail", async () => {
    const [parties, persons] = await inTransaction(
      database.db,
      async (tx) => [await listParties(tx, municipalityId), await listPersons(tx, municipalityId)] as const,
    );
    expect(parties.map((p) => p.abbreviation).sort()).toEqual(["C", "L", "M", "S", "SD", "V"]);
    const byName = Object.fromEntries(persons.map((p) => [p.name, p]));
    expect(byName["Katrin Stjernfeldt Jammeh"]!.partyAbbreviation).toBe("S");
    expect(byName["Roko Kursar"]!.partyAbbreviation).toBe("L");
    expect(byName["Farishta Sulaiman"]!.partyAbbreviation).toBe("M");
    expect(byName["Kay Wictorin"]!.partyAbbreviation).toBe("C");
    expect(byName["Håkan Fäldt"]!.partyAbbreviation).toBe("M");
    expect(byName["Anton Sauer"]!.partyAbbreviation).toBe("C");
    expect(byName["Nasrin Bigdelou"]!.email).toBe("nasrin.bigdelou@malmo.se");
  });

  it("holds memberships and official posts", async () => {
    const bodies = await inTransaction(database.db, (tx) => listBodies(tx, municipalityId));
    const kf = bodies.find((b) => b.shortName === "KF")!;
    const stk = bodies.find((b) => b.shortName === "STK")!;
    const [seats, posts] = await inTransaction(
      database.db,
      async (tx) =>
        [
          await listMemberships(tx, municipalityId, { bodyId: kf.id }),
          await listOfficials(tx, municipalityId, { bodyId: stk.id }),
        ] as const,
    );
    expect(seats.map((s) => s.personName).sort()).toEqual([
      "Anton Sauer",
      "Farishta Sulaiman",
      "Håkan Fäldt",
      "Katrin Stjernfeldt Jammeh",
      "Kay Wictorin",
      "Roko Kursar",
    ]);
    expect(seats.every((s) => s.startsOn === "2022-10-15" && s.endsOn === "2026-10-14")).toBe(true);
    expect(posts.map((p) => `${p.personName}: ${p.title}`).sort()).toEqual([
      "Andreas Norbrant: Stadsdirektör",
      "Nasrin Bigdelou: Enhetschef",
      "Nicklas Löfström: Nämndsekreterare",
    ]);
  });

  it("shows on the public pages", async () => {
    const app = createApp({ database, logger: createLogger("silent") });
    const kf = await (await app.request("/organ/kommunfullmaktige")).text();
    expect(kf).toContain("Katrin Stjernfeldt Jammeh");
    expect(kf).toContain("Malmö stad");
    const frn = await app.request("/organ/fritidsnamnden");
    expect(frn.status).toBe(200);
  });
});
