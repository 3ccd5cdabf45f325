import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildCallOff, callOffInput, reserveSetting, themes } from "../../test/support/reserves.js";
import { systemActor } from "../accounts/actor.js";
import { consultation } from "../consultations/tables.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { formatKronor, parseKronor } from "../domain/money.js";
import { describeError } from "../http/errors.js";
import { outboxJob } from "../jobs/tables.js";
import type { SecretAccess } from "../register/access.js";
import { applyForCallOff } from "./apply-for-call-off.js";
import { decideCallOff } from "./decide-call-off.js";
import { readCallOff, readReserve } from "./read-follow-up.js";
import { recordPayment } from "./record-payment.js";
import { reverseCallOff } from "./reverse-call-off.js";
import { setFollowUpCalendar } from "./set-follow-up-calendar.js";
import { startQuestionRound } from "./start-question-round.js";
import { submitReport } from "./submit-report.js";
import { appropriation, callOff, followUpCalendar, ledgerEntry } from "./tables.js";

const everything: SecretAccess = { all: true, bodyIds: [] };

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
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

const grant = (s: { kf: { id: string } }, on = "2026-02-20", paragraphNumber: number | null = null) => ({
  outcome: "granted" as const,
  decidedBy: { bodyId: s.kf.id, decidedOn: on, paragraphNumber },
});

describe("money", () => {
  it("is shown the Swedish way and read back in whole öre", () => {
    expect(formatKronor(1_000_000_000)).toBe("10\u00a0000\u00a0000\u00a0kr");
    expect(formatKronor(123_450)).toBe("1\u00a0234,50\u00a0kr");
    expect(parseKronor("10 000 000")).toEqual({ ore: 1_000_000_000 });
    expect(parseKronor("1 234,50 kr")).toEqual({ ore: 123_450 });
    expect(parseKronor("0,005")).toEqual({ problem: "fraction_of_ore" });
    expect(parseKronor("-5")).toEqual({ problem: "negative" });
  });
});

