import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { countQueries } from "../../test/support/queries.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "./access.js";
import { closeCase } from "./close-case.js";
import { createNumberSeries } from "./create-number-series.js";
import type { CaseKey } from "./lookup.js";
import { readCase } from "./read-case.js";
import { readRecord } from "./read-record.js";
import { registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { reopenCase } from "./reopen-case.js";
import { updateCase } from "./update-case.js";
import { updateRecord } from "./update-record.js";

// Reading the diarium: bounded reads, one key per lookup, refused malformed keys, and changes that queue.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  process.env.PARAGRAF_DATA_DIR = mkdtempSync(join(tmpdir(), "paragraf-read-"));
});
afterAll(() => database.close());

const visitor: SecretAccess = { all: false, bodyIds: [] };

/** A case with `records` records, each with a file of its own, and a related case. */
async function caseWithRecords(m: TestMunicipality, records: number, bodyId: string) {
  return tx(database, async (t) => {
    const c = await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: `Ärende med ${records} handlingar`,
      responsibleBodyId: bodyId,
      openedOn: "2024-10-09",
    });
    await registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Uppföljning",
      originCaseId: c.id,
      openedOn: "2024-11-01",
    });
    const ids: string[] = [];
    for (let i = 1; i <= records; i++) {
      const r = await registerRecord(t, m.system, {
        caseId: c.id,
        direction: "incoming",
        recordType: "letter",
        datedOn: "2025-01-15",
        counterpartBodyId: bodyId,
        description: `Skrivelse ${i}`,
        files: [
          {
            name: `skrivelse-${i}.txt`,
            declaredType: "text/plain",
            bytes: Buffer.from(`Skrivelse nummer ${i}`),
          },
        ],
      });
      ids.push(r.id);
    }
    return { ...c, recordIds: ids };
  });
}

async function setup() {
  const m = await freshMunicipality(database);
  const body = await buildBody(database, m.system, { name: "Kulturnämnden" });
  await tx(database, (t) =>
    createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
  );
  const { app } = testApp(database, m.slug);
  return { m, body, app };
}

describe("a case's page and API read a bounded number of statements", () => {
  it("read a case of 1 record and one of 40 records with files in the same number of statements", async () => {
    const { m, body, app } = await setup();
    const small = await caseWithRecords(m, 1, body.id);
    const large = await caseWithRecords(m, 40, body.id);
    const client = new Client(app);

    const read = (id: string) =>
      countQueries(database, () => tx(database, (t) => readCase(t, m.id, visitor, { id })));
    const [readSmall, readLarge] = [await read(small.id), await read(large.id)];
    expect(readSmall.result.view.records).toHaveLength(1);
    expect(readLarge.result.view.records).toHaveLength(40);
    expect(readLarge.result.view.records.every((r) => r.files.length === 1)).toBe(true);
    expect(readLarge.result.view.derivedCases).toHaveLength(1);
    expect(readLarge.queries).toBe(readSmall.queries);

    const page = async (number: string) => {
      const counted = await countQueries(database, () => client.get(`/diarium/${number}`));
      expect(counted.result.status).toBe(200);
      return counted.queries;
    };
    const [pageSmall, pageLarge] = [await page(small.number), await page(large.number)];
    expect(pageLarge).toBe(pageSmall);

    const api = async (id: string) => {
      const counted = await countQueries(database, () => client.get(`/api/cases/${id}`));
      expect(counted.result.status).toBe(200);
      return { queries: counted.queries, records: (await counted.result.json()).records.length };
    };
    const [apiSmall, apiLarge] = [await api(small.id), await api(large.id)];
    expect([apiSmall.records, apiLarge.records]).toEqual([1, 40]);
    expect(apiLarge.queries).toBe(apiSmall.queries);

    // One record is read without its case's other records: the same statements in a case of 1 or of 40.
    const recordPage = async (number: string, sequence: number) =>
      (await countQueries(database, () => client.get(`/diarium/${number}/handlingar/${sequence}`))).queries;
    expect(await recordPage(large.number, 40)).toBe(await recordPage(small.number, 1));
    const recordApi = async (id: string) =>
      (await countQueries(database, () => client.get(`/api/records/${id}`))).queries;
    expect(await recordApi(large.recordIds[39]!)).toBe(await recordApi(small.recordIds[0]!));

    console.info(
      `statements: readCase ${readSmall.queries}/${readLarge.queries}, case page ${pageSmall}/${pageLarge}, ` +
        `GET /api/cases/{id} ${apiSmall.queries}/${apiLarge.queries} (1 record / 40 records with files)`,
    );
  }, 120_000);

  it("read one record by its case's number and sequence, or by id, within the municipality only", async () => {
    const { m, body } = await setup();
    const c = await caseWithRecords(m, 2, body.id);
    const byNumber = await tx(database, (t) =>
      readRecord(t, m.id, visitor, { caseNumber: c.number, sequence: 2 }),
    );
    expect(byNumber.view).toMatchObject({ number: `${c.number}-2`, description: "Skrivelse 2" });
    expect(byNumber.view.files.map((f) => f.fileName)).toEqual(["skrivelse-2.txt"]);
    expect(byNumber.caseRef).toEqual({ id: c.id, number: c.number, title: "Ärende med 2 handlingar" });
    const other = await freshMunicipality(database);
    for (const key of [{ id: c.recordIds[0]! }, { caseNumber: c.number, sequence: 1 }]) {
      const error = await tx(database, (t) => readRecord(t, other.id, visitor, key)).catch((e) => e);
      expect(error).toBeInstanceOf(NotFoundError);
    }
  });
});

