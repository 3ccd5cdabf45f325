import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAndApprove } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import type { Database } from "../db/connect.js";
import { setRecipients } from "../meetings/set-recipients.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function world() {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  const other = await buildBody(database, m.system, {
    name: `Annan nämnd ${m.slug}`,
    email: `annan-${m.slug}@test.example`,
  });
  const { paragraph } = await tx(database, (t) =>
    minuteParagraph(t, m.system, f, { title: "Utdrag på webben" }),
  );
  const { app } = testApp(database, m.slug);
  const as = async (grants: Parameters<typeof buildUser>[2]) => {
    const user = await buildUser(database, m.system, grants);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    return client;
  };
  return {
    m,
    f,
    other,
    paragraph,
    app,
    secretary: await as([{ role: "secretary", bodyId: f.body.id }]),
    outsider: await as([{ role: "secretary", bodyId: other.id }]),
    close: () => closeAndApprove(database, m.system, f),
    recipients: (recipients: { bodyId?: string; label?: string; email?: string }[]) =>
      tx(database, (t) => setRecipients(t, m.system, { paragraphId: paragraph.id, recipients })),
  };
}

describe("dispatch over HTTP", () => {
  it("answers the API in Swedish: bad input 400, not allowed 401/403, not yet 409, done 201, twice 409", async () => {
    const w = await world();
    const path = `/api/paragraphs/${w.paragraph.id}/dispatch`;
    const anonymous = new Client(w.app);
    expect((await anonymous.request("POST", path, { json: {} })).status).toBe(401);
    expect((await w.outsider.request("POST", path, { json: {} })).status).toBe(403);
    const early = await w.secretary.request("POST", path, { json: {} });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toBe(
      "Beslutet kan expedieras först när protokollet är justerat, eller paragrafen är omedelbart justerad (KL 5 kap. 69–70 §§).",
    );
    await w.close();
    const badDate = await w.secretary.request("POST", path, { json: { dispatchedOn: "18 mars" } });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(await badDate.json())).toContain("Ange expedieringsdagen som ÅÅÅÅ-MM-DD.");
    const unknown = await w.secretary.request("POST", path, { json: { skickaTill: "alla" } });
    expect(unknown.status).toBe(400);
    const done = await w.secretary.request("POST", path, { json: { dispatchedOn: "2026-03-18" } });
    expect(done.status).toBe(201);
    const body = await done.json();
    expect(
      body.deliveries.map((d: { name: string; statusLabel: string }) => [d.name, d.statusLabel]),
    ).toEqual([
      [w.f.body.name, "Levererat internt"],
      ["Stadskontoret", "Levererat internt"],
    ]);
    const twice = await w.secretary.request("POST", path, { json: {} });
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toContain("Beslutet expedierades redan 2026-03-18.");
    expect((await anonymous.get(path)).status).toBe(200);
    expect(
      (await anonymous.get(`/api/paragraphs/00000000-0000-4000-8000-000000000000/dispatch`)).status,
    ).toBe(404);
    const noReason = await w.secretary.request("POST", "/api/dispatch-bounces", {
      json: { messageId: "<x@y>" },
    });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain("Ange vad leveransrapporten säger.");
  });

  it("refuses a recipient address that does not parse when the secretary enters it, and saves nothing", async () => {
    const w = await world();
    const res = await w.secretary.request("POST", "/api/recipients", {
      json: {
        paragraphId: w.paragraph.id,
        recipients: [{ label: "Sökanden", email: "sokanden(at)exempel.se" }],
      },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(
      "E-postadressen sokanden(at)exempel.se går inte att tolka. Skriv den som namn@exempel.se.",
    );
    const desk = `/sammantraden/${w.f.meeting.id}/sekreterare/paragrafer/${w.paragraph.id}`;
    const form = await w.secretary.postForm(desk, `${desk}/mottagare`, {
      labels: "Sökanden <anna@@exempel.se>",
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("E-postadressen anna@@exempel.se går inte att tolka.");
    const ok = await w.secretary.postForm(desk, `${desk}/mottagare`, {
      labels: "Sökanden <anna@exempel.se>",
    });
    expect(ok.status).toBe(303);
  });

  it("lets the secretary dispatch from the page and shows the status per recipient there and on the paragraph page", async () => {
    const w = await world();
    await w.recipients([{ bodyId: w.other.id }, { label: "Sökanden" }]);
    const page = `/sammantraden/${w.f.meeting.id}/sekreterare/paragrafer/${w.paragraph.id}/expediering`;
    expect(await (await w.secretary.get(page)).text()).toContain(
      "Beslutet kan expedieras när protokollet är justerat",
    );
    expect((await w.outsider.get(page)).status).toBe(403);
    await w.close();
    const form = await w.secretary.postForm(page, page, { dispatchedOn: "2026-03-18" });
    expect(form.status).toBe(303);
    const html = await (await w.secretary.get(page)).text();
    expect(html).toContain("Expedierat 2026-03-18 till 2 mottagare.");
    expect(html).toContain("I kö");
    expect(html).toContain(`annan-${w.m.slug}@test.example`);
    const again = await w.secretary.postForm(page, page, { dispatchedOn: "2026-03-19" });
    expect(again.status).toBe(409);
    const publicPage = await (
      await new Client(w.app).get(`/protokoll/${w.f.body.slug}/2026/${w.paragraph.number}`)
    ).text();
    expect(publicPage).toContain("Expediering");
    expect(publicPage).toContain("I kö");
    expect(publicPage).not.toContain(`annan-${w.m.slug}@test.example`);
  });
});
