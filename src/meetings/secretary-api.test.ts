import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { planMeeting } from "./plan-meeting.js";
import { registeredDeskForms, secretaryActions } from "./secretary-actions.js";
import { submitReservationText } from "./submit-reservation-text.js";

// Whatever the secretary's pages can do, the API can do with the same use case. The forms come from the code in
// two ways: the addresses deskForms registered, and the form actions on the pages themselves in every state of a
// meeting; each must be in secretaryActions, whose use cases must each be an operationId of /api/openapi.json.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const templates = Object.keys(secretaryActions);

/** The template a concrete form action is an instance of, if any. */
function templateOf(action: string): string | undefined {
  return templates.find((t) =>
    new RegExp(`^${t.replace(/\{\w+\}/g, "[0-9a-f-]{36}")}$`).test(action.split(/[?#]/)[0]!),
  );
}

/** The actions of the forms on a page, leaving out the site's own (logging out, searching). */
async function formActions(client: Client, path: string): Promise<string[]> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<form[^>]*\saction="([^"]+)"/g)]
    .map((m) => m[1]!.replaceAll("&amp;", "&"))
    .filter((a) => a.startsWith("/sammantraden"));
}

describe("the secretary's pages and the API", () => {
  it("has an API operation for every form of the secretary's pages", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);

    // Every form registered through deskForms is in the table.
    expect(registeredDeskForms.size).toBeGreaterThan(0);
    expect([...registeredDeskForms].filter((a) => !(a in secretaryActions))).toEqual([]);

    // Every form the pages show, in each state of a meeting, is in the table; together they are all of it.
    const admin = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(admin.email, admin.password);
    const f = await buildOpenMeeting(database, m.system);
    const planned = await tx(database, async (t) => {
      const p = await planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: "2026-05-05",
        startsAt: "13:00",
        place: "Stadshuset",
      });
      await addAgendaItem(t, m.system, p.id, { caseId: f.case.id });
      return p;
    });
    const desk = (id: string, paragraphId?: string) =>
      `/sammantraden/${id}/sekreterare${paragraphId ? `/paragrafer/${paragraphId}` : ""}`;
    const seen: string[] = [];
    seen.push(...(await formActions(client, "/sammantraden/ny")));
    seen.push(...(await formActions(client, desk(planned.id))));
    seen.push(...(await formActions(client, desk(f.meeting.id))));

    const during = new Date("2026-03-10T14:00:00+01:00");
    const { paragraph } = await tx(database, (t) =>
      minuteParagraph(t, m.system, f, { title: "Ett ärende med allt" }),
    );
    // Two notes, one with its text and one without yet, and a reservation by a party whose text comes later.
    for (const text of ["Noterat.", null])
      await tx(database, (t) =>
        announceStatement(t, m.system, {
          paragraphId: paragraph.id,
          kind: "protocol_note",
          announcerIds: [f.members[0]!.id],
          announcedAt: during,
          text,
          submittedAt: during,
        }),
      );
    const reservation = await tx(database, (t) =>
      announceReservation(t, m.system, {
        paragraphId: paragraph.id,
        partyId: f.parties.m.id,
        announcedAt: during,
      }),
    );
    seen.push(...(await formActions(client, desk(f.meeting.id, paragraph.id))));
    await tx(database, (t) =>
      submitReservationText(t, m.system, reservation.id, {
        text: "Vi tycker annorlunda.",
        submittedAt: during,
      }),
    );
    seen.push(...(await formActions(client, desk(f.meeting.id, paragraph.id))));

    expect(seen.filter((a) => templateOf(a) === undefined)).toEqual([]);
    expect(templates.filter((t) => !seen.some((a) => templateOf(a) === t))).toEqual([]);

    // Each of their use cases is an operation of the API, named by its operationId.
    const doc = await (await client.get("/api/openapi.json")).json();
    const operations = new Set<string>();
    for (const item of Object.values(doc.paths) as Record<string, { operationId?: string }>[])
      for (const op of Object.values(item)) if (op.operationId) operations.add(op.operationId);
    const useCases = [...new Set(Object.values(secretaryActions))];
    expect(useCases.length).toBe(19);
    expect(useCases.filter((u) => !operations.has(u))).toEqual([]);
  });

  it("documents the order of a meeting and the ids in the OpenAPI document", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const doc = await (await new Client(app).get("/api/openapi.json")).json();
    const tag = doc.tags.find((t: { name: string }) => t.name === "Sammanträden");
    for (const step of ["planMeeting", "publishNotice", "openMeeting", "takeUpItem", "closeMeeting"])
      expect(tag.description).toContain(step);
    expect(tag.description).toContain("`bodyId` är ett organs id (GET /api/bodies)");
    expect(tag.description).toContain("`personId`");
    const open = doc.paths["/api/meetings/{id}/open"].post;
    expect(open.operationId).toBe("openMeeting");
    expect(Object.keys(open.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409"]);
    expect(open.responses["409"].description).toContain("council_notice_missing");
    expect(doc.paths["/api/paragraphs"].post.description).toContain(
      "openMeeting (POST /api/meetings/{id}/open)",
    );
  });
});
