import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAndApprove } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { docxText, fold, pdfText } from "../../test/support/documents.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph, minuteParagraphs } from "../../test/support/meetings.js";
import { countGet, expectSameCounts } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";

// The downloads of approved minutes and of a paragraph's extract read in a number of statements that does not grow
// with the paragraphs, motions and decision basis they show (issue 9). What is counted is the reading, not the
// rendering: each file is asked for by a visitor and by an admin, on its address and in the API (later requests
// find the kept bytes).

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const get = (client: Client, path: string) => countGet(database, client, path);

/**
 * Approved minutes of `paragraphs` paragraphs; the last with `motions` motions and `records` records of its case
 * in the decision basis.
 */
async function documentsOf(paragraphs: number, last: { motions: number; records: number }) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  await minuteParagraphs(database, m.system, f, paragraphs - 1);
  const { paragraph } = await tx(database, (t) =>
    minuteParagraph(t, m.system, f, { title: `Ärende ${paragraphs}`, ...last }),
  );
  await closeAndApprove(database, m.system, f);
  const { app } = testApp(database, m.slug, { pageCache: false });
  const admin = await buildUser(database, m.system);
  const signedIn = new Client(app);
  await signedIn.logIn(admin.email, admin.password);
  const extract = `/protokoll/${f.body.slug}/2026/${paragraph.number}/utdrag`;
  const reads: Record<string, { bytes: Buffer; queries: number }> = {};
  for (const [who, client] of [
    ["visitor", new Client(app)],
    ["signed in", signedIn],
  ] as const)
    for (const format of ["pdf", "docx"]) {
      const read = async (name: string, path: string) => {
        reads[`${name}.${format} ${who}`] = await get(client, path);
      };
      await read("minutes", `/sammantraden/${f.meeting.id}/protokoll.${format}`);
      await read("minutesApi", `/api/meetings/${f.meeting.id}/minutes?format=${format}`);
      await read("extract", `${extract}.${format}`);
      await read("extractApi", `/api/paragraphs/${paragraph.id}/extract?format=${format}`);
    }
  return reads;
}

describe("the documents of approved minutes read in a fixed number of statements", () => {
  it("downloads minutes of 1 paragraph and of 10, and an extract of 2 motions and of 10, in as many statements", async () => {
    const one = await documentsOf(1, { motions: 2, records: 1 });
    const many = await documentsOf(10, { motions: 10, records: 10 });

    const minutes = fold(pdfText(many["minutes.pdf visitor"]!.bytes));
    for (let n = 1; n <= 10; n++) expect(minutes).toContain(`Ärende ${n}`);
    expect(docxText(many["minutesApi.docx visitor"]!.bytes)).toContain("Ärende 10");
    const extract = fold(pdfText(many["extract.pdf visitor"]!.bytes));
    expect(extract).toContain("skäl 9");
    expect(extract).toContain("Skrivelse 10 i Ärende 10");
    expect(docxText(many["extractApi.docx signed in"]!.bytes)).toContain("Skrivelse 10 i Ärende 10");

    expectSameCounts(one, many);
  });
});
