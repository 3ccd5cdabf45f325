import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAndApprove } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { countGet, expectSameCounts } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import { setRecipients } from "../meetings/set-recipients.js";
import { dispatchParagraph } from "./dispatch-paragraph.js";

// A paragraph's dispatch reads in a number of statements that does not grow with its recipients and their
// deliveries (issue 9): the secretary's page, the API, and the public paragraph page that shows the status.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const get = (client: Client, path: string) => countGet(database, client, path);

/** An approved paragraph sent to `recipients` recipients by e-mail, read before and after it is dispatched. */
async function dispatchReads(recipients: number) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  const { paragraph } = await tx(database, (t) =>
    minuteParagraph(t, m.system, f, { title: "Spontanidrott" }),
  );
  await tx(database, (t) =>
    setRecipients(t, m.system, {
      paragraphId: paragraph.id,
      recipients: Array.from({ length: recipients }, (_, i) => ({
        label: `Mottagare ${i + 1}`,
        email: `mottagare-${i + 1}-${m.slug}@test.example`,
      })),
    }),
  );
  await closeAndApprove(database, m.system, f);
  const secretary = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
  const { app } = testApp(database, m.slug, { pageCache: false });
  const client = new Client(app);
  await client.logIn(secretary.email, secretary.password);
  const page = `/sammantraden/${f.meeting.id}/sekreterare/paragrafer/${paragraph.id}/expediering`;
  const api = `/api/paragraphs/${paragraph.id}/dispatch`;
  const ready = await get(client, page);
  await tx(database, (t) => dispatchParagraph(t, m.system, paragraph.id, { dispatchedOn: "2026-03-18" }));
  return {
    ready,
    page: await get(client, page),
    api: await get(client, api),
    publicApi: await get(new Client(app), api),
    publicParagraph: await get(new Client(app), `/protokoll/${f.body.slug}/2026/${paragraph.number}`),
  };
}

describe("dispatch reads in a fixed number of statements", () => {
  it("shows a dispatch to 1 recipient and one to 12 in as many statements, on the page and in the API", async () => {
    const one = await dispatchReads(1);
    const many = await dispatchReads(12);

    expect(many.ready.text).toContain("Expediera beslutet");
    expect(many.page.text).toContain("Expedierat 2026-03-18 till 12 mottagare.");
    expect(many.page.text).toContain("Mottagare 12");
    expect(JSON.parse(many.api.text).deliveries).toHaveLength(12);
    expect(JSON.parse(many.publicApi.text).deliveries).toHaveLength(12);
    expect(many.publicParagraph.text).toContain("Mottagare 12");

    expectSameCounts(one, many);
  });
});
