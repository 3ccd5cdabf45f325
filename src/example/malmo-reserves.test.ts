import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, tx } from "../../test/support/db.js";
import type { Database } from "../db/connect.js";
import { readReserves } from "../reserves/read-follow-up.js";
import { loadExample } from "./load-example.js";
import { reserveExternalId } from "./malmo-reserves.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

class Rollback extends Error {}

const publicReader = { all: false, bodyIds: [] };

describe("the Malmö example's reserve", () => {
  it("is the seed's 10 000 000 kr for 2026, created by KF 260122 § 8, with illustrative call-offs under its three themes", async () => {
    await expect(
      tx(database, async (t) => {
        const { municipality } = await loadExample(t);
        const [reserve] = await readReserves(t, municipality.id, publicReader, "2026-12-01");
        expect(reserve!.externalId).toBe(reserveExternalId);
        expect(reserve!.money.appropriated).toBe("10\u00a0000\u00a0000\u00a0kr");
        expect(reserve!.decision).toBe("KF 260122 § 8");
        expect(reserve!.ownerBodyName).toBe("Kommunstyrelsen");
        expect(reserve!.processes).toEqual(["Lokal utveckling", "Universell prevention"]);
        expect(reserve!.targetGroups).toEqual(["Barn och unga"]);
        expect(reserve!.themes).toHaveLength(3);
        // Granted 3 000 000 + 1 800 000 + 1 500 000; the culture committee's application was rejected.
        expect(reserve!.money.granted).toBe("6\u00a0300\u00a0000\u00a0kr");
        expect(reserve!.money.remaining).toBe("3\u00a0700\u00a0000\u00a0kr");
        expect(reserve!.ledgerChecked).toBe(true);
        expect(reserve!.callOffs.every((c) => c.illustrative)).toBe(true);
        expect(new Set(reserve!.callOffs.map((c) => c.theme))).toEqual(new Set(reserve!.themes));
        expect(reserve!.callOffs.map((c) => c.statusText)).toEqual([
          "beviljat",
          "delvis beviljat",
          "beviljat",
          "avslaget",
        ]);
        expect(reserve!.callOffs[0]!.decision).toBe("KSAU 260309 § 92");
        const names = reserve!.callOffs.flatMap((c) => c.indicators.map((i) => i.name)).join(" | ");
        expect(names).toContain("behöriga till gymnasiets yrkesprogram");
        expect(names).toContain("studerar eller arbetar");
        expect(names).toContain("fullföljer grundskolan");
        expect(reserve!.byArea.map((a) => a.name).sort()).toEqual([
          "Innerstaden",
          "Norr",
          "Söder",
          "Väster",
          "Öster",
        ]);
        expect(reserve!.progressPermille).not.toBeNull();
        // Malmö's own follow-up calendar gives the reports' last days.
        expect(reserve!.callOffs[0]!.reportsDue).toContainEqual({
          label: "Årsanalys 2026",
          dueOn: "2027-02-15",
        });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