describe("a reserve", () => {
  it("is created by its decision, with the amount as the ledger's first entry", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const view = await tx(database, (t) => readReserve(t, m.id, s.reserve.id, everything));
    expect(view.decision).toBe("KF 260122 § 8");
    expect(view.money.appropriated).toBe("10\u00a0000\u00a0000\u00a0kr");
    expect(view.money.remaining).toBe(view.money.appropriated);
    expect(view.ledgerChecked).toBe(true);
  });

  it("moves its balance through the ledger: grant, payment, report, progress", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const applied = await buildCallOff(database, m.system, s);
    await tx(database, (t) => decideCallOff(t, m.system, applied.id, grant(s)));
    await tx(database, (t) =>
      recordPayment(t, m.system, applied.id, { amountOre: 20_000_000, paidOn: "2026-03-01" }),
    );
    const { callOff } = await tx(database, (t) => readCallOff(t, m.id, applied.id, everything));
    const indicatorId = callOff.indicators[0]!.id;
    await tx(database, (t) =>
      submitReport(
        t,
        m.system,
        applied.id,
        {
          year: 2026,
          period: "interim",
          status: "on_track",
          moneyUsedOre: 15_000_000,
          narrative: "Verksamheten är igång.",
          reportedOn: "2026-09-15",
          values: [{ indicatorId, value: 75 }],
        },
        { today: "2026-09-15" },
      ),
    );
    const view = await tx(database, (t) => readReserve(t, m.id, s.reserve.id, everything));
    expect(view.money.grantedOre).toBe(50_000_000);
    expect(view.money.paidOre).toBe(20_000_000);
    expect(view.money.remainingOre).toBe(1_000_000_000 - 50_000_000);
    expect(view.ledgerChecked).toBe(true);
    // 70 → 75 of 70 → 80 is half way; the reserve's weighted progress is its only call-off's.
    expect(view.callOffs[0]!.progressPermille).toBe(500);
    expect(view.progressPermille).toBe(500);
    const [stored] = await tx(database, (t) =>
      t.select().from(appropriation).where(eq(appropriation.id, s.reserve.id)),
    );
    expect(stored!.progressPermille).toBe(500);
    expect(view.callOffs[0]!.indicators[0]!.path.map((p) => p.value)).toEqual([70, 75, 80]);
    expect(view.callOffs[0]!.timeline.map((e) => e.text)).toContain("Utbetalt 200\u00a0000\u00a0kr");
  });

  it("keeps the ledger append-only: the database refuses to change or remove an entry", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const update = tx(database, (t) =>
      t.update(ledgerEntry).set({ amountOre: 1 }).where(eq(ledgerEntry.appropriationId, s.reserve.id)),
    );
    await expect(update).rejects.toThrow();
    const remove = tx(database, (t) =>
      t.delete(ledgerEntry).where(eq(ledgerEntry.appropriationId, s.reserve.id)),
    );
    await expect(remove).rejects.toThrow();
  });

  it("leaves the balance at zero or above when 100 grants race for a nearly empty reserve", async () => {
    const m = await freshMunicipality(database);
    // 5,50 kr left for 100 grants of 1 kr: five fit.
    const s = await reserveSetting(database, m.system, { amountOre: 550 });
    const applications = await tx(database, async (t) => {
      const rows = [];
      for (let i = 0; i < 100; i++)
        rows.push(await applyForCallOff(t, m.system, callOffInput(s, { requestedOre: 100, indicators: [] })));
      return rows;
    });
    const results = await Promise.allSettled(
      applications.map((a) =>
        inTransaction(database.db, (t) =>
          decideCallOff(t, systemActor(m.id), a.id, {
            outcome: "granted",
            decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
          }),
        ),
      ),
    );
    const granted = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter(
      (r) =>
        r.status === "rejected" &&
        r.reason instanceof DomainError &&
        r.reason.code === "amount_above_remaining",
    ).length;
    expect(granted).toBe(5);
    expect(refused).toBe(95);
    const view = await tx(database, (t) => readReserve(t, m.id, s.reserve.id, everything));
    expect(view.money.grantedOre).toBe(500);
    expect(view.money.remainingOre).toBe(50);
    expect(view.ledgerChecked).toBe(true);
  });

  it("is held at zero or above by the database itself when 100 ledger entries bypass the code", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system, { amountOre: 550 });
    const applications = await tx(database, async (t) => {
      const rows = [];
      for (let i = 0; i < 100; i++)
        rows.push(await applyForCallOff(t, m.system, callOffInput(s, { requestedOre: 100, indicators: [] })));
      return rows;
    });
    // No lock, no check: straight INSERTs, each in its own transaction, all at once.
    const results = await Promise.allSettled(
      applications.map((a) =>
        inTransaction(database.db, (t) =>
          t.insert(ledgerEntry).values({
            municipalityId: m.id,
            appropriationId: s.reserve.id,
            callOffId: a.id,
            kind: "granted",
            amountOre: 100,
            bookedOn: "2026-02-20",
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(5);
    const [row] = await tx(database, (t) =>
      t
        .select({ granted: appropriation.grantedOre, amount: appropriation.amountOre })
        .from(appropriation)
        .where(eq(appropriation.id, s.reserve.id)),
    );
    expect(row!.granted).toBe(500);
    expect(row!.amount - row!.granted).toBeGreaterThanOrEqual(0);
    const [sum] = await tx(database, (t) =>
      t
        .select({ total: sql<string>`sum(${ledgerEntry.amountOre})::text` })
        .from(ledgerEntry)
        .where(sql`${ledgerEntry.appropriationId} = ${s.reserve.id} AND ${ledgerEntry.kind} = 'granted'`),
    );
    expect(Number(sum!.total)).toBe(500);
  });
});

describe("reversals", () => {
  const byKs = (s: { ks: { id: string } }, paragraphNumber = 140) => ({
    bodyId: s.ks.id,
    decidedOn: "2026-06-01",
    paragraphNumber,
  });
  const ledgerCount = async (appropriationId: string) =>
    (
      await tx(database, (t) =>
        t.select().from(ledgerEntry).where(eq(ledgerEntry.appropriationId, appropriationId)),
      )
    ).length;

  it("reduce and withdraw a grant and correct a payment by new ledger entries, returning money to the reserve", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s, { requestedOre: 50_000_000 });
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    await tx(database, (t) =>
      recordPayment(t, m.system, a.id, { amountOre: 20_000_000, paidOn: "2026-03-01" }),
    );
    const before = await ledgerCount(s.reserve.id);
    await tx(database, (t) =>
      reverseCallOff(t, m.system, a.id, {
        kind: "grant",
        amountOre: 10_000_000,
        decidedBy: byKs(s),
        reason: "Insatsen blev mindre än planerat.",
      }),
    );
    await tx(database, (t) =>
      reverseCallOff(t, m.system, a.id, {
        kind: "payment",
        amountOre: 5_000_000,
        decidedBy: byKs(s, 141),
        reason: "Dubbelbetalning återbetald.",
      }),
    );
    expect(await ledgerCount(s.reserve.id)).toBe(before + 2);
    let view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    expect(view.callOff.status).toBe("partly_granted");
    expect(view.callOff.money.grantedOre).toBe(40_000_000);
    expect(view.callOff.money.paidOre).toBe(15_000_000);
    expect(view.callOff.money.reversedOre).toBe(10_000_000);
    expect(view.reserve.money.remainingOre).toBe(1_000_000_000 - 40_000_000);
    expect(view.reserve.ledgerChecked).toBe(true);
    expect(view.callOff.reversals.map((r) => [r.kind, r.decision, r.reason])).toEqual([
      ["grant", "KS 260601 § 140", "Insatsen blev mindre än planerat."],
      ["payment", "KS 260601 § 141", "Dubbelbetalning återbetald."],
    ]);
    expect(view.callOff.timeline.map((e) => e.text)).toContain(
      "Beviljat belopp minskat med 100\u00a0000\u00a0kr (KS 260601 § 140)",
    );
    // Withdrawn in full once nothing is paid out.
    await tx(database, (t) =>
      reverseCallOff(t, m.system, a.id, {
        kind: "payment",
        amountOre: 15_000_000,
        decidedBy: byKs(s, 142),
        reason: "Återbetalt.",
      }),
    );
    await tx(database, (t) =>
      reverseCallOff(t, m.system, a.id, {
        kind: "grant",
        amountOre: 40_000_000,
        decidedBy: byKs(s, 143),
        reason: "Insatsen genomförs inte.",
      }),
    );
    view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    expect(view.callOff.status).toBe("withdrawn");
    expect(view.reserve.money.remainingOre).toBe(1_000_000_000);
    expect(view.reserve.ledgerChecked).toBe(true);
  });

  it("refuses a reversal above the grant, one leaving more paid than granted, and a correction above what was paid", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s, { requestedOre: 50_000_000 });
    const unDecided = await rejects(
      tx(database, (t) =>
        reverseCallOff(t, m.system, a.id, { kind: "grant", amountOre: 100, decidedBy: byKs(s), reason: "x" }),
      ),
    );
    expect(unDecided.code).toBe("reversal_nothing_granted");
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    await tx(database, (t) =>
      recordPayment(t, m.system, a.id, { amountOre: 30_000_000, paidOn: "2026-03-01" }),
    );
    const before = await ledgerCount(s.reserve.id);
    const cases: [Parameters<typeof reverseCallOff>[3], string][] = [
      [{ kind: "grant", amountOre: 50_000_001, decidedBy: byKs(s), reason: "x" }, "reversal_above_granted"],
      [{ kind: "grant", amountOre: 20_000_001, decidedBy: byKs(s), reason: "x" }, "reversal_below_paid"],
      [{ kind: "payment", amountOre: 30_000_001, decidedBy: byKs(s), reason: "x" }, "correction_above_paid"],
    ];
    for (const [input, code] of cases) {
      const error = await rejects(tx(database, (t) => reverseCallOff(t, m.system, a.id, input)));
      expect(error.code).toBe(code);
      expect(error.field).toBe("amountOre");
    }
    const noReason = await rejects(
      tx(database, (t) =>
        reverseCallOff(t, m.system, a.id, { kind: "grant", amountOre: 100, decidedBy: byKs(s), reason: " " }),
      ),
    );
    expect(noReason.field).toBe("reason");
    expect(await ledgerCount(s.reserve.id)).toBe(before);
    const view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    expect(view.callOff.money.grantedOre).toBe(50_000_000);
    expect(view.callOff.status).toBe("granted");
  });

  it("leaves granted at zero or above when 100 reversals race against a small grant", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    // 5 kr granted, 1,50 kr paid: 3 reversals of 1 kr fit before paid would exceed granted.
    const a = await buildCallOff(database, m.system, s, { requestedOre: 500, indicators: [] });
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    await tx(database, (t) => recordPayment(t, m.system, a.id, { amountOre: 150, paidOn: "2026-03-01" }));
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        inTransaction(database.db, (t) =>
          reverseCallOff(t, systemActor(m.id), a.id, {
            kind: "grant",
            amountOre: 100,
            decidedBy: byKs(s, 200 + i),
            reason: "Minskning",
          }),
        ),
      ),
    );
    const done = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter(
      (r) =>
        r.status === "rejected" && r.reason instanceof DomainError && r.reason.code === "reversal_below_paid",
    ).length;
    expect(done).toBe(3);
    expect(refused).toBe(97);
    const view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    expect(view.callOff.money.grantedOre).toBe(200);
    expect(view.reserve.money.grantedOre).toBe(200);
    expect(view.reserve.ledgerChecked).toBe(true);
  });

  it("is held by the database itself when 100 reversal entries bypass the code", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s, { requestedOre: 500, indicators: [] });
    const decided = await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    await tx(database, (t) => recordPayment(t, m.system, a.id, { amountOre: 150, paidOn: "2026-03-01" }));
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        inTransaction(database.db, (t) =>
          t.insert(ledgerEntry).values({
            municipalityId: m.id,
            appropriationId: s.reserve.id,
            callOffId: a.id,
            kind: i % 2 === 0 ? "grant_reversed" : "payment_reversed",
            amountOre: 100,
            bookedOn: "2026-06-01",
            decisionId: decided.decidedById,
            note: "Förbi koden",
          }),
        ),
      ),
    );
    const [row] = await tx(database, (t) =>
      t
        .select({ granted: callOff.grantedOre, paid: callOff.paidOre })
        .from(callOff)
        .where(eq(callOff.id, a.id)),
    );
    const [reserve] = await tx(database, (t) =>
      t
        .select({ granted: appropriation.grantedOre, paid: appropriation.paidOre })
        .from(appropriation)
        .where(eq(appropriation.id, s.reserve.id)),
    );
    expect(row!.paid).toBeGreaterThanOrEqual(0);
    expect(row!.granted).toBeGreaterThanOrEqual(row!.paid);
    expect(reserve).toEqual(row);
    const ok = results.filter((r) => r.status === "fulfilled").length;
    // Every accepted entry moved the sums by exactly its amount: 500 granted and 150 paid at the start.
    expect(500 - row!.granted + (150 - row!.paid)).toBe(ok * 100);
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThan(100);
    // Without a decision the database refuses a reversal outright.
    await expect(
      tx(database, (t) =>
        t.insert(ledgerEntry).values({
          municipalityId: m.id,
          appropriationId: s.reserve.id,
          callOffId: a.id,
          kind: "grant_reversed",
          amountOre: 1,
          bookedOn: "2026-06-01",
        }),
      ),
    ).rejects.toThrow();
  });
});