describe("a lookup takes exactly one well-formed key", () => {
  it("refuses a blank or malformed case number through the API with a Swedish message, never another case", async () => {
    const { m, body, app } = await setup();
    const c = await caseWithRecords(m, 1, body.id);
    const client = new Client(app);
    for (const [query, message] of [
      ["number=%20", "Ange diarienumret."],
      ["number=", "Ange diarienumret."],
      ["", "Ange diarienumret."],
      [`number=${"9".repeat(61)}`, "Diarienumret får vara högst 60 tecken."],
    ] as const) {
      const res = await client.get(`/api/cases?${query}`);
      expect(res.status, query).toBe(400);
      const problem = await res.json();
      expect(problem.errors, query).toEqual([{ field: "number", message }]);
      expect(JSON.stringify(problem)).not.toContain(c.number);
    }
    const unknown = await client.get("/api/cases?number=STK-1999-1");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).detail).toBe("Det du söker finns inte.");
    const found = await client.get(`/api/cases?number=%20${encodeURIComponent(c.number)}%20`);
    expect(found.status).toBe(200);
    expect((await found.json()).id).toBe(c.id);
  });

  it("answers a malformed id or number in a path with 400 or 404 in Swedish, not an error page", async () => {
    const { m, body, app } = await setup();
    const c = await caseWithRecords(m, 1, body.id);
    const client = new Client(app);
    for (const [path, status, message] of [
      ["/api/cases/abc", 400, "Ogiltigt id."],
      ["/api/records/abc", 400, "Ogiltigt id."],
      ["/api/cases/00000000-0000-4000-8000-000000000000", 404, "Det du söker finns inte."],
    ] as const) {
      const res = await client.get(path);
      expect(res.status, path).toBe(status);
      expect(JSON.stringify(await res.json()), path).toContain(message);
    }
    for (const [path, status, message] of [
      ["/diarium/%20", 404, "Det du söker finns inte."],
      [`/diarium/${"9".repeat(61)}`, 404, "Det du söker finns inte."],
      [`/diarium/${c.number}/handlingar/99999999`, 404, "Det du söker finns inte."],
      [`/diarium/${c.number}/handlingar/1x`, 404, "Det du söker finns inte."],
    ] as const) {
      const res = await client.get(path);
      expect(res.status, path).toBe(status);
      expect(await res.text(), path).toContain(message);
    }
    // A NUL never reaches the register: the app refuses it for every route before any lookup (issue 11).
    for (const path of [
      "/api/cases?number=STK%002024",
      "/api/register/search?q=%00",
      "/diarium/%00",
      "/diarium/%00/handlingar/1",
      "/diarium?q=%00",
    ]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain("ett tecken som inte kan sparas");
    }
  });

  it("finds no case for a blank, malformed, missing or double key, instead of the first case", async () => {
    const { m, body } = await setup();
    const c = await caseWithRecords(m, 1, body.id);
    const keys = [
      { number: "" },
      { number: " " },
      { number: "STK\u00002024" },
      { id: "" },
      { id: "abc" },
      {},
      { id: c.id, number: c.number },
    ] as unknown as CaseKey[];
    for (const key of keys) {
      const error = await tx(database, (t) => readCase(t, m.id, visitor, key)).catch((e) => e);
      expect(error, JSON.stringify(key)).toBeInstanceOf(NotFoundError);
    }
    const { view } = await tx(database, (t) => readCase(t, m.id, visitor, { number: c.number }));
    expect(view.id).toBe(c.id);
  });
});

describe("changes of one case queue behind each other", () => {
  async function trail(m: TestMunicipality, recordId: string, action: string) {
    return tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(
          and(
            eq(auditEntry.municipalityId, m.id),
            eq(auditEntry.recordId, recordId),
            eq(auditEntry.action, action),
          ),
        )
        .orderBy(asc(auditEntry.id)),
    );
  }

  /** Runs both at once; the outcomes in the order given. */
  function race(...runs: (() => Promise<unknown>)[]) {
    return Promise.allSettled(runs.map((run) => run()));
  }

  it("lets exactly one of two concurrent closes through, with one audit entry", async () => {
    const { m, body } = await setup();
    const c = await caseWithRecords(m, 0, body.id);
    const close = (closedOn: string) => () => tx(database, (t) => closeCase(t, m.system, c.id, { closedOn }));
    const outcomes = await race(close("2025-01-01"), close("2025-02-02"));
    const succeeded = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(DomainError);
    expect(reason.code).toBe("case_closed");
    expect(await trail(m, c.id, "case.closed")).toHaveLength(1);

    const reopen = () => tx(database, (t) => reopenCase(t, m.system, c.id));
    const reopened = await race(reopen, reopen);
    expect(reopened.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await trail(m, c.id, "case.reopened")).toHaveLength(1);
  });

  it("gives each of two concurrent changes of a case or a record the other's result as its before", async () => {
    const { m, body } = await setup();
    const c = await caseWithRecords(m, 1, body.id);
    const outcomes = await race(
      () => tx(database, (t) => updateCase(t, m.system, c.id, { title: "Första rubriken" })),
      () => tx(database, (t) => updateCase(t, m.system, c.id, { title: "Andra rubriken" })),
    );
    expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
    const updates = await trail(m, c.id, "case.updated");
    const titles = updates.map((u) => [(u.before as any).title, (u.after as any).title]);
    // Serialized: the second change starts from the title the first one wrote.
    expect(titles[1]![0]).toBe(titles[0]![1]);

    const recordId = c.recordIds[0]!;
    await race(
      () => tx(database, (t) => updateRecord(t, m.system, recordId, { description: "Första" })),
      () => tx(database, (t) => updateRecord(t, m.system, recordId, { description: "Andra" })),
    );
    const corrections = await trail(m, recordId, "record.updated");
    expect((corrections[1]!.before as any).description).toBe((corrections[0]!.after as any).description);
  });
});
