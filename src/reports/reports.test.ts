import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveMinutes } from "../../test/support/approval.js";
import { type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { draftReportInOpenMeeting } from "../../test/support/reports.js";
import { asyncSigning } from "../../test/support/signing.js";
import { openCorrection } from "../approval/open-correction.js";
import type { SigningProvider } from "../approval/signing.js";
import type { Database } from "../db/connect.js";
import { noticeDocument } from "../documents/from-minutes.js";
import { DomainError } from "../domain/errors.js";
import { addAgendaItem } from "../meetings/add-agenda-item.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { planMeeting } from "../meetings/plan-meeting.js";
import { meetingView, paragraphView } from "../meetings/read-minutes.js";
import { recordDecision } from "../meetings/record-decision.js";
import { agendaItem } from "../meetings/tables.js";
import { takeUpItem } from "../meetings/take-up-item.js";
import { record } from "../register/tables.js";
import { readReport } from "./read-report.js";
import { saveReportVersion } from "./save-report-version.js";
import { collectReportSignature, signReport } from "./sign-report.js";
import { officialReportSigning, officialReportVersion } from "./tables.js";

// Issue 13: official reports are signed through approval's SigningProvider, as the minutes are, and a signed report
// is the proposal the agenda items of its case carry — never changing approved minutes.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const all = { all: true, bodyIds: [] };

async function setUp() {
  const { m, f, reportId } = await draftReportInOpenMeeting(database, {
    title: "Ett ärende",
    texts: { summary: "Kort.", proposal: "Nämnden föreslås besluta\n\n1. Nämnden godkänner förslaget." },
  });
  return { m, f, reportId };
}

const read = (m: TestMunicipality, reportId: string) =>
  tx(database, (t) => readReport(t, m.id, reportId, all));
const sign = (m: TestMunicipality, reportId: string, provider?: SigningProvider) =>
  tx(database, async (t) => {
    const r = await readReport(t, m.id, reportId, all);
    return signReport(t, m.system, reportId, { version: r.version, sha256: r.sha256 }, provider);
  });
const signings = (reportId: string) =>
  database.db
    .select({ status: officialReportSigning.status })
    .from(officialReportSigning)
    .innerJoin(officialReportVersion, eq(officialReportVersion.id, officialReportSigning.versionId))
    .where(eq(officialReportVersion.reportId, reportId));
const pendingReference = async (reportId: string) => {
  const [row] = await database.db
    .select({ reference: officialReportSigning.reference })
    .from(officialReportSigning)
    .innerJoin(officialReportVersion, eq(officialReportVersion.id, officialReportSigning.versionId))
    .where(and(eq(officialReportVersion.reportId, reportId), eq(officialReportSigning.status, "pending")));
  return row!.reference;
};
const caseRecords = async (caseId: string) =>
  (await database.db.select().from(record).where(eq(record.caseId, caseId))).length;

describe("signing a report through the SigningProvider", () => {
  it("waits for a provider that answers pending, and locks and registers the version only when it completes", async () => {
    const { m, f, reportId } = await setUp();
    const signing = asyncSigning();
    const records = await caseRecords(f.case.id);
    const started = await sign(m, reportId, signing.provider);
    expect(started.status).toBe("pending");
    const waiting = await read(m, reportId);
    expect(waiting.status).toBe("draft");
    expect(waiting.pendingSigning).toMatchObject({ method: "test-async" });
    expect(await caseRecords(f.case.id)).toBe(records);

    // A second signature of the same version waits for the first.
    await expect(sign(m, reportId, signing.provider)).rejects.toMatchObject({
      code: "report_signing_pending",
    });

    const still = await tx(database, (t) => collectReportSignature(t, m.system, reportId, signing.provider));
    expect(still.status).toBe("pending");

    signing.complete(await pendingReference(reportId), new Date("2026-02-21T09:00:00+01:00"));
    const done = await tx(database, (t) => collectReportSignature(t, m.system, reportId, signing.provider));
    expect(done).toMatchObject({ status: "signed", stamp: "SIGNERAD 2026-02-21" });
    const signed = await read(m, reportId);
    expect(signed.status).toBe("signed");
    expect(signed.signature).toMatchObject({ method: "test-async", stamp: "SIGNERAD 2026-02-21" });
    expect(signed.pendingSigning).toBeNull();
    expect(await caseRecords(f.case.id)).toBe(records + 1);
    await expect(
      tx(database, (t) => collectReportSignature(t, m.system, reportId, signing.provider)),
    ).rejects.toMatchObject({ code: "report_signing_not_pending" });
  });

  it("records a failed signature, and a signature of a version replaced meanwhile as failed, locking nothing", async () => {
    const { m, f, reportId } = await setUp();
    const signing = asyncSigning();
    const records = await caseRecords(f.case.id);
    await sign(m, reportId, signing.provider);
    signing.fail(await pendingReference(reportId), "avbruten av användaren");
    const failed = await tx(database, (t) => collectReportSignature(t, m.system, reportId, signing.provider));
    expect(failed).toMatchObject({ status: "failed", reason: "avbruten av användaren" });

    const started = await sign(m, reportId, signing.provider);
    expect(started.status).toBe("pending");
    const v1 = await read(m, reportId);
    await tx(database, (t) =>
      saveReportVersion(t, m.system, reportId, {
        basedOn: 1,
        datedOn: "2026-02-22",
        texts: { ...v1.texts, summary: "Ändrad." },
        basis: [],
        recipients: [],
        responsibleIds: [],
      }),
    );
    signing.complete(await pendingReference(reportId));
    const superseded = await tx(database, (t) =>
      collectReportSignature(t, m.system, reportId, signing.provider),
    );
    expect(superseded).toMatchObject({
      status: "failed",
      reason: "En nyare version sparades medan signeringen pågick.",
    });
    expect((await read(m, reportId)).status).toBe("draft");
    expect(await caseRecords(f.case.id)).toBe(records);
    expect(await signings(reportId)).toHaveLength(2);
  });

  it("refuses, in Swedish and writing nothing, when the provider refuses at once", async () => {
    const { m, f, reportId } = await setUp();
    const refusing: SigningProvider = {
      method: "test-refuse",
      start: async (r) => ({ status: "failed", reference: r.subject, reason: "certifikatet har gått ut" }),
      check: async (reference) => ({ status: "failed", reference, reason: "certifikatet har gått ut" }),
    };
    const records = await caseRecords(f.case.id);
    const error = await sign(m, reportId, refusing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("report_signing_failed");
    expect(await signings(reportId)).toHaveLength(0);
    expect(await caseRecords(f.case.id)).toBe(records);
  });
});

describe("a signed report is the proposal its case's agenda items carry", () => {
  it("gives the item its proposal and link, updates an unapproved meeting on re-signing, and never approved minutes", async () => {
    const { m, f, reportId } = await setUp();
    expect(
      (await tx(database, (t) => meetingView(t, m.id, f.meeting.id)))!.items[0]!.proposalReport,
    ).toBeNull();
    await sign(m, reportId);
    const opened = (await tx(database, (t) => meetingView(t, m.id, f.meeting.id)))!.items[0]!;
    expect(opened.proposalReport).toEqual({
      label: expect.stringMatching(/^Tjänsteskrivelse 2026-02-20, version 1, SIGNERAD \d{4}-\d{2}-\d{2}$/),
      path: `/tjansteskrivelser/${reportId}?version=1`,
    });
    expect(opened.reportProposalText).toBe("Nämnden föreslås besluta\n\n1. Nämnden godkänner förslaget.");

    // The meeting decides and its minutes are approved.
    const p = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    await tx(database, (t) => recordDecision(t, m.system, { paragraphId: p.id, points: ["Godkänt."] }));
    await tx(database, (t) => closeMeeting(t, m.system, f.meeting.id));
    await approveMinutes(database, m.system, f);
    const minutes = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    expect(minutes.proposalText).toContain("1. Nämnden godkänner förslaget.");
    expect(minutes.proposalReport?.path).toBe(`/tjansteskrivelser/${reportId}?version=1`);

    // Put on a later meeting's agenda afterwards: the item carries the signed report from the start.
    const later = await tx(database, (t) =>
      planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: "2026-04-14",
        startsAt: "13:00",
        place: "Stadshuset",
      }),
    );
    const laterItem = await tx(database, (t) => addAgendaItem(t, m.system, later.id, { caseId: f.case.id }));
    expect(laterItem).toMatchObject({ proposalReportId: reportId, proposalReportVersion: 1 });

    // Version 2, signed: the later meeting's item follows it; the approved minutes keep version 1.
    const v1 = await read(m, reportId);
    await tx(database, (t) =>
      saveReportVersion(t, m.system, reportId, {
        basedOn: 1,
        datedOn: "2026-02-25",
        texts: { ...v1.texts, proposal: "1. Nämnden avslår förslaget." },
        basis: [],
        recipients: [],
        responsibleIds: [],
      }),
    );
    await sign(m, reportId);
    const laterView = (await tx(database, (t) => meetingView(t, m.id, later.id)))!.items[0]!;
    expect(laterView.reportProposalText).toBe("1. Nämnden avslår förslaget.");
    expect(laterView.proposalReport?.path).toBe(`/tjansteskrivelser/${reportId}?version=2`);
    const notice = noticeDocument((await tx(database, (t) => meetingView(t, m.id, later.id)))!, "Testkommun");
    expect(JSON.stringify(notice.blocks)).toContain(
      "Förslag till beslut: Tjänsteskrivelse 2026-02-25, version 2",
    );
    const kept = (await tx(database, (t) => paragraphView(t, m.id, p.id)))!;
    expect(kept.proposalText).toContain("1. Nämnden godkänner förslaget.");
    expect(kept.proposalReport?.path).toBe(`/tjansteskrivelser/${reportId}?version=1`);

    // The database refuses the change whoever writes, until a correction lifts the lock.
    await expect(
      tx(database, (t) =>
        t.update(agendaItem).set({ proposalText: "Ändrat." }).where(eq(agendaItem.id, f.item.id)),
      ),
    ).rejects.toThrow();
    await tx(database, (t) => openCorrection(t, m.system, f.meeting.id, { reason: "Fel förslag." }));
    await tx(database, (t) =>
      t.update(agendaItem).set({ proposalText: "Rättat." }).where(eq(agendaItem.id, f.item.id)),
    );
  });

  it("leaves an item with a proposal of its own or a meeting held before the report's date", async () => {
    const { m, f, reportId } = await setUp();
    const early = await tx(database, (t) =>
      planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: "2026-02-10",
        startsAt: "13:00",
        place: "Stadshuset",
      }),
    );
    const earlyItem = await tx(database, (t) => addAgendaItem(t, m.system, early.id, { caseId: f.case.id }));
    const written = await tx(database, (t) =>
      planMeeting(t, m.system, {
        bodyId: f.body.id,
        heldOn: "2026-05-10",
        startsAt: "13:00",
        place: "Stadshuset",
      }),
    );
    const writtenItem = await tx(database, (t) =>
      addAgendaItem(t, m.system, written.id, {
        caseId: f.case.id,
        proposalText: "Sekreterarens eget förslag.",
      }),
    );
    await sign(m, reportId);
    const rows = await database.db.select().from(agendaItem).where(eq(agendaItem.caseId, f.case.id));
    expect(rows.find((r) => r.id === earlyItem.id)!.proposalReportId).toBeNull();
    expect(rows.find((r) => r.id === writtenItem.id)).toMatchObject({
      proposalReportId: null,
      proposalText: "Sekreterarens eget förslag.",
    });
    expect(rows.find((r) => r.id === f.item.id)!.proposalReportId).toBe(reportId);
  });
});
