import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveMinutes, closeAndApprove, closeWithApprovers } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import {
  buildOpenMeeting,
  minuteParagraph,
  minuteParagraphs,
  openAnotherMeeting,
} from "../../test/support/meetings.js";
import { countGet, expectSameCounts } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { listNotices, takeDownDue } from "./queries.js";

// Approval's pages and API, and the notice board, read in a number of statements that does not grow with the
// paragraphs of the minutes, their signers or the notices (issue 9). The page cache is off, so the reads are counted.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const get = (client: Client, path: string) => countGet(database, client, path);

/** Statements a GET costs, with the response's body; fails on anything but 200. */

/**
 * Minutes of `paragraphs` paragraphs, closed with approvers appointed, and the secretary's desk then; approved, signed by the chair,
 * `approvers` approvers and the secretary.
 */
async function approvedMinutes(paragraphs: number, approvers: number) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  const minuted = await minuteParagraphs(database, m.system, f, paragraphs);
  const secretary = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
  const client = new Client(testApp(database, m.slug, { pageCache: false }).app);
  await client.logIn(secretary.email, secretary.password);
  // Closed with its approvers appointed: the desk offers each decided paragraph for approval at once.
  await closeWithApprovers(database, m.system, f, { approvers });
  const closed = await get(client, `/sammantraden/${f.meeting.id}/justering`);
  const version = await approveMinutes(database, m.system, f, { approvers });
  return { f, minuted, version, client, closed };
}

/** A municipality whose body has approved the minutes of `meetings` meetings: as many notices on the board. */
async function noticesOf(meetings: number) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system, { seats: 3 });
  for (let i = 1; i <= meetings; i++) {
    const held = await tx(database, async (t) => {
      const held = await openAnotherMeeting(t, m.system, f, `2026-02-${String(i).padStart(2, "0")}`);
      await minuteParagraph(t, m.system, f, { meeting: held, title: `Ärende ${i}` });
      return held;
    });
    await closeAndApprove(database, m.system, { meeting: held, members: f.members });
  }
  const visitor = new Client(testApp(database, m.slug, { pageCache: false }).app);
  const takeDownAll = () =>
    tx(database, async (t) => {
      for (const n of await listNotices(t, m.id, "board"))
        await takeDownDue(t, "2099-12-31", new Date(), n.notice.id);
    });
  return { visitor, takeDownAll };
}

describe("approval reads in a fixed number of statements", () => {
  it("shows the approval of minutes of 1 paragraph and 1 approver, and of 10 and 3, in as many statements", async () => {
    const small = await approvedMinutes(1, 1);
    const large = await approvedMinutes(10, 3);
    const reads = async (w: typeof small) => ({
      closedDesk: w.closed,
      desk: await get(w.client, `/sammantraden/${w.f.meeting.id}/justering`),
      deskApi: await get(w.client, `/api/meetings/${w.f.meeting.id}/approval`),
      version: await get(w.client, `/justering/${w.version.id}`),
      versionApi: await get(w.client, `/api/minutes-versions/${w.version.id}`),
      paragraphApi: await get(w.client, `/api/paragraphs/${w.minuted.at(-1)!.paragraph.id}/approval`),
    });
    const one = await reads(small);
    const many = await reads(large);

    // Before approval the desk lists the paragraphs that may be approved at once.
    expect(many.closedDesk.text).toContain("Ärende 10");
    expect(many.desk.text).toContain("Ledamot 4");
    const desk = JSON.parse(many.deskApi.text);
    expect(desk.paragraphs).toHaveLength(10);
    expect(many.version.text).toContain("Ledamot 4");
    const version = JSON.parse(many.versionApi.text);
    // The chair, three approvers and the secretary.
    expect(version.signatures).toHaveLength(5);
    expect(JSON.parse(version.content).paragraphs).toHaveLength(10);
    expect(JSON.parse(many.paragraphApi.text).signers).toHaveLength(5);

    expectSameCounts(one, many);
  });

  it("shows a notice board, its archive and its feed of 1 notice and of 10 in as many statements", async () => {
    const reads = async (meetings: number) => {
      const w = await noticesOf(meetings);
      const up = {
        board: await get(w.visitor, "/anslagstavla"),
        feed: await get(w.visitor, "/anslagstavla.atom"),
        boardApi: await get(w.visitor, "/api/notice-board"),
      };
      await w.takeDownAll();
      return {
        ...up,
        archive: await get(w.visitor, "/anslagstavla/arkiv"),
        archiveApi: await get(w.visitor, "/api/notice-board"),
      };
    };
    const one = await reads(1);
    const many = await reads(10);

    const links = (html: string) => html.match(/\/sammantraden\/[0-9a-f-]{36}\/protokoll/g) ?? [];
    expect(links(one.board.text)).toHaveLength(1);
    expect(links(many.board.text)).toHaveLength(10);
    expect(links(many.archive.text)).toHaveLength(10);
    expect(many.feed.text.match(/<entry>/g)).toHaveLength(10);
    expect(JSON.parse(many.boardApi.text).notices).toHaveLength(10);
    expect(JSON.parse(many.archiveApi.text).archive).toHaveLength(10);

    expectSameCounts(one, many);
  });
});
