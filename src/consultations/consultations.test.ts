import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildParty } from "../../test/support/factories.js";
import { followUpSetting } from "../../test/support/followup.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { claimDueJobs, type JobHandlers, runDueJobs } from "../jobs/run-jobs.js";
import { mailDelivery, outboxJob } from "../jobs/tables.js";
import { createMailer, type Mailer } from "../mail/mailer.js";
import type { SecretAccess } from "../register/access.js";
import { record } from "../register/tables.js";
import { addReminder } from "./add-reminder.js";
import { createConsultation } from "./create-consultation.js";
import { declineConsultation } from "./decline-consultation.js";
import { positionLines, positionPhrase } from "./format.js";
import { consultationJobHandlers } from "./notify.js";
import { answerTo } from "./present.js";
import { readConsultation } from "./read-consultation.js";
import { recordAnswer } from "./record-answer.js";
import { sendConsultation } from "./send-consultation.js";
import { consultation, consultee } from "./tables.js";

/** A reader who may see every secret part of the register. */
const registrar: SecretAccess = { all: true, bodyIds: [] };

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  database = await testDatabase();
  smtp = await startSmtpServer();
  mailer = createMailer({ url: smtp.url, from: "Testkommun <registrator@test.example>" });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await database.close();
});

async function rejects(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function mailsTo(address: string) {
  return smtp.received.filter((m) => m.to.includes(address));
}

/** A consultation to two committees (with addresses) and one external organisation, not yet sent. */
async function draft(m: TestMunicipality, options: { reminders?: string[] } = {}) {
  const s = await followUpSetting(database, m.system);
  const tag = m.slug;
  const asn = await buildBody(database, m.system, {
    name: "Arbetsmarknads- och socialnämnden",
    shortName: "ASN",
    email: `asn-${tag}@test.example`,
  });
  const mn = await buildBody(database, m.system, { name: "Miljönämnden", email: `mn-${tag}@test.example` });
  const kn = await buildBody(database, m.system, { name: "Kulturnämnden" });
  for (const abbreviation of ["M", "SD", "V"]) await buildParty(database, m.system, { abbreviation });
  const c = await tx(database, (t) =>
    createConsultation(t, m.system, {
      caseId: s.kase.id,
      decidedBy: { bodyId: s.ksau.id, decidedOn: "2025-03-24", paragraphNumber: 120 },
      title: "Organisering för kraftsamlande insatser",
      coverText: "Stadskontoret föreslår en organisering för kraftsamlande insatser.",
      deadline: "2025-06-30",
      questions: ["Hur kan/bör nämnderna involveras i arbetet?", "Finns det någon befintlig styrgrupp?"],
      consultees: [
        { bodyId: asn.id },
        { bodyId: mn.id },
        { organisationName: "Föreningen Exempel", contactEmail: `forening-${tag}@test.example` },
      ],
      reminders: options.reminders ?? [],
    }),
  );
  return { ...s, asn, mn, kn, c, tag };
}

const handlers = (): JobHandlers => consultationJobHandlers(mailer);

describe("sending a consultation", () => {
  it("registers an outgoing record per recipient and mails each one after commit, once", async () => {
    const m = await freshMunicipality(database);
    const { c, kase, tag } = await draft(m);
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    const outgoing = await tx(database, (t) =>
      t
        .select()
        .from(record)
        .where(and(eq(record.caseId, kase.id), eq(record.direction, "outgoing"))),
    );
    expect(outgoing.map((r) => r.description).sort()).toEqual([
      "Remiss till Arbetsmarknads- och socialnämnden: Organisering för kraftsamlande insatser",
      "Remiss till Föreningen Exempel: Organisering för kraftsamlande insatser",
      "Remiss till Miljönämnden: Organisering för kraftsamlande insatser",
    ]);
    // Nothing is sent from inside the use case: the mail waits in the outbox until a worker runs.
    expect(mailsTo(`asn-${tag}@test.example`)).toHaveLength(0);
    const waiting = (await tx(database, (t) => readConsultation(t, m.id, registrar, c.id)))!;
    expect(waiting.consultees.map((x) => x.letter.state)).toEqual(["queued", "queued", "queued"]);
    const first = await runDueJobs(database.db, { municipalityId: m.id, handlers: handlers() });
    expect(first.done).toBe(3);
    const again = await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: handlers(),
      now: new Date(Date.now() + 86_400_000),
    });
    expect(again.done).toBe(0);
    for (const who of ["asn", "mn", "forening"])
      expect(mailsTo(`${who}-${tag}@test.example`)).toHaveLength(1);
    const delivered = (await tx(database, (t) => readConsultation(t, m.id, registrar, c.id)))!;
    expect(delivered.consultees.map((x) => x.letter.state)).toEqual(["sent", "sent", "sent"]);
    const letter = mailsTo(`asn-${tag}@test.example`)[0]!;
    expect(letter.text).toContain("Ärende: STK-2024-1 Återrapportering kring kraftsamlande insatser");
    expect(letter.text).toContain("Sista svarsdag: 2025-06-30");
    expect(letter.text).toContain("Kommunstyrelsens arbetsutskott beslutade 2025-03-24 (KSAU 250324 § 120)");
  });

  it("refuses a deadline before the send date and writes nothing", async () => {
    const m = await freshMunicipality(database);
    const { c, kase } = await draft(m);
    const error = await rejects(
      tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-07-01" })),
    );
    expect(error.code).toBe("deadline_before_send");
    expect(error.field).toBe("sentOn");
    const [stored] = await tx(database, (t) =>
      t.select().from(consultation).where(eq(consultation.id, c.id)),
    );
    expect(stored!.status).toBe("draft");
    expect(await tx(database, (t) => t.select().from(record).where(eq(record.caseId, kase.id)))).toHaveLength(
      0,
    );
    expect(
      await tx(database, (t) => t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id))),
    ).toHaveLength(0);
  });

  it("loses no notification and sends none twice when the worker dies after the SMTP accept", async () => {
    const m = await freshMunicipality(database);
    const { c, tag } = await draft(m);
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    // A worker that dies after its second mail was accepted and recorded, before the job is marked done.
    const real = handlers();
    let handled = 0;
    const dying: JobHandlers = {
      ...real,
      async "consultation.notify"(job, ctx) {
        await real["consultation.notify"]!(job, ctx);
        handled++;
        if (handled === 2) throw new Error("worker killed");
      },
    };
    const crashed = await runDueJobs(database.db, { municipalityId: m.id, handlers: dying });
    expect(crashed).toMatchObject({ done: 2, retried: 1 });
    // A job claimed by a worker that vanished without a word is taken over when its lease runs out.
    const later = new Date(Date.now() + 3_600_000);
    const abandoned = await claimDueJobs(database.db, ["consultation.notify"], later, 10, 300, m.id);
    expect(abandoned).toHaveLength(1);
    expect(
      (await runDueJobs(database.db, { municipalityId: m.id, handlers: handlers(), now: later })).done,
    ).toBe(0);
    const afterLease = new Date(later.getTime() + 301_000);
    expect(
      (await runDueJobs(database.db, { municipalityId: m.id, handlers: handlers(), now: afterLease })).done,
    ).toBe(1);
    for (const who of ["asn", "mn", "forening"])
      expect(mailsTo(`${who}-${tag}@test.example`)).toHaveLength(1);
    const jobs = await tx(database, (t) =>
      t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id)),
    );
    expect(jobs.every((j) => j.doneAt !== null)).toBe(true);
  });

  it("resends with the same Message-ID when the crash falls between the SMTP accept and its record", async () => {
    const m = await freshMunicipality(database);
    const { c, tag } = await draft(m);
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    const forgetful: Mailer = {
      ...mailer,
      async send(mail) {
        await mailer.send(mail);
        throw new Error("crash before the delivery was marked sent");
      },
    };
    const first = await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: consultationJobHandlers(forgetful),
    });
    expect(first.retried).toBe(3);
    await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: handlers(),
      now: new Date(Date.now() + 3_600_000),
    });
    const mails = mailsTo(`mn-${tag}@test.example`);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.messageId).toBe(mails[1]!.messageId);
    const deliveries = await tx(database, (t) =>
      t
        .select()
        .from(mailDelivery)
        .innerJoin(outboxJob, eq(outboxJob.id, mailDelivery.jobId))
        .where(eq(outboxJob.municipalityId, m.id)),
    );
    expect(deliveries.map((d) => [d.mail_delivery.status, d.mail_delivery.attempts])).toEqual([
      ["sent", 2],
      ["sent", 2],
      ["sent", 2],
    ]);
  });
});

