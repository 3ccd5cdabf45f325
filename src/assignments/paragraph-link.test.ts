import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildOpenMeeting } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignment } from "./give-assignment.js";
import { readAssignment } from "./read-assignments.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

// A decision reference to a body that keeps its minutes in Paragraf is a link to the paragraph itself.
describe("decision references and the minutes", () => {
  async function setting() {
    const m = await freshMunicipality(database);
    const meeting = await buildOpenMeeting(database, m.system);
    const paragraph = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: meeting.item.id }));
    return { m, meeting, paragraph };
  }

  it("links an assignment's decision to the paragraph that gave it, and renders the link", async () => {
    const { m, meeting, paragraph } = await setting();
    const given = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: meeting.case.id,
        bodyId: meeting.body.id,
        text: "Utreda saken",
        givenBy: { bodyId: meeting.body.id, decidedOn: "2026-03-10", paragraphNumber: paragraph.number },
      }),
    );
    const view = await tx(database, (t) => readAssignment(t, m.id, given.id));
    expect(view.givenBy.href).toBe(`/protokoll/${meeting.body.slug}/2026/${paragraph.number}`);
  });

  it("refuses a paragraph number the body's minutes have not reached, and writes nothing", async () => {
    const { m, meeting, paragraph } = await setting();
    const error = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: meeting.case.id,
        bodyId: meeting.body.id,
        text: "Utreda saken",
        givenBy: { bodyId: meeting.body.id, decidedOn: "2026-03-10", paragraphNumber: paragraph.number + 5 },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("decision_paragraph_missing");
    const { assignment } = await import("./tables.js");
    const { eq } = await import("drizzle-orm");
    expect(
      await tx(database, (t) => t.select().from(assignment).where(eq(assignment.caseId, meeting.case.id))),
    ).toHaveLength(0);
  });

  it("refuses a paragraph cited with another day than its meeting", async () => {
    const { m, meeting, paragraph } = await setting();
    const given = await tx(database, (t) =>
      giveAssignment(t, m.system, {
        caseId: meeting.case.id,
        bodyId: meeting.body.id,
        text: "Utreda saken",
        givenBy: { bodyId: meeting.body.id, decidedOn: "2026-03-10", paragraphNumber: paragraph.number },
      }),
    );
    const error = await tx(database, (t) =>
      closeAssignment(t, m.system, given.id, {
        outcome: "reported",
        closedBy: { bodyId: meeting.body.id, decidedOn: "2026-03-11", paragraphNumber: paragraph.number },
      }),
    ).catch((e: unknown) => e);
    expect((error as DomainError).code).toBe("decision_paragraph_other_day");
  });
});
