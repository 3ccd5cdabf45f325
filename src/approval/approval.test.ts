import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody } from "../../test/support/factories.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { asyncSigning } from "../../test/support/signing.js";
import type { Actor } from "../accounts/actor.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { setRecipients } from "../meetings/set-recipients.js";
import { agendaItem } from "../meetings/tables.js";
import { registerCase } from "../register/tables.js";
import { appointApprovers } from "./appoint-approvers.js";
import { canonicalJson } from "./canonical.js";
import { collectSignature } from "./collect-signature.js";
import { freezeMinutes } from "./freeze-minutes.js";
import { approvalJobHandlers } from "./jobs.js";
import { openCorrection } from "./open-correction.js";
import { postApprovalNotice } from "./post-notice.js";
import { approvalDesk, paragraphApproval } from "./read-approval.js";
import { recordAppeal } from "./record-appeal.js";
import { refuseMinutes } from "./refuse-minutes.js";
import { signMinutes } from "./sign-minutes.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code ?? String(error);
  }
  return "no error";
}

/** A closed meeting of 2026-03-10 with one minuted paragraph, chair Ledamot 1, approvers Ledamot 2 and 3. */
async function closedMeetingWithApprovers() {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  const p = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Parkering" }));
  await tx(database, (t) =>
    closeMeeting(t, m.system, f.meeting.id, { at: new Date("2026-03-10T16:00:00+01:00") }),
  );
  await tx(database, (t) =>
    appointApprovers(t, m.system, f.meeting.id, {
      chairId: f.members[0]!.id,
      approverIds: [f.members[1]!.id, f.members[2]!.id],
      approvalAt: new Date("2026-03-17T10:00:00+01:00"),
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
    }),
  );
  return { m, f, p };
}

const inTime = new Date("2026-03-17T10:00:00+01:00");

async function signAll(
  actor: Actor,
  f: Awaited<ReturnType<typeof buildOpenMeeting>>,
  versionId: string,
  hash: string,
  at = inTime,
) {
  let last = { approved: false };
  for (const personId of [f.members[0]!.id, f.members[1]!.id, f.members[2]!.id])
    last = await tx(database, (t) => signMinutes(t, actor, versionId, { hash }, undefined, { personId, at }));
  last = await tx(database, (t) =>
    signMinutes(t, actor, versionId, { hash, role: "secretary" }, undefined, { at }),
  );
  return last;
}

