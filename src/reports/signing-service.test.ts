import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/support/db.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { draftReportInOpenMeeting } from "../../test/support/reports.js";
import { startSigningService } from "../../test/support/signing.js";
import { signingProvider } from "../approval/http-signing.js";
import { readConfig } from "../config.js";
import type { Database } from "../db/connect.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { jobHandlers } from "../jobs/start.js";
import { officialReportSigning, officialReportVersion } from "./tables.js";

// A report signed through a signing service (PARAGRAF_SIGNING_URL, ADR 0017): pending on the page and in the API,
// collected by the job worker with the same provider, locked and stamped when the service says it is signed.

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

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

async function setUp() {
  const { m, reportId } = await draftReportInOpenMeeting(database, {
    title: "Ny gatubelysning",
    texts: { summary: "Kort.", proposal: "Nämnden föreslås besluta\n\n1. Nämnden godkänner förslaget." },
  });
  const signing = signingProvider(
    readConfig({ PARAGRAF_SIGNING_URL: service.url, PARAGRAF_SIGNING_NAME: "BankID" }, []).signing,
  );
  const { app } = testApp(database, m.slug, { signing });
  const officer = await buildUser(database, m.system, [{ role: "case_officer", bodyId: null }]);
  const client = new Client(app);
  await client.logIn(officer.email, officer.password);
  const path = `/tjansteskrivelser/${reportId}`;
  const report = await (await client.get(`/api/reports/${reportId}`)).json();
  const signed = await client.postForm(path, `${path}/signera`, {
    version: String(report.version),
    sha256: report.sha256,
  });
  expect(signed.status).toBe(303);
  const run = (now: Date) =>
    runDueJobs(database.db, { handlers: jobHandlers({ signing }), now, municipalityId: m.id });
  return { reportId, client, path, run, reference: service.references().at(-1)! };
}

const signingsOf = (reportId: string) =>
  database.db
    .select({ status: officialReportSigning.status, reason: officialReportSigning.reason })
    .from(officialReportSigning)
    .innerJoin(officialReportVersion, eq(officialReportVersion.id, officialReportSigning.versionId))
    .where(eq(officialReportVersion.reportId, reportId));

describe("signing a report through a signing service", () => {
  it("shows the pending signature, and the job locks the version when the service says it is signed", async () => {
    const { reportId, client, path, run, reference } = await setUp();
    const page = await (await client.get(path)).text();
    expect(page).toMatch(/Väntar på signering hos BankID, startad \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(page).toContain("Hämta status");
    const api = await (await client.get(`/api/reports/${reportId}`)).json();
    expect(api).toMatchObject({ status: "draft", pendingSigning: { method: "BankID" } });
    const now = await client.request("POST", `/api/reports/${reportId}/signing/collect`, { json: {} });
    expect(await now.json()).toEqual({ status: "pending", stamp: null, reason: null });

    await run(minutes(1));
    expect((await (await client.get(`/api/reports/${reportId}`)).json()).status).toBe("draft");
    service.complete(reference, new Date("2026-02-21T09:00:00+01:00"));
    await run(minutes(2));
    const signed = await (await client.get(`/api/reports/${reportId}`)).json();
    expect(signed).toMatchObject({ status: "signed", pendingSigning: null, signature: { method: "BankID" } });
    const after = await (await client.get(path)).text();
    expect(after).toContain("SIGNERAD 2026-02-21");
    expect(after).not.toContain("Hämta status");
  });

  it("records a failure the signer collects with the button, and fails a signing past the time limit", async () => {
    const first = await setUp();
    service.fail(first.reference, "Signeraren avbröt i BankID-appen");
    const collected = await first.client.postForm(first.path, `${first.path}/signering/hamta`, {});
    expect(collected.status).toBe(303);
    expect(await signingsOf(first.reportId)).toEqual([
      { status: "failed", reason: "Signeraren avbröt i BankID-appen" },
    ]);
    expect(await (await first.client.get(first.path)).text()).toMatch(
      /Den senaste signeringen misslyckades \d{4}-\d{2}-\d{2} \d{2}:\d{2}: Signeraren avbröt i BankID-appen/,
    );
    // The job left for it finds nothing pending.
    expect(await first.run(minutes(1))).toMatchObject({ failed: 0, retried: 0 });

    const second = await setUp();
    await second.run(minutes(31));
    expect(await signingsOf(second.reportId)).toEqual([
      {
        status: "failed",
        reason: "Ingen signatur kom inom 30 minuter, så signeringen avbröts. Signera igen.",
      },
    ]);
    const page = await (await second.client.get(second.path)).text();
    expect(page).toContain("Signera version 1");
    expect(page).toContain("Ingen signatur kom inom 30 minuter");

    // Through the API, the answer says the signature waits for the service.
    const report = await (await second.client.get(`/api/reports/${second.reportId}`)).json();
    const again = await second.client.request("POST", `/api/reports/${second.reportId}/signature`, {
      json: { version: report.version, sha256: report.sha256 },
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ id: second.reportId, version: 1, status: "pending" });
  });
});