describe("answers and reminders", () => {
  it("records answers with decision, reservations and statements, a refusal, and reminds only the silent", async () => {
    const m = await freshMunicipality(database);
    const { c, asn, mn, tag } = await draft(m, {
      reminders: ["2025-06-20T08:00:00+02:00", "2025-07-07T08:00:00+02:00"],
    });
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    await tx(database, (t) =>
      recordAnswer(t, m.system, c.id, {
        bodyId: asn.id,
        answeredOn: "2025-06-23",
        decision: { bodyId: asn.id, decidedOn: "2025-06-19", paragraphNumber: 219 },
        positions: [
          { kind: "reservation", parties: ["M"] },
          { kind: "reservation", parties: ["SD"] },
        ],
        answers: [{ question: 1, text: "Genom styrgruppen." }],
      }),
    );
    const forening = (await tx(database, (t) => readConsultation(t, m.id, registrar, c.id)))!.consultees[2]!;
    await tx(database, (t) =>
      declineConsultation(t, m.system, c.id, { consulteeId: forening.id, declinedOn: "2025-04-01" }),
    );
    // The letters are due at once; only the reminders wait for their times.
    await runDueJobs(database.db, {
      handlers: { "consultation.notify": handlers()["consultation.notify"]! },
    });
    await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: handlers(),
      now: new Date("2025-06-20T07:00:00Z"),
    });
    await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: handlers(),
      now: new Date("2025-07-07T07:00:00Z"),
    });
    // Miljönämnden: the letter, the reminder before the deadline and the one after; ASN only the letter.
    expect(mailsTo(`mn-${tag}@test.example`)).toHaveLength(3);
    expect(mailsTo(`asn-${tag}@test.example`)).toHaveLength(1);
    expect(mailsTo(`forening-${tag}@test.example`)).toHaveLength(1);
    const [letter, before, after] = mailsTo(`mn-${tag}@test.example`);
    expect(letter!.subject).toBe(
      "Remiss: Organisering för kraftsamlande insatser (STK-2024-1), svar senast 2025-06-30",
    );
    expect(letter!.text).toContain("1. Hur kan/bör nämnderna involveras i arbetet?");
    expect(before!.subject).toContain("svar senast 2025-06-30");
    expect(after!.subject).toContain("är försenat");

    const o = (await tx(database, (t) => readConsultation(t, m.id, registrar, c.id)))!;
    const asnView = o.consultees[0]!;
    expect(asnView.decisionLine).toBe(
      "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
    );
    expect(asnView.positionLines).toEqual(["Reservation (M) och (SD)"]);
    expect(asnView.responseRecord!.description).toBe("Remissvar Arbetsmarknads- och socialnämnden");
    expect(answerTo(asnView, o.questions[0]!.id)).toBe("Genom styrgruppen.");
    expect(o.consultees.map((x) => x.state)).toEqual(["answered", "overdue", "declined"]);
    expect(mn.id).toBe(o.consultees[1]!.bodyId);
  });

  it("refuses an answer from a body that was not asked, a second answer and one before sending", async () => {
    const m = await freshMunicipality(database);
    const { c, asn, kn } = await draft(m);
    const early = await rejects(
      tx(database, (t) => recordAnswer(t, m.system, c.id, { bodyId: asn.id, answeredOn: "2025-04-01" })),
    );
    expect(early.code).toBe("consultation_not_sent");
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    const stranger = await rejects(
      tx(database, (t) => recordAnswer(t, m.system, c.id, { bodyId: kn.id, answeredOn: "2025-04-01" })),
    );
    expect(stranger.code).toBe("not_consulted");
    expect(stranger.details.name).toBe("Kulturnämnden");
    const badParty = await rejects(
      tx(database, (t) =>
        recordAnswer(t, m.system, c.id, {
          bodyId: asn.id,
          answeredOn: "2025-06-23",
          decision: { bodyId: asn.id, decidedOn: "2025-06-19", paragraphNumber: 219 },
          positions: [{ kind: "reservation", parties: ["XYZ"] }],
        }),
      ),
    );
    expect(badParty.code).toBe("party_unknown");
    const responses = async () =>
      (
        await tx(database, (t) =>
          t.select().from(record).where(eq(record.recordType, "consultation_response")),
        )
      ).filter((r) => r.municipalityId === m.id);
    expect(await responses()).toHaveLength(0);
    await tx(database, (t) => recordAnswer(t, m.system, c.id, { bodyId: asn.id, answeredOn: "2025-06-01" }));
    const twice = await rejects(
      tx(database, (t) => recordAnswer(t, m.system, c.id, { bodyId: asn.id, answeredOn: "2025-06-02" })),
    );
    expect(twice.code).toBe("consultee_already_answered");
    expect(await responses()).toHaveLength(1);
    const rows = await tx(database, (t) =>
      t.select().from(consultee).where(eq(consultee.consultationId, c.id)),
    );
    expect(rows.filter((r) => r.status === "answered")).toHaveLength(1);
  });

  it("puts a reminder added after sending straight into the outbox", async () => {
    const m = await freshMunicipality(database);
    const { c } = await draft(m);
    await tx(database, (t) => sendConsultation(t, m.system, c.id, { sentOn: "2025-03-25" }));
    await tx(database, (t) => addReminder(t, m.system, c.id, { remindAt: "2025-06-25T08:00:00+02:00" }));
    const jobs = await tx(database, (t) =>
      t
        .select()
        .from(outboxJob)
        .where(and(eq(outboxJob.municipalityId, m.id), eq(outboxJob.kind, "consultation.remind"))),
    );
    expect(jobs.map((j) => j.runAt.toISOString())).toEqual(["2025-06-25T06:00:00.000Z"]);
    const early = await rejects(
      tx(database, (t) => addReminder(t, m.system, c.id, { remindAt: "2025-03-01T08:00:00+01:00" })),
    );
    expect(early.code).toBe("reminder_before_send");
    // Half past midnight on the send day is still that day in Stockholm, though UTC has the day before.
    await tx(database, (t) => addReminder(t, m.system, c.id, { remindAt: "2025-03-25T00:30:00+01:00" }));
  });
});

describe("the wording of reservations and special statements", () => {
  it("lists parties as Swedish prose: commas, and och before the last", () => {
    const three = ["M", "SD", "V"].map((p) => ({ kind: "reservation" as const, parties: [p] }));
    expect(positionLines(three)).toEqual(["Reservation (M), (SD) och (V)"]);
    expect(positionPhrase([...three, { kind: "special_statement", parties: ["C", "L"] }])).toBe(
      "med reservation (M), (SD) och (V) och särskilt yttrande (C+L)",
    );
  });
});
