import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import { draftReportInOpenMeeting } from "../../test/support/reports.js";
import { createConsultation } from "../consultations/create-consultation.js";
import { sendConsultation } from "../consultations/send-consultation.js";
import type { Database } from "../db/connect.js";
import { readReport } from "./read-report.js";

// A report lists the consultees and questions of every consultation of its case. Reading it must cost the same
// number of statements however many consultations the case has, or a case consulted in rounds grows every read.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const all = { all: true, bodyIds: [] };

/** A report whose case went out on `rounds` consultations, each to two new bodies with one question. */
async function reportWithConsultations(rounds: number) {
  const { m, f, reportId } = await draftReportInOpenMeeting(database, {
    title: `Ärende med ${rounds} remissomgångar`,
    texts: { summary: "[[remissinstanser]]", proposal: "[[frågor]]" },
  });
  for (let round = 1; round <= rounds; round++) {
    const bodies = [await buildBody(database, m.system), await buildBody(database, m.system)];
    const created = await tx(database, (t) =>
      createConsultation(t, m.system, {
        caseId: f.case.id,
        decidedBy: { bodyId: f.body.id, decidedOn: "2026-01-10", paragraphNumber: round },
        title: `Remissomgång ${round}`,
        coverText: "Förslaget skickas på remiss.",
        deadline: "2026-02-10",
        questions: [`Fråga i omgång ${round}?`],
        consultees: bodies.map((b) => ({ bodyId: b.id })),
        reminders: [],
      }),
    );
    await tx(database, (t) => sendConsultation(t, m.system, created.id, { sentOn: "2026-01-11" }));
  }
  return { m, reportId };
}

describe("reading an official report", () => {
  it("costs as many statements for a case consulted in four rounds as for one, in the read model and the API", async () => {
    const one = await reportWithConsultations(1);
    const four = await reportWithConsultations(4);
    const read = (r: typeof one) =>
      countQueries(database, () => tx(database, (t) => readReport(t, r.m.id, r.reportId, all)));
    const small = await read(one);
    const large = await read(four);
    const questions = (view: typeof small.result) =>
      view.sections
        .flatMap((s) => s.parts)
        .flatMap((p) => (p.kind === "list" ? p.items.map((i) => i.text) : []));
    expect(questions(small.result)).toContain("Fråga i omgång 1?");
    expect(questions(large.result).filter((t) => t.startsWith("Fråga i omgång"))).toEqual([
      "Fråga i omgång 1?",
      "Fråga i omgång 2?",
      "Fråga i omgång 3?",
      "Fråga i omgång 4?",
    ]);
    expect(large.queries).toBe(small.queries);

    const api = async (r: typeof one) => {
      const { app } = testApp(database, r.m.slug);
      const user = await buildUser(database, r.m.system);
      const client = new Client(app);
      await client.logIn(user.email, user.password);
      const counted = await countQueries(database, () => client.get(`/api/reports/${r.reportId}`));
      expect(counted.result.status).toBe(200);
      return counted.queries;
    };
    expect(await api(four)).toBe(await api(one));
  });
});
