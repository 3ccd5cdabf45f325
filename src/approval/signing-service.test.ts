import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWithApprovers } from "../../test/support/approval.js";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { startSigningService } from "../../test/support/signing.js";
import { auditEntry } from "../audit/tables.js";
import { readConfig } from "../config.js";
import type { Database } from "../db/connect.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { jobHandlers } from "../jobs/start.js";
import { outboxJob } from "../jobs/tables.js";
import { freezeMinutes } from "./freeze-minutes.js";
import { signingProvider } from "./http-signing.js";
import { signature } from "./tables.js";

// Asynchronous signing end to end (ADR 0017): the app and the job worker of one process share the provider that
// PARAGRAF_SIGNING_URL selects, here a stand-in signing service on 127.0.0.1 that answers pending until the test
// says the signer has signed.

let database: Database;
let service: Awaited<ReturnType<typeof startSigningService>>;
beforeAll(async () => {
  database = await testDatabase();
  service = await startSigningService();
});
afterAll(async () => {
  await service.close();
  await database.close();
});

/** The process's provider, made from the environment as src/main.ts makes it. */
const providerFor = (url: string) =>
  signingProvider(
    readConfig(
      {
        PARAGRAF_SIGNING_URL: url,
        PARAGRAF_SIGNING_NAME: "BankID",
        PARAGRAF_SIGNING_TIMEOUT_MS: "500",
        PARAGRAF_SIGNING_TOKEN: "hemlig",
      },
      [],
    ).signing,
  );

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function linkedUser(
  m: TestMunicipality,
  personId: string,
  bodyId: string,
  signing: ReturnType<typeof providerFor>,
) {
  const user = await buildUser(database, m.system, [{ role: "member", bodyId }]);
  await tx(database, (t) =>
    t.execute(`update app_user set person_id = '${personId}' where id = '${user.id}'` as never),
  );
  const client = new Client(testApp(database, m.slug, { signing }).app);
  return { user, client };
}

/** A closed meeting with its chair and one approver appointed and version 1 frozen; the app signs through the service. */
async function frozenMinutes(url = service.url) {
  const m = await freshMunicipality(database);
  const signing = providerFor(url);
  const { app } = testApp(database, m.slug, { signing });
  const f = await buildOpenMeeting(database, m.system);
  await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Gatubelysning" }));
  await closeWithApprovers(database, m.system, f);
  const v = await tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, { lateReason: "Sent." }));
  const chair = await linkedUser(m, f.members[0]!.id, f.body.id, signing);
  const approver = await linkedUser(m, f.members[1]!.id, f.body.id, signing);
  const secretaryUser = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
  const secretary = new Client(app);
  await secretary.logIn(secretaryUser.email, secretaryUser.password);
  await chair.client.logIn(chair.user.email, chair.user.password);
  await approver.client.logIn(approver.user.email, approver.user.password);
  const run = (now: Date) =>
    runDueJobs(database.db, { handlers: jobHandlers({ signing }), now, municipalityId: m.id });
  return { m, f, v, app, signing, chair: chair.client, approver: approver.client, secretary, run };
}

const signaturesOf = (versionId: string) =>
  database.db.select().from(signature).where(eq(signature.versionId, versionId));
const jobsOf = (municipalityId: string) =>
  database.db.select().from(outboxJob).where(eq(outboxJob.municipalityId, municipalityId));

