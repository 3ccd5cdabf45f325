import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { followUpSetting } from "../../test/support/followup.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { registerNewCase } from "../register/register-case.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import { presentAssignment } from "./present.js";
import { listAssignmentRows } from "./queries.js";
import { publicReader } from "./read-assignments.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe("assignment lists read in a fixed number of statements", () => {
  it("shows /uppdrag and the annual list with 1 assignment and with 20 in as many queries", async () => {
    const counts: { list: number; annual: number }[] = [];
    for (const size of [1, 20]) {
      const m = await freshMunicipality(database);
      const { kf, ks, ksau, kase } = await followUpSetting(database, m.system);
      await tx(database, async (t) => {
        for (let i = 1; i <= size; i++) {
          const given = await giveAssignment(t, m.system, {
            caseId: kase.id,
            // Each by a decision of its own, to the board or its working committee, some of them late.
            givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 100 + i },
            bodyId: i % 2 ? ks.id : ksau.id,
            text: `Uppdrag nummer ${i}`,
            deadline: i % 3 ? "2025-06-30" : null,
          });
          if (i % 4 === 0)
            await closeAssignment(t, m.system, given.id, {
              outcome: "reported",
              closedBy: { bodyId: kf.id, decidedOn: "2025-03-01", paragraphNumber: 200 + i },
            });
        }
      });
      const visitor = new Client(testApp(database, m.slug).app);
      const list = await countQueries(database, () => visitor.get("/uppdrag"));
      expect(await list.result.text()).toContain("Uppdrag nummer 1<");
      const annual = await countQueries(database, () => visitor.get("/uppdrag/ej-slutforda?ar=2024"));
      expect(await annual.result.text()).toContain(`${size} ej slutförda uppdrag`);
      counts.push({ list: list.queries, annual: annual.queries });
    }
    const [one, twenty] = counts;
    expect(
      twenty,
      `queries with 1 assignment: ${JSON.stringify(one)}, with 20: ${JSON.stringify(twenty)}`,
    ).toEqual(one);
  });
});

describe("the case an assignment belongs to (OSL 5 kap. 2 §)", () => {
  it("shows a secret case's public title to a reader without access and the real one to a reader with", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks } = await followUpSetting(database, m.system);
    const secret = await tx(database, (t) =>
      registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Utredning om ersättning till Kalle Karlsson",
        publicTitle: "Utredning om ersättning",
        responsibleBodyId: ks.id,
        openedOn: "2024-09-01",
        secrecy: { provision: "OSL 21 kap. 1 §", markedOn: "2024-09-01", markedById: ks.id },
      }),
    );
    const given = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: secret.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 190 },
        bodyId: ks.id,
        text: "Betala ut ersättningen",
      }),
    );
    const { app } = testApp(database, m.slug);
    const page = `/uppdrag/${given.id}`;

    const anonymous = await (await new Client(app).get(page)).text();
    expect(anonymous).toContain(`${secret.number} Utredning om ersättning<`);
    expect(anonymous).not.toContain("Kalle Karlsson");

    // A case officer of another body has no access to the board's secret case either.
    const outsider = await buildUser(database, m.system, [{ role: "case_officer", bodyId: kf.id }]);
    const outsiderClient = new Client(app);
    await outsiderClient.logIn(outsider.email, outsider.password);
    expect(await (await outsiderClient.get(page)).text()).not.toContain("Kalle Karlsson");

    const officer = await buildUser(database, m.system, [{ role: "case_officer", bodyId: ks.id }]);
    const officerClient = new Client(app);
    await officerClient.logIn(officer.email, officer.password);
    expect(await (await officerClient.get(page)).text()).toContain(
      "Utredning om ersättning till Kalle Karlsson",
    );
  });

  it("never shows an empty title: a secret case without a public title reads as a secret case", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Samordna",
      }),
    );
    const [row] = await tx(database, (t) => listAssignmentRows(t, m.id));
    // A row as an older register may hold it: marked secret, no public title.
    const marked = { ...row!, caseSecrecyProvision: "OSL 21 kap. 1 §", casePublicTitle: null };
    expect(presentAssignment(marked, publicReader("2026-01-22")).caseTitle).toBe("Sekretessmarkerat ärende");
    expect(
      presentAssignment(marked, { access: { all: true, bodyIds: [] }, today: "2026-01-22" }).caseTitle,
    ).toBe("Återrapportering kring kraftsamlande insatser");
  });

  it("ages an assignment and marks it late by the reader's Stockholm day", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Samordna",
        deadline: "2025-06-30",
      }),
    );
    const [row] = await tx(database, (t) => listAssignmentRows(t, m.id));
    const onDeadline = presentAssignment(row!, publicReader("2025-06-30"));
    const dayAfter = presentAssignment(row!, publicReader("2025-07-01"));
    expect([onDeadline.overdue, onDeadline.ageDays]).toEqual([false, 277]);
    expect([dayAfter.overdue, dayAfter.ageDays]).toEqual([true, 278]);
  });
});
