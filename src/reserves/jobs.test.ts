import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildCallOff, reserveSetting } from "../../test/support/reserves.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import { area } from "../areas/tables.js";
import type { Database } from "../db/connect.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { createMailer, type Mailer } from "../mail/mailer.js";
import { registerNewCase } from "../register/register-case.js";
import { decideCallOff } from "./decide-call-off.js";
import { importAllOrNothing, isLargeFile, jobThreshold, queueImport, readImport } from "./import-rows.js";
import { reserveJobHandlers } from "./notify.js";
import { reverseCallOff } from "./reverse-call-off.js";
import { submitReport } from "./submit-report.js";

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  database = await testDatabase();
  smtp = await startSmtpServer();
  mailer = createMailer({ url: smtp.url, from: "Malmö stad <uppfoljning@test.example>" });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await database.close();
});

describe("report reminders", () => {
  it("mail the applying committee before the report is due, with the public title, and not once it is filed", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const secret = await tx(database, (t) =>
      registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Stöd till familjen Nyström",
        publicTitle: "Avrop för enskilda familjer",
        responsibleBodyId: s.ks.id,
        openedOn: "2026-02-01",
        secrecy: { provision: "OSL 26 kap. 1 §", markedOn: "2026-02-01", markedById: s.ks.id },
      }),
    );
    const a = await buildCallOff(database, m.system, s, { caseId: secret.id });
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    // The annual report is filed early; only the interim one is reminded.
    await tx(database, (t) =>
      submitReport(
        t,
        m.system,
        a.id,
        {
          year: 2026,
          period: "annual",
          status: "on_track",
          moneyUsedOre: 0,
          narrative: "Klart.",
          reportedOn: "2026-09-01",
        },
        { today: "2026-09-01" },
      ),
    );
    const handlers = reserveJobHandlers(mailer);
    const result = await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers,
      now: new Date("2027-02-01T00:00:00Z"),
    });
    expect(result.done).toBe(2);
    const mails = smtp.received.filter((r) => r.to.includes("fritid@test.example"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Avrop för enskilda familjer");
    expect(mails[0]!.subject).toContain("delårsrapport 2026 senast 2026-09-30");
    expect(JSON.stringify(mails)).not.toContain("Nyström");
  });
});

describe("a withdrawn grant", () => {
  it("owes no more reports, so its waiting reminders mail nobody", async () => {
    const m = await freshMunicipality(database);
    const s = await reserveSetting(database, m.system);
    const a = await buildCallOff(database, m.system, s);
    await tx(database, (t) =>
      decideCallOff(t, m.system, a.id, {
        outcome: "granted",
        decidedBy: { bodyId: s.kf.id, decidedOn: "2026-02-20", paragraphNumber: null },
      }),
    );
    await tx(database, (t) =>
      reverseCallOff(t, m.system, a.id, {
        kind: "grant",
        amountOre: 50_000_000,
        reason: "Insatsen genomförs inte.",
        decidedBy: { bodyId: s.ks.id, decidedOn: "2026-04-01", paragraphNumber: 70 },
      }),
    );
    const mailed = smtp.received.length;
    const result = await runDueJobs(database.db, {
      municipalityId: m.id,
      handlers: reserveJobHandlers(mailer),
      now: new Date("2027-02-01T00:00:00Z"),
    });
    expect(result.done).toBe(2);
    expect(smtp.received.length).toBe(mailed);
  });
});

describe("a large import", () => {
  it("runs as a job: all rows or none, and its errors per row kept on the import", async () => {
    const m = await freshMunicipality(database);
    await reserveSetting(database, m.system);
    const rows = Array.from({ length: jobThreshold + 5 }, (_, i) => `OMR-${i};Område ${i};delområde`);
    const good = ["externt_id;namn;typ", ...rows].join("\r\n");
    expect(isLargeFile(good)).toBe(true);
    const bad = ["externt_id;namn;typ", ...rows, "OMR-X;Område 3;delområde"].join("\r\n");
    const refused = await tx(database, (t) => queueImport(t, m.system, "areas", bad));
    await runDueJobs(database.db, { municipalityId: m.id, handlers: reserveJobHandlers(null) });
    const after = await tx(database, (t) => readImport(t, m.id, refused.id));
    expect(after.status).toBe("refused");
    expect(after.errors).toEqual([
      { row: jobThreshold + 7, field: "namn", message: "Det finns redan ett område som heter Område 3." },
    ]);
    expect(
      await tx(database, (t) => t.select().from(area).where(eq(area.municipalityId, m.id))),
    ).toHaveLength(0);

    const accepted = await tx(database, (t) => queueImport(t, m.system, "areas", good));
    await runDueJobs(database.db, { municipalityId: m.id, handlers: reserveJobHandlers(null) });
    expect((await tx(database, (t) => readImport(t, m.id, accepted.id))).status).toBe("done");
    expect(
      await tx(database, (t) => t.select().from(area).where(eq(area.municipalityId, m.id))),
    ).toHaveLength(jobThreshold + 5);
    // Read again: the same ids update, nothing is added.
    const again = await importAllOrNothing(
      database.db,
      m.system,
      "areas",
      good.replace("Område 1;", "Område ett;"),
    );
    expect(again).toEqual({ ok: true, rows: jobThreshold + 5 });
    const names = (await tx(database, (t) => t.select().from(area).where(eq(area.municipalityId, m.id)))).map(
      (r) => r.name,
    );
    expect(names).toHaveLength(jobThreshold + 5);
    expect(names).toContain("Område ett");
  });
});
