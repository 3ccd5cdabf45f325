import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { followUpSetting } from "../../test/support/followup.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { closeAssignment } from "./close-assignment.js";
import { isOverdue } from "./deadlines.js";
import { giveAssignment } from "./give-assignment.js";
import { readAssignments, readUnfinishedCouncilAssignments } from "./read-assignments.js";
import { assignment, decisionReference } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function rejects(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("deadlines", () => {
  it("marks an open assignment past its deadline as overdue, and only that (KL 6 kap. 4 §)", () => {
    expect(isOverdue("open", "2025-06-30", "2025-07-01")).toBe(true);
    expect(isOverdue("open", "2025-06-30", "2025-06-30")).toBe(false);
    expect(isOverdue("reported", "2025-06-30", "2025-07-01")).toBe(false);
    expect(isOverdue("open", null, "2030-01-01")).toBe(false);
  });
});

describe("assignments", () => {
  it("gives two assignments by one decision and closes both as reported by a later one", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    const givenBy = { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 };
    const first = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy,
        bodyId: ks.id,
        text: "Samordna",
        deadline: null,
      }),
    );
    const second = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy,
        bodyId: ks.id,
        text: "Utarbeta formerna",
        deadline: "2025-06-30",
      }),
    );
    expect(second.givenById).toBe(first.givenById);
    const refs = await tx(database, (t) =>
      t.select().from(decisionReference).where(eq(decisionReference.municipalityId, m.id)),
    );
    expect(refs).toHaveLength(1);

    const open = await tx(database, (t) => readAssignments(t, m.id, { bodyId: ks.id, status: "open" }));
    expect(open.map((a) => a.givenBy.code)).toEqual(["KF 240926 § 189", "KF 240926 § 189"]);
    expect(open.find((a) => a.text === "Utarbeta formerna")!.overdue).toBe(true);

    const closedBy = { bodyId: kf.id, decidedOn: "2026-01-22", paragraphNumber: 8 };
    for (const a of [first, second])
      await tx(database, (t) => closeAssignment(t, m.system, a.id, { outcome: "reported", closedBy }));
    const all = await tx(database, (t) => readAssignments(t, m.id, { caseId: kase.id }));
    expect(all.map((a) => [a.status, a.closedBy?.code, a.overdue, a.ageDays])).toEqual([
      ["reported", "KF 260122 § 8", false, 483],
      ["reported", "KF 260122 § 8", false, 483],
    ]);
    const trail = await tx(database, (t) =>
      t.select().from(auditEntry).where(eq(auditEntry.recordId, first.id)),
    );
    expect(trail.map((e) => e.action)).toEqual(["assignment.given", "assignment.closed"]);
  });

  it("lists the council's assignments unfinished at the end of a year", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    const a = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Samordna",
      }),
    );
    // An assignment from the board itself is not a council assignment.
    await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: ks.id, decidedOn: "2024-10-02", paragraphNumber: 40 },
        bodyId: ks.id,
        text: "Internt",
      }),
    );
    await tx(database, (t) =>
      closeAssignment(t, m.system, a.id, {
        outcome: "reported",
        closedBy: { bodyId: kf.id, decidedOn: "2026-01-22", paragraphNumber: 8 },
      }),
    );
    const y2023 = await tx(database, (t) => readUnfinishedCouncilAssignments(t, m.id, 2023));
    const y2024 = await tx(database, (t) => readUnfinishedCouncilAssignments(t, m.id, 2024));
    const y2025 = await tx(database, (t) => readUnfinishedCouncilAssignments(t, m.id, 2025));
    const y2026 = await tx(database, (t) => readUnfinishedCouncilAssignments(t, m.id, 2026));
    expect(y2023).toHaveLength(0);
    expect(y2024.map((x) => [x.text, x.ageDays])).toEqual([["Samordna", 96]]);
    expect(y2025.map((x) => x.ageDays)).toEqual([461]);
    expect(y2026).toHaveLength(0);
  });

  it("refuses to close an assignment twice and writes nothing the second time", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    const a = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Samordna",
      }),
    );
    await tx(database, (t) =>
      closeAssignment(t, m.system, a.id, {
        outcome: "reported",
        closedBy: { bodyId: kf.id, decidedOn: "2026-01-22", paragraphNumber: 8 },
      }),
    );
    const error = await rejects(
      tx(database, (t) =>
        closeAssignment(t, m.system, a.id, {
          outcome: "lapsed",
          closedBy: { bodyId: kf.id, decidedOn: "2026-02-26", paragraphNumber: 30 },
        }),
      ),
    );
    expect(error.code).toBe("assignment_already_closed");
    const [stored] = await tx(database, (t) => t.select().from(assignment).where(eq(assignment.id, a.id)));
    expect(stored!.status).toBe("reported");
    const refs = await tx(database, (t) =>
      t.select().from(decisionReference).where(eq(decisionReference.municipalityId, m.id)),
    );
    expect(refs.map((r) => r.paragraphNumber).sort()).toEqual([189, 8].sort());
  });

  it("refuses a decision reference that contradicts a stored one, and a body of another municipality", async () => {
    const m = await freshMunicipality(database);
    const other = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    const foreign = await followUpSetting(database, other.system);
    await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: kase.id,
        givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
        bodyId: ks.id,
        text: "Samordna",
      }),
    );
    const conflict = await rejects(
      tx(database, (t) =>
        giveAssignment(t, m.system, {
          caseId: kase.id,
          givenBy: { bodyId: kf.id, decidedOn: "2024-10-09", paragraphNumber: 189 },
          bodyId: ks.id,
          text: "Utarbeta formerna",
        }),
      ),
    );
    expect(conflict.code).toBe("decision_reference_conflict");
    expect(conflict.field).toBe("givenBy.decidedOn");
    const wrongBody = await rejects(
      tx(database, (t) =>
        giveAssignment(t, m.system, {
          caseId: kase.id,
          givenBy: { bodyId: foreign.kf.id, decidedOn: "2024-09-26", paragraphNumber: 190 },
          bodyId: ks.id,
          text: "Utarbeta formerna",
        }),
      ),
    );
    expect(wrongBody.code).toBe("decision_body_not_found");
    const early = await rejects(
      tx(database, (t) =>
        giveAssignment(t, m.system, {
          caseId: kase.id,
          givenBy: { bodyId: kf.id, decidedOn: "2024-09-26", paragraphNumber: 189 },
          bodyId: ks.id,
          text: "Utarbeta formerna",
          deadline: "2024-01-01",
        }),
      ),
    );
    expect(early.code).toBe("deadline_before_decision");
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(1);
  });

  it("stores one reference when several transactions cite the same new decision at once", async () => {
    const m = await freshMunicipality(database);
    const { kf, ks, kase } = await followUpSetting(database, m.system);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        tx(database, (t) =>
          giveAssignment(t, m.system, {
            caseId: kase.id,
            givenBy: { bodyId: kf.id, decidedOn: "2025-02-27", paragraphNumber: 33 },
            bodyId: ks.id,
            text: `Uppdrag ${i + 1}`,
          }),
        ),
      ),
    );
    const refs = await tx(database, (t) =>
      t.select().from(decisionReference).where(eq(decisionReference.municipalityId, m.id)),
    );
    expect(refs).toHaveLength(1);
    expect(await tx(database, (t) => readAssignments(t, m.id))).toHaveLength(8);
  });
});