describe("canonical form", () => {
  it("is the same bytes whatever the order of keys", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }] })).toBe(
      canonicalJson({ a: [{ c: "x", d: null }], b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe("approval of the minutes (M9, L11)", () => {
  it("freezes a version, collects the signatures of chair, approvers and secretary, approves, locks and posts", async () => {
    const { m, f, p } = await closedMeetingWithApprovers();
    const v = await tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime));
    expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(v.content).paragraphs[0].id).toBe(p.paragraph.id);

    // Bad input: someone not appointed, a hash that is not the version's, signing twice.
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, { personId: f.members[4]!.id }),
        ),
      ),
    ).toBe("signer_not_appointed");
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: "0".repeat(64) }, undefined, { personId: f.members[1]!.id }),
        ),
      ),
    ).toBe("version_changed");
    await tx(database, (t) =>
      signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, {
        personId: f.members[1]!.id,
        at: inTime,
      }),
    );
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, { personId: f.members[1]!.id }),
        ),
      ),
    ).toBe("already_signed");
    // Posting before approval.
    expect(
      await code(tx(database, (t) => postApprovalNotice(t, m.system, v.id, { postedOn: "2026-03-17" }))),
    ).toBe("notice_before_approval");

    await tx(database, (t) =>
      signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, {
        personId: f.members[0]!.id,
        at: inTime,
      }),
    );
    await tx(database, (t) =>
      signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, {
        personId: f.members[2]!.id,
        at: inTime,
      }),
    );
    const last = await tx(database, (t) =>
      signMinutes(t, m.system, v.id, { hash: v.contentHash, role: "secretary" }, undefined, { at: inTime }),
    );
    expect(last.approved).toBe(true);

    const stamp = await tx(database, (t) =>
      paragraphApproval(t, m.id, p.paragraph.id, new Date("2026-03-20T12:00:00+01:00")),
    );
    expect(stamp!.hash).toBe(v.contentHash);
    expect(stamp!.approvedOn).toBe("2026-03-17");
    expect(stamp!.signers.map((s) => s.role).sort()).toEqual(["approver", "approver", "chair", "secretary"]);
    // Posted the day of approval (L13); three weeks, 2026-04-07 (2026-04-06 is Easter Monday, L15).
    expect(stamp!.notice).toMatchObject({
      postedOn: "2026-03-17",
      appealEndsOn: "2026-04-07",
      takeDownOn: "2026-04-08",
    });
    expect(stamp!.legalForce).toEqual({ state: "pending", appealEndsOn: "2026-04-07" });

    // The database refuses changes to approved proceedings, whoever asks.
    expect(
      await code(
        tx(database, (t) =>
          setRecipients(t, m.system, { paragraphId: p.paragraph.id, recipients: [{ label: "Någon" }] }),
        ),
      ),
    ).toBe("PF001");
    expect(
      await code(
        tx(database, (t) =>
          t.execute(
            `update decision_point set text = 'ändrat' where paragraph_id = '${p.paragraph.id}'` as never,
          ),
        ),
      ),
    ).toBe("PF001");

    // Legal force the day after the period (L32), unless an appeal is recorded.
    const later = await tx(database, (t) =>
      paragraphApproval(t, m.id, p.paragraph.id, new Date("2026-04-08T09:00:00+02:00")),
    );
    expect(later!.legalForce).toEqual({ state: "in_force", on: "2026-04-08" });
    expect(
      await code(
        tx(database, (t) =>
          recordAppeal(t, m.system, p.paragraph.id, {
            court: "Förvaltningsrätten i Malmö",
            receivedOn: "2026-03-01",
            caseNumber: "1-26",
          }),
        ),
      ),
    ).toBe("appeal_before_notice");
    // The appeal is filed in the decision's case: a registrar of another body than the case's may not record it,
    // the registrar of the case's body may.
    await tx(database, async (t) => {
      const [item] = await t.select().from(agendaItem).where(eq(agendaItem.id, p.paragraph.agendaItemId));
      await t
        .update(registerCase)
        .set({ responsibleBodyId: f.body.id })
        .where(eq(registerCase.id, item!.caseId!));
    });
    const registrarOf = (bodyId: string): Actor => ({
      ...m.system,
      userId: null,
      grants: [{ role: "registrar", bodyId }],
    });
    const elsewhere = await buildBody(database, m.system);
    const appeal = { court: "Förvaltningsrätten i Malmö", receivedOn: "2026-03-30", caseNumber: "1234-26" };
    expect(
      await code(tx(database, (t) => recordAppeal(t, registrarOf(elsewhere.id), p.paragraph.id, appeal))),
    ).toBe("forbidden");
    await tx(database, (t) =>
      recordAppeal(t, registrarOf(f.body.id), p.paragraph.id, {
        court: "Förvaltningsrätten i Malmö",
        receivedOn: "2026-03-30",
        caseNumber: "1234-26",
      }),
    );
    const appealed = await tx(database, (t) =>
      paragraphApproval(t, m.id, p.paragraph.id, new Date("2026-04-08T09:00:00+02:00")),
    );
    expect(appealed!.legalForce).toEqual({ state: "appealed" });
    expect(appealed!.appeals[0]!.caseNumber).toBe("1234-26");

    // The notice comes down by a job on its day, not before.
    const handlers = approvalJobHandlers();
    await runDueJobs(database.db, {
      handlers,
      now: new Date("2026-04-07T12:00:00+02:00"),
      municipalityId: m.id,
    });
    const board = await tx(database, (t) =>
      t.query.notice.findFirst({ where: (n, { eq }) => eq(n.versionId, v.id) }),
    );
    expect(board!.takenDownAt).toBeNull();
    const run = await runDueJobs(database.db, {
      handlers,
      now: new Date("2026-04-08T06:00:00+02:00"),
      municipalityId: m.id,
    });
    expect(run.done).toBe(1);
    const down = await tx(database, (t) =>
      t.query.notice.findFirst({ where: (n, { eq }) => eq(n.versionId, v.id) }),
    );
    expect(down!.takenDownAt).not.toBeNull();

    // A correction after approval is a new version with its reason; the approved one stays readable.
    await tx(database, (t) => openCorrection(t, m.system, f.meeting.id, { reason: "Fel mottagare" }));
    await tx(database, (t) =>
      setRecipients(t, m.system, { paragraphId: p.paragraph.id, recipients: [{ label: "Rätt mottagare" }] }),
    );
    const v2 = await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, { reason: "Fel mottagare" }, inTime),
    );
    expect(v2.number).toBe(2);
    expect(v2.contentHash).not.toBe(v.contentHash);
  });

  it("an approver refuses with a comment; the secretary corrects and freezes a new version; signing starts again", async () => {
    const { m, f, p } = await closedMeetingWithApprovers();
    const v1 = await tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime));
    expect(
      await code(
        tx(database, (t) =>
          refuseMinutes(
            t,
            m.system,
            v1.id,
            { hash: v1.contentHash, comment: "" },
            { personId: f.members[1]!.id },
          ),
        ),
      ),
    ).not.toBe("no error");
    await tx(database, (t) =>
      refuseMinutes(
        t,
        m.system,
        v1.id,
        { hash: v1.contentHash, comment: "Mottagarna saknar Stadskontoret." },
        { personId: f.members[1]!.id },
      ),
    );
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v1.id, { hash: v1.contentHash }, undefined, {
            personId: f.members[0]!.id,
          }),
        ),
      ),
    ).toBe("version_not_signing");
    expect(await code(tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime)))).toBe(
      "version_reason_required",
    );
    expect(
      await code(tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, { reason: "Rättat" }, inTime))),
    ).toBe("version_unchanged");
    await tx(database, (t) =>
      setRecipients(t, m.system, { paragraphId: p.paragraph.id, recipients: [{ label: "Stadskontoret" }] }),
    );
    const v2 = await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, { reason: "Stadskontoret tillagt som mottagare" }, inTime),
    );
    // Signing a version that changed since it was frozen is refused.
    await tx(database, (t) =>
      setRecipients(t, m.system, {
        paragraphId: p.paragraph.id,
        recipients: [{ label: "Stadskontoret" }, { label: "Revisorerna" }],
      }),
    );
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v2.id, { hash: v2.contentHash }, undefined, {
            personId: f.members[0]!.id,
          }),
        ),
      ),
    ).toBe("minutes_changed_since_frozen");
    const v3 = await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, { reason: "Revisorerna tillagda" }, inTime),
    );
    expect((await signAll(m.system, f, v3.id, v3.contentHash)).approved).toBe(true);
    const desk = await tx(database, (t) => approvalDesk(t, m.system, f.meeting.id, inTime));
    expect(desk!.versions.map((v) => [v.number, v.status])).toEqual([
      [3, "approved"],
      [2, "replaced"],
      [1, "refused"],
    ]);
    expect(desk!.versions[2]!.signatures[0]!.comment).toBe("Mottagarna saknar Stadskontoret.");
  });

  it("warns as the 14 days run out, and after them approval needs a recorded reason (L11)", async () => {
    const { m, f } = await closedMeetingWithApprovers();
    const near = await tx(database, (t) =>
      approvalDesk(t, m.system, f.meeting.id, new Date("2026-03-22T10:00:00+01:00")),
    );
    expect(near!.deadline).toBe("2026-03-24");
    expect(near!.warn).toBe(true);
    const early = await tx(database, (t) =>
      approvalDesk(t, m.system, f.meeting.id, new Date("2026-03-12T10:00:00+01:00")),
    );
    expect(early!.warn).toBe(false);
    const late = new Date("2026-03-30T10:00:00+02:00");
    expect(await code(tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, late)))).toBe(
      "late_reason_required",
    );
    // Frozen in time, signed late: the last signature needs the reason, which the secretary can add to the version.
    const v = await tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime));
    for (const personId of [f.members[0]!.id, f.members[1]!.id, f.members[2]!.id])
      await tx(database, (t) =>
        signMinutes(t, m.system, v.id, { hash: v.contentHash }, undefined, { personId, at: late }),
      );
    expect(
      await code(
        tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: v.contentHash, role: "secretary" }, undefined, { at: late }),
        ),
      ),
    ).toBe("late_reason_required");
    await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, { lateReason: "Ordföranden var sjuk." }, late),
    );
    expect(
      (
        await tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: v.contentHash, role: "secretary" }, undefined, { at: late }),
        )
      ).approved,
    ).toBe(true);
  });

  it("approves a single paragraph at the meeting (L12), through a provider that completes asynchronously", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system);
    const p = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Brådskande" }));
    await tx(database, (t) =>
      appointApprovers(t, m.system, f.meeting.id, {
        chairId: f.members[0]!.id,
        approverIds: [f.members[1]!.id],
        approvalAt: inTime,
        place: "Stadshuset",
        minutesKeptAt: "Stadskontoret",
      }),
    );
    expect(await code(tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime)))).toBe(
      "minutes_meeting_not_closed",
    );
    const at = new Date("2026-03-10T15:00:00+01:00");
    const v = await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, { paragraphId: p.paragraph.id }, at),
    );
    const signing = asyncSigning();
    const pending: Awaited<ReturnType<typeof signMinutes>>[] = [];
    for (const personId of [f.members[0]!.id, f.members[1]!.id])
      pending.push(
        await tx(database, (t) =>
          signMinutes(t, m.system, v.id, { hash: v.contentHash }, signing.provider, { personId, at }),
        ),
      );
    pending.push(
      await tx(database, (t) =>
        signMinutes(t, m.system, v.id, { hash: v.contentHash, role: "secretary" }, signing.provider, { at }),
      ),
    );
    expect(pending.map((x) => x.signature.status)).toEqual(["pending", "pending", "pending"]);
    // Still pending a minute later: nothing approved.
    const still = await tx(database, (t) =>
      collectSignature(
        t,
        m.system,
        pending[0]!.signature.id,
        signing.provider,
        new Date(at.getTime() + 60_000),
      ),
    );
    expect(still.approved).toBe(false);
    for (const x of pending) signing.complete(x.signature.reference!, at);
    const results = [];
    for (const x of pending)
      results.push(
        await tx(database, (t) => collectSignature(t, m.system, x.signature.id, signing.provider)),
      );
    expect(results.map((r) => r.approved)).toEqual([false, false, true]);
    // The paragraph is locked while the meeting goes on; the rest of the meeting is not.
    expect(
      await code(
        tx(database, (t) =>
          setRecipients(t, m.system, { paragraphId: p.paragraph.id, recipients: [{ label: "X" }] }),
        ),
      ),
    ).toBe("PF001");
    const stamp = await tx(database, (t) => paragraphApproval(t, m.id, p.paragraph.id, at));
    expect(stamp!.immediate).toBe(true);
    expect(stamp!.notice!.postedOn).toBe("2026-03-10");
  });
});

