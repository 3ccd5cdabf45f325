import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAndApprove as closeMeetingAndApprove } from "../../test/support/approval.js";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildPerson } from "../../test/support/factories.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { type Behaviour, startFaultySmtpServer } from "../../test/support/smtp-faults.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { claimDueJobs, type JobHandlers, runDueJobs } from "../jobs/run-jobs.js";
import { outboxJob } from "../jobs/tables.js";
import { createMailer, type Mailer } from "../mail/mailer.js";
import { planDecisionRoute } from "../meetings/plan-decision-route.js";
import { RecipientsInput } from "../meetings/schemas.js";
import { setRecipients } from "../meetings/set-recipients.js";
import { body } from "../organisation/tables.js";
import { closeCase } from "../register/close-case.js";
import { record, recordFile } from "../register/tables.js";
import { dispatchApprovedParagraphs } from "./dispatch-approved.js";
import { dispatchParagraph } from "./dispatch-paragraph.js";
import { paragraphDispatchView, readCaseDispatches } from "./read-dispatch.js";
import { recordBounce } from "./record-bounce.js";
import { resendDelivery } from "./resend-delivery.js";
import { dispatchJobHandlers } from "./send.js";
import { dispatchDelivery } from "./tables.js";

let database: Database;
const behaviours = new Map<string, Behaviour>();
let smtp: Awaited<ReturnType<typeof startFaultySmtpServer>>;
let mailer: Mailer;

