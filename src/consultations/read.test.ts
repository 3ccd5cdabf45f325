import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildParty, buildUser } from "../../test/support/factories.js";
import { followUpSetting } from "../../test/support/followup.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import { decisionReference } from "../assignments/tables.js";
import type { Database } from "../db/connect.js";
import type { SecretAccess } from "../register/access.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import { record, registerCase } from "../register/tables.js";
import { createConsultation } from "./create-consultation.js";
import { readConsultation } from "./read-consultation.js";
import { recordAnswer } from "./record-answer.js";
import { sendConsultation } from "./send-consultation.js";
import { consultee } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const registrar: SecretAccess = { all: true, bodyIds: [] };

/**
 * A sent consultation in which every one of `bodies` has answered: a decision, two reservations, a joint special
 * statement and an answer to each of the two questions.
 */
async function answeredConsultation(
  m: TestMunicipality,
  setting: Awaited<ReturnType<typeof followUpSetting>>,
  bodies: { id: string }[],
) {
  const created = await tx(database, (t) =>
    createConsultation(t, m.system, {
      caseId: setting.kase.id,
      decidedBy: { bodyId: setting.ksau.id, decidedOn: "2025-03-24", paragraphNumber: 120 },
      title: `Remiss till ${bodies.length} instanser`,
      coverText: "Stadskontoret skickar förslaget på remiss.",
      deadline: "2025-06-30",
      questions: ["Hur bör nämnderna involveras?", "Finns det en styrgrupp?"],
      consultees: bodies.map((b) => ({ bodyId: b.id })),
      reminders: ["2025-06-20T08:00:00+02:00"],
    }),
  );
  await tx(database, (t) => sendConsultation(t, m.system, created.id, { sentOn: "2025-03-25" }));
  for (const [i, b] of bodies.entries())
    await tx(database, (t) =>
      recordAnswer(t, m.system, created.id, {
        bodyId: b.id,
        answeredOn: "2025-06-23",
        decision: { decidedOn: "2025-06-19", paragraphNumber: 200 + i },
        positions: [
          { kind: "reservation", parties: ["M"] },
          { kind: "reservation", parties: ["SD"] },
          { kind: "special_statement", parties: ["V", "C"] },
        ],
        answers: [
          { question: 1, text: `Svar ${i} på fråga 1.` },
          { question: 2, text: `Svar ${i} på fråga 2.` },
        ],
      }),
    );
  return created.id;
}