describe("bad input", () => {
  it("refuses a theme the reserve does not allow, an amount above what remains, and a second decision", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system, { amountOre: 10_000_000 });
    expect((await rejects(buildCallOff(database, m.system, s, { theme: "Idrottsgalor" }))).code).toBe(
      "theme_not_allowed",
    );
    expect((await rejects(buildCallOff(database, m.system, s, { requestedOre: 10_000_001 }))).code).toBe(
      "amount_above_remaining",
    );
    const first = await buildCallOff(database, m.system, s, { requestedOre: 8_000_000 });
    const second = await buildCallOff(database, m.system, s, { requestedOre: 8_000_000 });
    await tx(database, (t) => decideCallOff(t, m.system, first.id, grant(s)));
    const refused = await rejects(tx(database, (t) => decideCallOff(t, m.system, second.id, grant(s))));
    expect(refused.code).toBe("amount_above_remaining");
    expect((await rejects(tx(database, (t) => decideCallOff(t, m.system, first.id, grant(s))))).code).toBe(
      "call_off_already_decided",
    );
    // Partly: within what remains.
    const partly = await tx(database, (t) =>
      decideCallOff(t, m.system, second.id, {
        ...grant(s),
        outcome: "partly_granted",
        grantedOre: 2_000_000,
      }),
    );
    expect(partly.grantedOre).toBe(2_000_000);
    const view = await tx(database, (t) => readReserve(t, m.id, s.reserve.id, everything));
    expect(view.money.remainingOre).toBe(0);
  });

  it("refuses a payment above the grant, a report for a period not begun, and a value in the wrong unit", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s);
    expect(
      (
        await rejects(
          tx(database, (t) => recordPayment(t, m.system, a.id, { amountOre: 1, paidOn: "2026-03-01" })),
        )
      ).code,
    ).toBe("payment_not_granted");
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    expect(
      (
        await rejects(
          tx(database, (t) =>
            recordPayment(t, m.system, a.id, { amountOre: 50_000_001, paidOn: "2026-03-01" }),
          ),
        )
      ).code,
    ).toBe("payment_above_granted");
    const { callOff } = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    const report = (year: number, value: number) =>
      tx(database, (t) =>
        submitReport(
          t,
          m.system,
          a.id,
          {
            year,
            period: "interim",
            status: "on_track",
            moneyUsedOre: 0,
            narrative: "Text.",
            reportedOn: "2026-09-01",
            values: [{ indicatorId: callOff.indicators[0]!.id, value }],
          },
          { today: "2026-09-01" },
        ),
      );
    expect((await rejects(report(2027, 75))).code).toBe("report_period_not_begun");
    const wrongUnit = await rejects(report(2026, 140));
    expect(wrongUnit.code).toBe("indicator_value_wrong_unit");
    expect(wrongUnit.field).toBe("values.0.value");
    const view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything));
    expect(view.callOff.reports).toEqual([]);
  });
});