beforeAll(async () => {
  database = await testDatabase();
  smtp = await startFaultySmtpServer((address) => behaviours.get(address) ?? "accept");
  mailer = createMailer({ url: smtp.url, from: "Testkommun <registrator@test.example>" });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await database.close();
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

/** A closed meeting whose paragraph is sent to a committee with an address, one without, and an applicant by mail. */
async function decided(m: TestMunicipality, options: { close?: boolean; extra?: string[] } = {}) {
  const tag = m.slug;
  const f = await buildOpenMeeting(database, m.system);
  const fritid = await buildBody(database, m.system, {
    name: `Fritidsnämnden ${tag}`,
    email: `fritid-${tag}@test.example`,
  });
  const kultur = await buildBody(database, m.system, { name: `Kulturnämnden ${tag}` });
  const minuted = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Spontanidrott" }));
  const p = minuted.paragraph;
  await tx(database, (t) =>
    setRecipients(t, m.system, {
      paragraphId: p.id,
      recipients: [
        { bodyId: fritid.id },
        { bodyId: kultur.id },
        { label: "Sökanden", email: `sokanden-${tag}@test.example` },
        ...(options.extra ?? []).map((label) => ({
          label,
          email: `${label.toLowerCase()}-${tag}@test.example`,
        })),
      ],
    }),
  );
  if (options.close !== false) await closeAndApprove(m, f);
  return { f, p, theCase: minuted.case, fritid, kultur, tag };
}

/** Closes the meeting and approves its minutes: from then on its decisions may be dispatched. */
const closeAndApprove = (m: TestMunicipality, f: Awaited<ReturnType<typeof buildOpenMeeting>>) =>
  closeMeetingAndApprove(database, m.system, f);

const run = (m: TestMunicipality, now = new Date(), handlers: JobHandlers = dispatchJobHandlers(mailer)) =>
  runDueJobs(database.db, { municipalityId: m.id, handlers, now });

const deliveriesOf = (m: TestMunicipality) =>
  tx(database, (t) =>
    t
      .select()
      .from(dispatchDelivery)
      .where(eq(dispatchDelivery.municipalityId, m.id))
      .orderBy(dispatchDelivery.position),
  );

describe("dispatching a decision (expediering)", () => {
  it("sends the extract by e-mail with the extract attached and DSN asked for, internally otherwise, each an outgoing record", async () => {
    const m = await freshMunicipality(database);
    const { p, theCase, tag } = await decided(m);
    const result = await tx(database, (t) =>
      dispatchParagraph(t, m.system, p.id, { dispatchedOn: "2026-03-18" }),
    );
    expect(result.deliveries.map((d) => [d.name, d.channel, d.status])).toEqual([
      [`Fritidsnämnden ${tag}`, "email", "queued"],
      [`Kulturnämnden ${tag}`, "internal", "sent"],
      ["Sökanden", "email", "queued"],
    ]);
    // Each delivery is an outgoing record of the case, dated the day of dispatch, with the extract as its file.
    const records = await tx(database, (t) =>
      t
        .select()
        .from(record)
        .where(and(eq(record.caseId, theCase.id), eq(record.direction, "outgoing"))),
    );
    expect(records.map((r) => [r.datedOn, r.description])).toEqual(
      result.deliveries.map((d) => ["2026-03-18", expect.stringContaining(`till ${d.name}`)]),
    );
    const files = await tx(database, (t) =>
      t.select().from(recordFile).where(eq(recordFile.recordId, records[0]!.id)),
    );
    expect(files[0]!.fileName).toMatch(/^protokollsutdrag-.*-2026-03-10-paragraf-1\.txt$/);

    // Nothing is sent before the outbox runs; then each address gets one mail.
    expect(mailsTo(`fritid-${tag}@test.example`)).toHaveLength(0);
    expect(await run(m)).toMatchObject({ done: 2, retried: 0, failed: 0 });
    const [mail] = mailsTo(`fritid-${tag}@test.example`);
    expect(mail!.subject).toBe(
      `Protokollsutdrag ${result.dispatch.subject.slice("Protokollsutdrag ".length)}`,
    );
    expect(mail!.text).toContain("Nämnden bifaller förslaget om Spontanidrott.");
    expect(mail!.attachments).toEqual([
      { filename: files[0]!.fileName, content: expect.stringContaining("PROTOKOLLSUTDRAG") },
    ]);
    const after = await deliveriesOf(m);
    expect(mail!.dsn).toEqual({ envid: after[0]!.id, notify: ["FAILURE", "DELAY"] });
    expect(after.map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
    expect(after[0]!.messageId).toBe(mail!.messageId);
    expect(after[0]!.smtpResponse).toMatch(/^250/);
    expect(mailsTo(`sokanden-${tag}@test.example`)).toHaveLength(1);

    // Running the outbox again sends nothing more.
    expect(await run(m, new Date(Date.now() + 7_200_000))).toMatchObject({ done: 0 });
    expect(mailsTo(`fritid-${tag}@test.example`)).toHaveLength(1);
    const view = await tx(database, (t) => paragraphDispatchView(t, m.id, p.id, null));
    expect(view!.complete).toBe(true);
    // The public sees who got what and how far it got, never the addresses.
    expect(view!.deliveries.every((d) => d.detail === null)).toBe(true);
    expect(JSON.stringify(view)).not.toContain("@test.example");
  });

  it("mails a person given as recipient at the person's address, named as the minutes name them", async () => {
    const m = await freshMunicipality(database);
    const { p, f, tag } = await decided(m, { close: false });
    const anna = await buildPerson(database, m.system, {
      name: "Anna Andersson",
      email: `anna-${tag}@test.example`,
    });
    await tx(database, (t) =>
      setRecipients(t, m.system, { paragraphId: p.id, recipients: [{ personId: anna.id }] }),
    );
    await closeAndApprove(m, f);
    const { deliveries } = await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    expect(deliveries.map((d) => [d.name, d.channel, d.address])).toEqual([
      ["Anna Andersson", "email", `anna-${tag}@test.example`],
    ]);
    await run(m);
    expect(mailsTo(`anna-${tag}@test.example`)).toHaveLength(1);
    const unknown = await refusal(
      tx(database, (t) =>
        setRecipients(t, m.system, { paragraphId: p.id, recipients: [{ personId: randomUUID() }] }),
      ),
    );
    expect(unknown.code).toBe("person_not_found");
  });

  it("refuses before the minutes are approved, without a decision or recipients, and a second time", async () => {
    const m = await freshMunicipality(database);
    const { p, f } = await decided(m, { close: false });
    expect((await refusal(tx(database, (t) => dispatchParagraph(t, m.system, p.id)))).code).toBe(
      "dispatch_not_approved",
    );
    await tx(database, (t) => setRecipients(t, m.system, { paragraphId: p.id, recipients: [] }));
    await closeAndApprove(m, f);
    expect((await refusal(tx(database, (t) => dispatchParagraph(t, m.system, p.id)))).code).toBe(
      "dispatch_no_recipients",
    );
    const m2 = await freshMunicipality(database);
    const second = await decided(m2);
    await tx(database, (t) => dispatchParagraph(t, m2.system, second.p.id, { dispatchedOn: "2026-03-18" }));
    const twice = await refusal(tx(database, (t) => dispatchParagraph(t, m2.system, second.p.id)));
    expect(twice.code).toBe("already_dispatched");
    expect(twice.details).toEqual({ date: "2026-03-18" });
  });

  it("refuses an address that does not parse, when it is entered and at dispatch, and writes nothing", async () => {
    const entered = RecipientsInput.safeParse({
      paragraphId: "00000000-0000-4000-8000-000000000000",
      recipients: [{ label: "Sökanden", email: "anna@@exempel" }],
    });
    expect(entered.success).toBe(false);
    expect(entered.error!.issues[0]!.message).toBe(
      "E-postadressen anna@@exempel går inte att tolka. Skriv den som namn@exempel.se.",
    );
    const m = await freshMunicipality(database);
    const { p, fritid, theCase } = await decided(m);
    // An address from before the check (or written past it) is caught at dispatch.
    await tx(database, (t) =>
      t.update(body).set({ email: "fritid@exempel..se" }).where(eq(body.id, fritid.id)),
    );
    const error = await refusal(tx(database, (t) => dispatchParagraph(t, m.system, p.id)));
    expect(error.code).toBe("recipient_address_invalid");
    expect(error.details).toMatchObject({ address: "fritid@exempel..se" });
    expect(await deliveriesOf(m)).toHaveLength(0);
    const outgoing = await tx(database, (t) =>
      t
        .select()
        .from(record)
        .where(and(eq(record.caseId, theCase.id), eq(record.direction, "outgoing"))),
    );
    expect(outgoing).toHaveLength(0);
    // Approval's own jobs (the notice's take-down, its follow-up) are there; no mail of dispatch is.
    const jobs = await tx(database, (t) =>
      t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id)),
    );
    expect(jobs.filter((j) => j.kind.startsWith("dispatch."))).toHaveLength(0);
  });

  it("retries a temporary refusal (4xx) and a connection dropped mid-message, and marks sent only what was accepted", async () => {
    const m = await freshMunicipality(database);
    const { p, tag } = await decided(m);
    const fritid = `fritid-${tag}@test.example`;
    const sokanden = `sokanden-${tag}@test.example`;
    behaviours.set(fritid, "refuse-for-now");
    behaviours.set(sokanden, "drop-connection");
    await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    const start = Date.now();
    expect(await run(m, new Date(start))).toMatchObject({ done: 0, retried: 2 });
    let rows = await deliveriesOf(m);
    expect(rows.map((d) => d.status)).toEqual(["retried", "sent", "retried"]);
    expect(rows[0]!.lastError).toContain("451");
    expect(rows[2]!.lastError).toContain("Förbindelsen med e-postservern bröts");
    expect(rows[0]!.sentAt).toBeNull();
    expect(smtp.dropped()).toBeGreaterThan(0);
    expect(mailsTo(fritid)).toHaveLength(0);
    expect(mailsTo(sokanden)).toHaveLength(0);
    behaviours.delete(fritid);
    behaviours.delete(sokanden);
    expect(await run(m, new Date(start + 31_000))).toMatchObject({ done: 2 });
    rows = await deliveriesOf(m);
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([
      ["sent", 2],
      ["sent", 0],
      ["sent", 2],
    ]);
    expect(mailsTo(fritid)).toHaveLength(1);
    expect(mailsTo(sokanden)).toHaveLength(1);
  });

  it("fails a permanent refusal (5xx) at once, and the secretary resends it as a new round", async () => {
    const m = await freshMunicipality(database);
    const { p, tag } = await decided(m);
    const fritid = `fritid-${tag}@test.example`;
    behaviours.set(fritid, "refuse-permanently");
    await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    expect(await run(m)).toMatchObject({ done: 2, retried: 0 });
    let [first] = await deliveriesOf(m);
    expect(first!.status).toBe("failed");
    expect(first!.lastError).toContain("avvisade brevet (550");
    const firstMessageId = first!.messageId;
    // Nothing more is tried on its own: the server said no for good.
    expect(await run(m, new Date(Date.now() + 7_200_000))).toMatchObject({ done: 0, retried: 0 });
    const unknown = await refusal(tx(database, (t) => resendDelivery(t, m.system, randomUUID())));
    expect(unknown.code).toBe("delivery_not_found");
    behaviours.delete(fritid);
    await tx(database, (t) => resendDelivery(t, m.system, first!.id));
    [first] = await deliveriesOf(m);
    expect([first!.status, first!.round]).toEqual(["queued", 2]);
    expect(await run(m)).toMatchObject({ done: 1 });
    [first] = await deliveriesOf(m);
    expect(first!.status).toBe("sent");
    expect(first!.messageId).not.toBe(firstMessageId);
    expect(mailsTo(fritid)).toHaveLength(1);
    const sent = await refusal(tx(database, (t) => resendDelivery(t, m.system, first!.id)));
    expect(sent.code).toBe("delivery_not_resendable");
  });

  it("loses nothing and sends nothing twice when the worker dies in the middle of a dispatch", async () => {
    const m = await freshMunicipality(database);
    const { p, tag } = await decided(m, { extra: ["Alfa", "Beta", "Gamma"] });
    await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    // A worker that dies after its second mail was accepted and recorded, before the job is marked done.
    const real = dispatchJobHandlers(mailer);
    let handled = 0;
    const dying: JobHandlers = {
      async "dispatch.deliver"(job, ctx) {
        await real["dispatch.deliver"]!(job, ctx);
        handled++;
        if (handled === 2) throw new Error("worker killed");
      },
    };
    const start = Date.now();
    expect(await run(m, new Date(start), dying)).toMatchObject({ done: 4, retried: 1 });
    // A worker that claims and vanishes: its jobs wait for the lease to run out, then another takes them.
    const later = new Date(start + 3_600_000);
    expect(await claimDueJobs(database.db, ["dispatch.deliver"], later, 10, 300, m.id)).toHaveLength(1);
    expect((await run(m, later)).done).toBe(0);
    expect((await run(m, new Date(later.getTime() + 301_000))).done).toBe(1);
    for (const who of ["fritid", "sokanden", "alfa", "beta", "gamma"])
      expect(mailsTo(`${who}-${tag}@test.example`)).toHaveLength(1);
    expect((await deliveriesOf(m)).every((d) => d.status === "sent")).toBe(true);
  });

  it("records a bounce by Message-ID, and refuses an unknown one", async () => {
    const m = await freshMunicipality(database);
    const { p } = await decided(m);
    await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    await run(m);
    const [first] = await deliveriesOf(m);
    const bounced = await tx(database, (t) =>
      recordBounce(t, m.system, {
        messageId: first!.messageId!.slice(1, -1),
        reason: "550 5.1.1 mailbox unavailable",
      }),
    );
    expect(bounced.map((d) => d.status)).toEqual(["bounced"]);
    expect(
      (await refusal(tx(database, (t) => recordBounce(t, m.system, { messageId: "<okand@x>", reason: "x" }))))
        .code,
    ).toBe("delivery_not_found");
    const view = await tx(database, (t) => paragraphDispatchView(t, m.id, p.id, m.system));
    expect(view!.deliveries[0]).toMatchObject({ statusLabel: "Studsade", resendable: true });
    expect(view!.complete).toBe(false);
  });
});

describe("closing a case after its decision", () => {
  it("refuses until the route is run and the decision has reached every recipient", async () => {
    const m = await freshMunicipality(database);
    const { p, f, theCase } = await decided(m, { close: false });
    await tx(database, (t) =>
      planDecisionRoute(t, m.system, {
        caseId: theCase.id,
        steps: [{ bodyId: f.body.id, plannedOn: "2026-03-10", role: "decide", meetingId: f.meeting.id }],
      }),
    );
    const close = () => tx(database, (t) => closeCase(t, m.system, theCase.id, { closedOn: "2026-03-20" }));
    expect((await refusal(close())).code).toBe("case_route_incomplete");
    await closeAndApprove(m, f);
    const notDispatched = await refusal(close());
    expect(notDispatched.code).toBe("case_decision_not_dispatched");
    expect(notDispatched.details).toMatchObject({ pending: 3 });
    await tx(database, (t) => dispatchParagraph(t, m.system, p.id));
    // Two mails still in the outbox: not yet dispatched to all.
    expect((await refusal(close())).details).toMatchObject({ pending: 2 });
    await run(m);
    const closed = await close();
    expect(closed.status).toBe("closed");
    const onCase = await tx(database, (t) => readCaseDispatches(t, m.id, theCase.id, null));
    expect(onCase).toHaveLength(1);
    expect(onCase[0]!.complete).toBe(true);
  });
});

describe("dispatch on approval", () => {
  it("dispatches what is due and has recipients, once, and skips the rest", async () => {
    const m = await freshMunicipality(database);
    const { p, f } = await decided(m, { close: false });
    const bare = await tx(database, async (t) => {
      const second = await minuteParagraph(t, m.system, f, { title: "Utan mottagare" });
      await setRecipients(t, m.system, { paragraphId: second.paragraph.id, recipients: [] });
      return second.paragraph.id;
    });
    expect(await tx(database, (t) => dispatchApprovedParagraphs(t, m.system, [p.id, bare]))).toEqual([]);
    await closeAndApprove(m, f);
    const ids = [p.id, bare, randomUUID()];
    expect(await tx(database, (t) => dispatchApprovedParagraphs(t, m.system, ids))).toEqual([p.id]);
    expect(await tx(database, (t) => dispatchApprovedParagraphs(t, m.system, ids))).toEqual([]);
    expect(await deliveriesOf(m)).toHaveLength(3);
  });
});