describe("reading a consultation", () => {
  it("runs as many queries for thirteen answered consultees as for one: read model, page and API", async () => {
    const m = await freshMunicipality(database);
    const setting = await followUpSetting(database, m.system);
    for (const abbreviation of ["M", "SD", "V", "C"]) await buildParty(database, m.system, { abbreviation });
    const bodies = [];
    for (let i = 0; i < 13; i++) bodies.push(await buildBody(database, m.system));
    const one = await answeredConsultation(m, setting, bodies.slice(0, 1));
    const thirteen = await answeredConsultation(m, setting, bodies);

    const read = (id: string) =>
      countQueries(database, () => tx(database, (t) => readConsultation(t, m.id, registrar, id)));
    const small = await read(one);
    const large = await read(thirteen);
    expect(small.result.consultees).toHaveLength(1);
    expect(large.result.consultees).toHaveLength(13);
    expect(large.result.consultees[12]!.decisionLine).toMatch(
      /beslut 250619 § 212 med reservation \(M\) och \(SD\) och särskilt yttrande \(V\+C\)$/,
    );
    expect(large.result.consultees[12]!.answers.map((a) => a.text)).toEqual([
      "Svar 12 på fråga 1.",
      "Svar 12 på fråga 2.",
    ]);
    expect(large.queries).toBe(small.queries);

    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const get = async (path: string) => {
      const counted = await countQueries(database, () => client.get(path));
      expect(counted.result.status).toBe(200);
      return counted.queries;
    };
    const pageOne = await get(`/remisser/${one}`);
    const pageThirteen = await get(`/remisser/${thirteen}`);
    expect(pageThirteen).toBe(pageOne);
    const apiOne = await get(`/api/consultations/${one}`);
    const apiThirteen = await get(`/api/consultations/${thirteen}`);
    expect(apiThirteen).toBe(apiOne);
    const compilationOne = await get(`/remisser/${one}/sammanstallning`);
    const compilationThirteen = await get(`/remisser/${thirteen}/sammanstallning`);
    expect(compilationThirteen).toBe(compilationOne);
  });

  it("shows a secret case's public title, never the real one, to a reader without access", async () => {
    const m = await freshMunicipality(database);
    const { ksau } = await followUpSetting(database, m.system);
    const social = await buildBody(database, m.system, { name: "Socialnämnden" });
    const secrecy = { provision: "OSL 26 kap. 1 §", markedOn: "2025-02-01", markedById: social.id };
    const secretCase = (publicTitle: string) =>
      tx(database, (t) =>
        registerNewCase(t, m.system, {
          seriesCode: "STK",
          title: "Placering av Elsa Andersson, född 2012",
          publicTitle,
          responsibleBodyId: social.id,
          openedOn: "2025-02-01",
          secrecy,
        }),
      );
    const withPublicTitle = await secretCase("Placering enligt SoL");
    // The database holds any public title that is not null, a blank one too; the register's fallback stands in.
    const withoutPublicTitle = await secretCase("Tas bort");
    await tx(database, (t) =>
      t.update(registerCase).set({ publicTitle: " " }).where(eq(registerCase.id, withoutPublicTitle.id)),
    );
    const consult = (caseId: string) =>
      tx(database, (t) =>
        createConsultation(t, m.system, {
          caseId,
          decidedBy: { bodyId: ksau.id, decidedOn: "2025-03-24" },
          title: "Yttrande om placering",
          coverText: "Socialnämnden ber om ett yttrande.",
          deadline: "2025-06-30",
          consultees: [{ bodyId: social.id }],
        }),
      );
    const first = await consult(withPublicTitle.id);
    const second = await consult(withoutPublicTitle.id);
    // The answer is a secret record too: its description is replaced in the compilation.
    await tx(database, (t) => sendConsultation(t, m.system, first.id, { sentOn: "2025-03-25" }));
    const response = await tx(database, (t) =>
      registerRecord(t, m.system, {
        caseId: withPublicTitle.id,
        direction: "incoming",
        recordType: "consultation_response",
        datedOn: "2025-06-01",
        counterpartBodyId: social.id,
        description: "Yttrande om Elsa Anderssons familjehem",
        publicDescription: "Yttrande i placeringsärende",
        secrecy,
      }),
    );
    await tx(database, (t) =>
      recordAnswer(t, m.system, first.id, {
        bodyId: social.id,
        answeredOn: "2025-06-01",
        responseRecordId: response.id,
      }),
    );

    const { app } = testApp(database, m.slug);
    const anonymous = new Client(app);
    const realTitle = "Placering av Elsa Andersson";
    const page = await (await anonymous.get(`/remisser/${first.id}`)).text();
    expect(page).toContain(`${withPublicTitle.number} Placering enligt SoL`);
    expect(page).not.toContain(realTitle);
    const api = (await (await anonymous.get(`/api/consultations/${first.id}`)).json()) as {
      caseTitle: string;
    };
    expect(api.caseTitle).toBe("Placering enligt SoL");
    const csv = await (await anonymous.get(`/remisser/${first.id}/sammanstallning.csv`)).text();
    expect(csv).toContain(`${response.number} Yttrande i placeringsärende`);
    expect(csv).not.toContain("Elsa");
    const compiled = await (await anonymous.get(`/remisser/${first.id}/sammanstallning`)).text();
    expect(compiled).not.toContain(realTitle);

    // No public title: the register's fallback, never an empty title.
    const bare = await (await anonymous.get(`/remisser/${second.id}`)).text();
    expect(bare).toContain(`${withoutPublicTitle.number} Sekretessmarkerat ärende`);
    expect(bare).not.toContain(realTitle);
    const bareApi = (await (await anonymous.get(`/api/consultations/${second.id}`)).json()) as {
      caseTitle: string;
    };
    expect(bareApi.caseTitle).toBe("Sekretessmarkerat ärende");

    // The registrar may read the secret case and sees its title.
    const user = await buildUser(database, m.system);
    const registrarClient = new Client(app);
    await registrarClient.logIn(user.email, user.password);
    expect(await (await registrarClient.get(`/remisser/${first.id}`)).text()).toContain(
      `${withPublicTitle.number} ${realTitle}, född 2012`,
    );
    const seen = (await (await registrarClient.get(`/api/consultations/${first.id}`)).json()) as {
      caseTitle: string;
    };
    expect(seen.caseTitle).toBe(`${realTitle}, född 2012`);
  });
});