describe("the notice's dates (LAW.md worked examples)", () => {
  it("approved Thursday 2026-01-29, posted Friday 2026-01-30 → the appeal period ends 2026-02-20; posting on the 1st of February is late", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system);
    await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Exempel" }));
    await tx(database, (t) =>
      closeMeeting(t, m.system, f.meeting.id, { at: new Date("2026-03-10T16:00:00+01:00") }),
    );
    await tx(database, (t) =>
      appointApprovers(t, m.system, f.meeting.id, {
        chairId: f.members[0]!.id,
        approverIds: [f.members[1]!.id],
        approvalAt: inTime,
        place: "Stadshuset",
        minutesKeptAt: "Stadskontoret",
      }),
    );
    const v = await tx(database, (t) => freezeMinutes(t, m.system, f.meeting.id, {}, inTime));
    // Approve without the automatic notice, to post it on the days of the worked example.
    await tx(database, async (t) => {
      await t.execute(
        `update minutes_version set status = 'approved', approved_at = '2026-01-29T10:00:00+01:00' where id = '${v.id}'` as never,
      );
      expect(await code(postApprovalNotice(t, m.system, v.id, { postedOn: "2026-02-01" }))).toBe(
        "notice_late",
      );
      expect(await code(postApprovalNotice(t, m.system, v.id, { postedOn: "2026-01-28" }))).toBe(
        "notice_posted_before_approval",
      );
      const n = await postApprovalNotice(t, m.system, v.id, { postedOn: "2026-01-30" });
      expect(n.appealEndsOn).toBe("2026-02-20");
      expect(n.takeDownOn).toBe("2026-02-21");
    });
  });
});