describe("signing the minutes through a signing service (PARAGRAF_SIGNING_URL)", () => {
  it("reads the service's settings, and refuses to start with an address that is not one", () => {
    expect(readConfig({}, []).signing).toBeUndefined();
    expect(readConfig({ PARAGRAF_SIGNING_URL: "https://signering.kommun.se/paragraf/" }, []).signing).toEqual(
      {
        url: "https://signering.kommun.se/paragraf/",
        method: "signeringstjänsten",
        timeoutMs: 5000,
        token: undefined,
      },
    );
    expect(() => readConfig({ PARAGRAF_SIGNING_URL: "signering.kommun.se" }, [])).toThrow(/http or https/);
    expect(() =>
      readConfig({ PARAGRAF_SIGNING_URL: "http://x", PARAGRAF_SIGNING_TIMEOUT_MS: "fem" }, []),
    ).toThrow(/milliseconds/);
  });

  it("shows the pending signatures, collects them by job (and by the signer's button) and approves the minutes", async () => {
    const { m, v, chair, approver, secretary, run } = await frozenMinutes();
    const path = `/justering/${v.id}`;
    const first = service.references().length;
    const signed = await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(signed.status).toBe(201);
    expect(await signed.json()).toMatchObject({ signature: { status: "pending" }, approved: false });
    expect((await approver.postForm(path, `${path}/signera`, { hash: v.contentHash })).status).toBe(303);
    const last = await secretary.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(await last.json()).toMatchObject({ signature: { status: "pending" }, approved: false });
    // The service was asked for this version's hash, by name.
    const started = service.requests.filter((r) => r.method === "POST").slice(-3);
    expect(started.map((r) => r.body)).toEqual([
      expect.objectContaining({
        subject: `minutes_version:${v.id}`,
        hash: v.contentHash,
        signer: { name: expect.any(String) },
      }),
      expect.anything(),
      expect.anything(),
    ]);
    expect(started.every((r) => r.authorization === "Bearer hemlig")).toBe(true);
    const [chairRef, approverRef, secretaryRef] = service.references().slice(first);

    // Signing again while the first waits is refused, and says why.
    const twice = await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toContain("väntar redan på svar från signeringstjänsten");
    // Pending on the page (with the signer's own button) and in the API.
    const page = await (await chair.get(path)).text();
    expect(page).toMatch(/Väntar på signering hos BankID, startad \d{4}-\d{2}-\d{2}/);
    expect(page.match(/Hämta status/g)).toHaveLength(1);
    expect((await (await secretary.get(path)).text()).match(/Hämta status/g)).toHaveLength(3);
    const api = await (await chair.get(`/api/minutes-versions/${v.id}`)).json();
    expect(api.signatures.map((s: { status: string }) => s.status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);

    // Nothing signed yet: a job run leaves them pending, and the next collection waits in the outbox.
    expect(await run(minutes(1))).toMatchObject({ done: 3, failed: 0 });
    expect((await signaturesOf(v.id)).every((s) => s.status === "pending")).toBe(true);

    // A member who is not the signer may not collect it; the chair collects their own once signed.
    const chairSignature = (await signaturesOf(v.id)).find((s) => s.reference === chairRef)!;
    const stranger = await buildUser(database, m.system, [{ role: "member", bodyId: null }]);
    const x = new Client(testApp(database, m.slug).app);
    await x.logIn(stranger.email, stranger.password);
    const refused = await x.request(
      "POST",
      `/api/minutes-versions/${v.id}/signatures/${chairSignature.id}/collect`,
      { json: {} },
    );
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toContain("inte din signering");
    service.complete(chairRef!, new Date());
    const collected = await chair.postForm(path, `${path}/signaturer/${chairSignature.id}/hamta`, {});
    expect(collected.status).toBe(303);
    expect((await signaturesOf(v.id)).find((s) => s.id === chairSignature.id)!.status).toBe("completed");

    // The service is down for a while: still pending, collected again later.
    service.setDown(true);
    expect(await run(minutes(3))).toMatchObject({ failed: 0, retried: 0 });
    service.setDown(false);
    expect((await signaturesOf(v.id)).filter((s) => s.status === "pending")).toHaveLength(2);

    service.complete(approverRef!, new Date());
    service.complete(secretaryRef!, new Date());
    await run(minutes(6));
    expect((await signaturesOf(v.id)).map((s) => s.status)).toEqual(["completed", "completed", "completed"]);
    const approved = await (await chair.get(`/api/minutes-versions/${v.id}`)).json();
    expect(approved.status).toBe("approved");
    // Every later collection finds nothing pending and does nothing.
    await run(minutes(20));
    const collections = (await jobsOf(m.id)).filter((j) => j.kind === "approval.collect-signature");
    expect(collections.every((j) => j.doneAt !== null && j.lastError === null)).toBe(true);
  });

  it("records a refusal from the service, and the signer can sign again", async () => {
    const { v, chair, run } = await frozenMinutes();
    await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    const reference = service.references().at(-1)!;
    service.fail(reference, "Signeraren avbröt i BankID-appen");
    await run(minutes(1));
    const [failed] = await signaturesOf(v.id);
    expect(failed).toMatchObject({ status: "failed", comment: "Signeraren avbröt i BankID-appen" });
    expect(await (await chair.get(`/justering/${v.id}`)).text()).toContain(
      "Signeraren avbröt i BankID-appen",
    );
    const again = await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(again.status).toBe(201);
  });

  it("refuses in Swedish and writes nothing when the service cannot be reached", async () => {
    const gone = await startSigningService();
    await gone.close();
    const { m, v, chair } = await frozenMinutes(gone.url);
    const audits = async () =>
      (
        await database.db
          .select()
          .from(auditEntry)
          .where(and(eq(auditEntry.municipalityId, m.id), eq(auditEntry.recordId, v.id)))
      ).length;
    const before = await audits();
    const refused = await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(refused.status).toBe(503);
    expect((await refused.json()).detail).toBe(
      "Det gick inte att nå BankID just nu. Ingenting har signerats eller sparats; försök igen om en stund.",
    );
    const form = await chair.postForm(`/justering/${v.id}`, `/justering/${v.id}/signera`, {
      hash: v.contentHash,
    });
    expect(form.status).toBe(503);
    expect(await form.text()).toContain("Det gick inte att nå BankID just nu.");
    expect(await signaturesOf(v.id)).toHaveLength(0);
    expect(await jobsOf(m.id)).toHaveLength(0);
    expect(await audits()).toBe(before);
  });

  it("fails a signature nobody signs within the time limit, in Swedish, so the signer can start again", async () => {
    const { v, chair, run } = await frozenMinutes();
    await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    await run(minutes(29));
    expect((await signaturesOf(v.id))[0]!.status).toBe("pending");
    await run(minutes(31));
    const [timedOut] = await signaturesOf(v.id);
    expect(timedOut).toMatchObject({
      status: "failed",
      comment: "Ingen signatur kom inom 30 minuter, så signeringen avbröts. Signera igen.",
    });
    const again = await chair.request("POST", `/api/minutes-versions/${v.id}/signatures`, {
      json: { hash: v.contentHash },
    });
    expect(await again.json()).toMatchObject({ signature: { status: "pending" } });
  });
});