describe("reminders and question rounds", () => {
  it("queues a reminder for each report a grant owes, once", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s);
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    const jobs = await tx(database, (t) =>
      t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id)).orderBy(outboxJob.runAt),
    );
    expect(jobs.map((j) => [j.kind, j.payload.period])).toEqual([
      ["follow_up.remind", "interim"],
      ["follow_up.remind", "annual"],
    ]);
    // Two weeks before 2026-09-30 and 2027-01-31, at 08:00 in Stockholm.
    expect(jobs[0]!.runAt.toISOString()).toBe("2026-09-16T06:00:00.000Z");
    expect(jobs[1]!.runAt.toISOString()).toBe("2027-01-17T07:00:00.000Z");
  });

  it("follow the municipality's own calendar: due dates, waiting reminders and the period not begun", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s);
    await tx(database, (t) => decideCallOff(t, m.system, a.id, grant(s)));
    const refused = await rejects(
      tx(database, (t) =>
        setFollowUpCalendar(t, m.system, {
          interim: { periodEnds: "08-31", due: "08-15", dueNextYear: false },
          annual: { due: "02-15", dueNextYear: true },
        }),
      ),
    );
    expect(refused.field).toBe("interim.due");
    expect(describeError(refused).message).toContain("innan perioden har slutat");
    const badDay = await rejects(
      tx(database, (t) =>
        setFollowUpCalendar(t, m.system, {
          interim: { periodEnds: "06-31", due: "09-15", dueNextYear: false },
          annual: { due: "02-15", dueNextYear: true },
        }),
      ),
    );
    expect(badDay.field).toBe("interim.periodEnds");
    expect(
      await tx(database, (t) =>
        t.select().from(followUpCalendar).where(eq(followUpCalendar.municipalityId, m.id)),
      ),
    ).toEqual([]);

    await tx(database, (t) =>
      setFollowUpCalendar(t, m.system, {
        interim: { periodEnds: "06-30", due: "09-15", dueNextYear: false },
        annual: { due: "02-15", dueNextYear: true },
      }),
    );
    const view = await tx(database, (t) => readCallOff(t, m.id, a.id, everything, "2026-05-01"));
    expect(view.callOff.reportsDue).toEqual([
      { label: "Delårsrapport 2026", dueOn: "2026-09-15" },
      { label: "Årsanalys 2026", dueOn: "2027-02-15" },
    ]);
    // The reminders already queued move to two weeks before the new days.
    const jobs = await tx(database, (t) =>
      t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id)).orderBy(outboxJob.runAt),
    );
    expect(jobs.map((j) => j.runAt.toISOString())).toEqual([
      "2026-09-01T06:00:00.000Z",
      "2027-02-01T07:00:00.000Z",
    ]);
    // A new grant's reminders are queued by the new calendar.
    const b = await buildCallOff(database, m.system, s, { requestedOre: 1_000_000 });
    await tx(database, (t) => decideCallOff(t, m.system, b.id, grant(s)));
    const forB = await tx(database, (t) =>
      t.select().from(outboxJob).where(eq(outboxJob.municipalityId, m.id)),
    );
    expect(
      forB
        .filter((j) => j.payload.callOffId === b.id)
        .map((j) => j.runAt.toISOString())
        .sort(),
    ).toEqual(["2026-09-01T06:00:00.000Z", "2027-02-01T07:00:00.000Z"]);
    // A report for a period not yet begun is still refused.
    const early = await rejects(
      tx(database, (t) =>
        submitReport(
          t,
          m.system,
          a.id,
          {
            year: 2027,
            period: "interim",
            status: "on_track",
            moneyUsedOre: 0,
            narrative: "För tidigt.",
            reportedOn: "2026-12-01",
          },
          { today: "2026-12-01" },
        ),
      ),
    );
    expect(early.code).toBe("report_period_not_begun");
  });

  it("sends a special question round as a consultation in the reserve's case", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const round = await tx(database, (t) =>
      startQuestionRound(t, m.system, s.reserve.id, {
        decidedBy: { bodyId: s.ks.id, decidedOn: "2026-05-06", paragraphNumber: 120 },
        title: "Frågor om avropen 2026",
        coverText: "Kommunstyrelsen vill veta hur avropen har fungerat.",
        questions: ["Hur har insatsen nått barn och unga?"],
        bodyIds: [s.committee.id],
        deadline: "2026-06-30",
      }),
    );
    const [row] = await tx(database, (t) =>
      t.select().from(consultation).where(eq(consultation.id, round.id)),
    );
    expect(row!.caseId).toBe(s.kase.id);
    const view = await tx(database, (t) => readReserve(t, m.id, s.reserve.id, everything));
    expect(view.rounds.map((r) => r.title)).toEqual(["Frågor om avropen 2026"]);
  });
});

describe("themes", () => {
  it("are the seed's three in the test reserve", () => {
    expect(themes).toHaveLength(3);
  });
});