describe("an external consultee's answer", () => {
  it("is refused with a decision of its own through the API, and nothing is written", async () => {
    const m = await freshMunicipality(database);
    const { ksau, kase } = await followUpSetting(database, m.system);
    const asn = await buildBody(database, m.system, { name: "Arbetsmarknads- och socialnämnden" });
    const created = await tx(database, (t) =>
      createConsultation(t, m.system, {
        caseId: kase.id,
        decidedBy: { bodyId: ksau.id, decidedOn: "2025-03-24" },
        title: "Organisering för kraftsamlande insatser",
        coverText: "Stadskontorets förslag.",
        deadline: "2025-06-30",
        consultees: [
          { bodyId: asn.id },
          { organisationName: "MKB Fastighets AB", contactEmail: "registrator@mkb.example" },
        ],
      }),
    );
    await tx(database, (t) => sendConsultation(t, m.system, created.id, { sentOn: "2025-03-25" }));
    const [, mkb] = (await tx(database, (t) => readConsultation(t, m.id, registrar, created.id))).consultees;

    const { app } = testApp(database, m.slug);
    const user = await buildUser(database, m.system);
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const written = async () => ({
      responses: await tx(database, (t) =>
        t
          .select()
          .from(record)
          .where(and(eq(record.caseId, kase.id), eq(record.recordType, "consultation_response"))),
      ),
      decisions: await tx(database, (t) =>
        t.select().from(decisionReference).where(eq(decisionReference.municipalityId, m.id)),
      ),
      status: (await tx(database, (t) => t.select().from(consultee).where(eq(consultee.id, mkb!.id))))[0]!
        .status,
    });
    const before = await written();
    // Naming a body of the municipality as the decision's maker was accepted before the rule moved here.
    for (const decision of [
      { bodyId: asn.id, decidedOn: "2025-06-12", paragraphNumber: 14 },
      { decidedOn: "2025-06-12" },
    ]) {
      const refused = await client.request("POST", `/api/consultations/${created.id}/answers`, {
        json: { consulteeId: mkb!.id, answeredOn: "2025-06-13", decision },
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { detail: string }).detail).toBe(
        "En extern organisation har inget beslut i kommunen att hänvisa till. Lämna beslutsfälten tomma.",
      );
    }
    expect(await written()).toEqual(before);
    expect(before.status).toBe("sent");

    // Without a decision the organisation's answer is taken; a body's decision needs no body id.
    const plain = await client.request("POST", `/api/consultations/${created.id}/answers`, {
      json: { consulteeId: mkb!.id, answeredOn: "2025-06-13" },
    });
    expect(plain.status).toBe(200);
    const own = await client.request("POST", `/api/consultations/${created.id}/answers`, {
      json: {
        bodyId: asn.id,
        answeredOn: "2025-06-23",
        decision: { decidedOn: "2025-06-19", paragraphNumber: 219 },
      },
    });
    expect(own.status).toBe(200);
    const view = (await own.json()) as { consultees: { state: string; decision: string | null }[] };
    expect(view.consultees.map((c) => [c.state, c.decision])).toEqual([
      ["answered", "Arbetsmarknads- och socialnämndens beslut 250619 § 219"],
      ["answered", null],
    ]);
  });
});
