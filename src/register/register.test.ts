import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, type TestMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { pdfWithText } from "../../test/support/pdf.js";
import { zipBomb } from "../../test/support/zip.js";
import type { Actor } from "../accounts/actor.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { type SecretAccess, secretAccess } from "./access.js";
import { attachFiles } from "./attach-files.js";
import { closeCase } from "./close-case.js";
import { createNumberSeries } from "./create-number-series.js";
import { FileStore } from "./file-store.js";
import { readCase } from "./read-case.js";
import { registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { relateCases } from "./relate-cases.js";
import { reopenCase } from "./reopen-case.js";
import { searchRegister } from "./search.js";
import { startRecordNumbersAt } from "./start-record-numbers-at.js";
import { startSeriesAt } from "./start-series-at.js";
import { file, record, recordFile, registerCase } from "./tables.js";
import { updateCase } from "./update-case.js";
import { updateRecord } from "./update-record.js";

let database: Database;
let store: FileStore;
beforeAll(async () => {
  database = await testDatabase();
  store = new FileStore(mkdtempSync(join(tmpdir(), "paragraf-files-")));
});
afterAll(() => database.close());

async function rejects(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const anonymous: SecretAccess = { all: false, bodyIds: [] };
const admin: SecretAccess = { all: true, bodyIds: [] };

async function withSeries(m: TestMunicipality, pattern = "{prefix}-{year}-{seq}") {
  await tx(database, (t) => createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern }));
}

function newCase(m: TestMunicipality, overrides: Partial<Parameters<typeof registerNewCase>[2]> = {}) {
  return tx(database, (t) =>
    registerNewCase(t, m.system, {
      seriesCode: "STK",
      title: "Återrapportering kring kraftsamlande insatser",
      openedOn: "2024-10-09",
      ...overrides,
    }),
  );
}

function newRecord(
  m: TestMunicipality,
  caseId: string,
  overrides: Partial<Parameters<typeof registerRecord>[2]> = {},
  actor: Actor = m.system,
) {
  return tx(database, (t) =>
    registerRecord(
      t,
      actor,
      {
        caseId,
        direction: "incoming",
        recordType: "consultation_response",
        datedOn: "2025-05-27",
        description: "Remissvar tekniska nämnden",
        ...overrides,
      },
      store,
    ),
  );
}

const search = (m: TestMunicipality, q: string, access = anonymous, extra = {}) =>
  tx(database, (t) => searchRegister(t, m.id, access, { q, ...extra }));

describe("series start points and legacy numbers", () => {
  it("continues a series where the earlier register left off: STK-2024-1374 after 1373", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    await tx(database, (t) =>
      startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-1374" }),
    );
    const c = await newCase(m);
    expect(c.number).toBe("STK-2024-1374");
    expect((await newCase(m)).number).toBe("STK-2024-1375");
    const trail = await tx(database, (t) =>
      t.select().from(auditEntry).where(eq(auditEntry.action, "number_series.started")),
    );
    expect(trail.some((e) => (e.after as { firstNumber?: string }).firstNumber === "STK-2024-1374")).toBe(
      true,
    );
  });

  it("refuses a start point below a number already given, and changes nothing", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    await tx(database, (t) => startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-10" }));
    await newCase(m);
    await newCase(m);
    const error = await rejects(
      tx(database, (t) => startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-11" })),
    );
    expect(error.code).toBe("series_start_below_given");
    expect(error.details.given).toBe("STK-2024-11");
    expect((await newCase(m)).number).toBe("STK-2024-12");
  });

  it("says in Swedish when a number does not fit the series or the series is unknown", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const malformed = await rejects(
      tx(database, (t) => startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "2024/STK 13" })),
    );
    expect(malformed.code).toBe("number_malformed");
    expect(malformed.field).toBe("firstNumber");
    const unknown = await rejects(
      tx(database, (t) => startSeriesAt(t, m.system, { seriesCode: "KS", firstNumber: "KS-2024-1" })),
    );
    expect(unknown.code).toBe("series_not_found");
    const noSeries = await rejects(newCase(m, { seriesCode: "XYZ" }));
    expect(noSeries.code).toBe("series_not_found");
    const counters = await tx(database, (t) =>
      t.select().from(registerCase).where(eq(registerCase.municipalityId, m.id)),
    );
    expect(counters).toHaveLength(0);
  });

  it("imports a legacy record number: the next record of STK-2023-137 is STK-2023-137-50", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    await tx(database, (t) => startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2023-137" }));
    const origin = await newCase(m, { title: "Uppdrag budget 2023", openedOn: "2023-01-02" });
    expect(origin.number).toBe("STK-2023-137");
    await tx(database, (t) =>
      startRecordNumbersAt(t, m.system, origin.id, { firstNumber: "STK-2023-137-50" }),
    );
    const r = await newRecord(m, origin.id, { recordType: "decision", datedOn: "2024-09-26" });
    expect(r.number).toBe("STK-2023-137-50");
    const again = await rejects(
      tx(database, (t) => startRecordNumbersAt(t, m.system, origin.id, { firstNumber: "STK-2023-137-50" })),
    );
    expect(again.code).toBe("record_start_below_given");
    const malformed = await rejects(
      tx(database, (t) => startRecordNumbersAt(t, m.system, origin.id, { firstNumber: "STK-2023-138-5" })),
    );
    expect(malformed.code).toBe("record_number_malformed");
  });
});

describe("the counter queue", () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("lets a transaction that holds the counter register again while others wait, without deadlock", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    let others: Promise<unknown>[] = [];
    const mine = await tx(database, async (t) => {
      const first = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Först",
        openedOn: "2024-05-01",
      });
      others = [1, 2, 3].map((i) => newCase(m, { title: `Annan ${i}`, openedOn: "2024-05-02" }));
      await pause(50);
      const second = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Sedan",
        openedOn: "2024-05-03",
      });
      return [first.number, second.number];
    });
    const rest = (await Promise.all(others)) as { number: string }[];
    expect(mine).toEqual(["STK-2024-1", "STK-2024-2"]);
    expect(rest.map((c) => c.number).sort()).toEqual(["STK-2024-3", "STK-2024-4", "STK-2024-5"]);
  });

  it("does not hang when a transaction locked the counter another way before registering", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    let other: Promise<{ number: string }> | null = null;
    const mine = await tx(database, async (t) => {
      await startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-1374" });
      other = newCase(m, { title: "Annan", openedOn: "2024-06-01" });
      await pause(50);
      return (await registerNewCase(t, m.system, { seriesCode: "STK", title: "Min", openedOn: "2024-06-01" }))
        .number;
    });
    expect(mine).toBe("STK-2024-1374");
    expect((await other!).number).toBe("STK-2024-1375");
  });
});

describe("files", () => {
  it("stores a file under its SHA-256 before commit, once however often it is attached", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const text = Buffer.from("Tekniska nämnden tillstyrker förslaget om kraftsamlande insatser.");
    const files = [{ name: "remissvar.txt", declaredType: "text/plain", bytes: text }];
    const first = await newRecord(m, c.id, { files });
    const second = await newRecord(m, c.id, { description: "Kopia", files });
    expect(first.files[0]!.sha256).toBe(second.files[0]!.sha256);
    const path = store.pathOf(first.files[0]!.sha256);
    expect(path).toContain(
      `/sha256/${first.files[0]!.sha256.slice(0, 2)}/${first.files[0]!.sha256.slice(2, 4)}/`,
    );
    expect(readFileSync(path)).toEqual(text);
    const rows = await tx(database, (t) => t.select().from(file).where(eq(file.municipalityId, m.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.mediaType).toBe("text/plain");
  });

  it("finds a record by the words of its PDF and its text file, in inflected forms", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    await newRecord(m, c.id, {
      description: "Yttrande",
      files: [
        {
          name: "yttrande.pdf",
          declaredType: "application/pdf",
          bytes: pdfWithText("Nämnden betonar föreningarnas delaktighet i områdena."),
        },
      ],
    });
    const hits = (await search(m, "föreningen")).hits;
    expect(hits.map((h) => h.number)).toEqual(["STK-2024-1-1"]);
    expect(hits[0]!.snippet.some((p) => p.match && /förening/i.test(p.text))).toBe(true);
    // Its text compressed, the PDF is read the same.
    await newRecord(m, c.id, {
      description: "Skrivelse",
      files: [
        {
          name: "skrivelse.pdf",
          declaredType: "application/pdf",
          bytes: pdfWithText("Stadsdelsförvaltningen föreslår mötesplatser.", { inflatedMiB: 1 }),
        },
      ],
    });
    expect((await search(m, "mötesplatser")).hits.map((h) => h.number)).toEqual(["STK-2024-1-2"]);
  });

  it("keeps a PDF whose streams inflate beyond reason, without reading its text", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    // 100 kB that pdf.js would inflate to 100 MB (and 1 MB of it to 1 GB): registered, never read.
    const bomb = pdfWithText("Ordet bombtext finns i filen.", { inflatedMiB: 100 });
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const r = await newRecord(m, c.id, {
      description: "Inkommen handling",
      files: [{ name: "inkommen.pdf", declaredType: "application/pdf", bytes: bomb }],
    });
    expect(r.number).toBe("STK-2024-1-1");
    expect((await search(m, "bombtext")).hits).toEqual([]);
  });

  it("refuses a file over the limit, a type that does not match its content, or an unknown type: nothing written, no number used", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const previous = process.env.PARAGRAF_MAX_FILE_MB;
    process.env.PARAGRAF_MAX_FILE_MB = "0.001";
    try {
      const big = await rejects(
        newRecord(m, c.id, {
          files: [{ name: "stor.txt", declaredType: "text/plain", bytes: Buffer.alloc(2000, "a") }],
        }),
      );
      expect(big.code).toBe("file_too_large");
    } finally {
      if (previous === undefined) delete process.env.PARAGRAF_MAX_FILE_MB;
      else process.env.PARAGRAF_MAX_FILE_MB = previous;
    }
    const mismatch = await rejects(
      newRecord(m, c.id, {
        files: [{ name: "remissvar.pdf", declaredType: "application/pdf", bytes: Buffer.from("bara text") }],
      }),
    );
    expect(mismatch.code).toBe("file_type_mismatch");
    const renamed = await rejects(
      newRecord(m, c.id, {
        files: [{ name: "remissvar.txt", declaredType: "application/pdf", bytes: pdfWithText("hej") }],
      }),
    );
    expect(renamed.code).toBe("file_type_mismatch");
    const binary = await rejects(
      newRecord(m, c.id, {
        files: [
          { name: "okänd.bin", declaredType: "application/octet-stream", bytes: Buffer.from([0, 1, 2, 255]) },
        ],
      }),
    );
    expect(binary.code).toBe("file_type_not_allowed");
    // A Word file of 70 kB whose part that says what it is inflates to 64 MB: refused before anything inflates it.
    const bomb = await rejects(
      newRecord(m, c.id, {
        files: [
          {
            name: "yttrande.docx",
            declaredType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bytes: zipBomb("[Content_Types].xml", 64),
          },
        ],
      }),
    );
    expect(bomb.code).toBe("file_zip_bomb");
    const records = await tx(database, (t) => t.select().from(record).where(eq(record.caseId, c.id)));
    expect(records).toHaveLength(0);
    expect((await newRecord(m, c.id)).number).toBe("STK-2024-1-1");
  });

  it("keeps a file on disk when the registration fails after storing it, and links nothing", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const bytes = Buffer.from(`Unik text ${m.id}`);
    await expect(
      tx(database, async (t) => {
        await registerRecord(
          t,
          m.system,
          {
            caseId: c.id,
            direction: "incoming",
            recordType: "letter",
            datedOn: "2025-01-01",
            description: "Skrivelse",
            files: [{ name: "a.txt", declaredType: "text/plain", bytes }],
          },
          store,
        );
        throw new Error("fault after storing");
      }),
    ).rejects.toThrow("fault after storing");
    const links = await tx(database, (t) =>
      t
        .select()
        .from(recordFile)
        .innerJoin(file, eq(file.id, recordFile.fileId))
        .where(eq(file.municipalityId, m.id)),
    );
    expect(links).toHaveLength(0);
    expect((await newRecord(m, c.id)).number).toBe("STK-2024-1-1");
  });

  it("attaches files to a registered record, refusing the same file twice", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const r = await newRecord(m, c.id);
    const files = [
      { name: "bilaga.txt", declaredType: "text/plain", bytes: Buffer.from("Bilaga om rörlighet") },
    ];
    const attached = await tx(database, (t) => attachFiles(t, m.system, { recordId: r.id, files }, store));
    expect(attached[0]!.position).toBe(1);
    expect(existsSync(store.pathOf(attached[0]!.sha256))).toBe(true);
    expect((await search(m, "rörlighet")).hits.map((h) => h.number)).toEqual([r.number]);
    const twice = await rejects(
      tx(database, (t) => attachFiles(t, m.system, { recordId: r.id, files }, store)),
    );
    expect(twice.code).toBe("file_already_attached");
  });
});

describe("search", () => {
  it("finds Swedish words by their stem and numbers by their beginning", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    await tx(database, (t) =>
      startSeriesAt(t, m.system, { seriesCode: "STK", firstNumber: "STK-2024-1374" }),
    );
    const c = await newCase(m);
    await newCase(m, { title: "Detaljplan för Limhamn" });
    expect((await search(m, "insats")).hits.map((h) => h.number)).toEqual(["STK-2024-1374"]);
    expect((await search(m, "kraftsamlande insatserna")).hits.map((h) => h.number)).toEqual([
      "STK-2024-1374",
    ]);
    const prefix = await search(m, "STK-2024-13");
    expect(prefix.hits.map((h) => h.number)).toEqual(["STK-2024-1374", "STK-2024-1375"]);
    const exact = await search(m, "stk-2024-1375");
    expect(exact.hits[0]!.number).toBe("STK-2024-1375");
    const r = await newRecord(m, c.id);
    expect((await search(m, "STK-2024-1374-1")).hits.map((h) => h.number)).toEqual([r.number]);
    const snippet = (await search(m, "insatser")).hits[0]!.snippet;
    expect(snippet.filter((p) => p.match).map((p) => p.text)).toEqual(["insatser"]);
  });

  it("reads a number-shaped query as words when no number begins that way", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    await newCase(m, { title: "Budget 2023 för fritidsgårdar" });
    expect((await search(m, "budget-2023")).hits.map((h) => h.heading)).toEqual([
      "Budget 2023 för fritidsgårdar",
    ]);
    expect((await search(m, "STK-2024-1")).hits.map((h) => h.number)).toEqual(["STK-2024-1"]);
  });

  it("filters by body, year, record type, direction and status, and sorts", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const ks = await buildBody(database, m.system, { name: "Kommunstyrelsen", kind: "executive_board" });
    const a = await newCase(m, { title: "Budget 2023", openedOn: "2023-03-01", responsibleBodyId: ks.id });
    const b = await newCase(m, { title: "Budget 2024", openedOn: "2024-03-01" });
    await newRecord(m, a.id, {
      description: "Beslut om budget",
      recordType: "decision",
      datedOn: "2023-11-20",
    });
    await newRecord(m, b.id, {
      description: "Skrivelse om budgeten",
      direction: "outgoing",
      recordType: "letter",
    });
    await tx(database, (t) => closeCase(t, m.system, a.id, { closedOn: "2023-12-31" }));
    const numbers = async (extra: object) =>
      (await search(m, "budget", anonymous, extra)).hits.map((h) => h.number);
    expect(await numbers({ bodyId: ks.id })).toEqual(expect.arrayContaining(["STK-2023-1", "STK-2023-1-1"]));
    expect(await numbers({ bodyId: ks.id })).toHaveLength(2);
    expect(await numbers({ year: 2024, kind: "case" })).toEqual(["STK-2024-1"]);
    expect(await numbers({ recordType: "decision" })).toEqual(["STK-2023-1-1"]);
    expect(await numbers({ direction: "outgoing" })).toEqual(["STK-2024-1-1"]);
    expect(await numbers({ status: "closed", kind: "case" })).toEqual(["STK-2023-1"]);
    expect(await numbers({ sort: "oldest", kind: "case" })).toEqual(["STK-2023-1", "STK-2024-1"]);
    expect(await numbers({ sort: "newest", kind: "case" })).toEqual(["STK-2024-1", "STK-2023-1"]);
    const browse = await tx(database, (t) => searchRegister(t, m.id, anonymous, {}));
    expect(browse.total).toBe(4);
  });

  it("ranks what matches in a description above what matches only in a file", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m, { title: "Skrivelser" });
    const inFile = await newRecord(m, c.id, {
      description: "Skrivelse",
      datedOn: "2025-06-01",
      files: [
        { name: "a.txt", declaredType: "text/plain", bytes: Buffer.from("Om konstgräsplanen i Husie") },
      ],
    });
    const inDescription = await newRecord(m, c.id, {
      description: "Konstgräsplanen i Husie",
      datedOn: "2025-01-01",
    });
    expect((await search(m, "konstgräsplanen")).hits.map((h) => h.number)).toEqual([
      inDescription.number,
      inFile.number,
    ]);
  });

  it("lists a query with more than 500 matches newest first and says there are more", async () => {
    const m = await freshMunicipality(database);
    const series = await tx(database, (t) =>
      createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
    );
    // Test data in bulk, straight into the table: 600 cases with the same word, one per day.
    await tx(database, (t) =>
      t.execute(sql`INSERT INTO register_case (municipality_id, series_id, year, sequence, number, title, opened_on)
        SELECT ${m.id}, ${series.id}, 2024, g, 'STK-2024-' || g, 'Simhall i Oxie', DATE '2024-01-01' + g
        FROM generate_series(1, 600) g`),
    );
    const result = await search(m, "simhall");
    expect(result).toMatchObject({ total: 500, totalCapped: true });
    expect(result.hits.map((h) => h.number).slice(0, 3)).toEqual([
      "STK-2024-600",
      "STK-2024-599",
      "STK-2024-598",
    ]);
    const page2 = await tx(database, (t) => searchRegister(t, m.id, anonymous, { q: "simhall", page: 2 }));
    expect(page2.hits[0]!.number).toBe("STK-2024-580");
  });

  it("keeps other municipalities' registers out", async () => {
    const a = await freshMunicipality(database);
    const b = await freshMunicipality(database);
    await withSeries(a);
    await withSeries(b);
    await newCase(a, { title: "Simhall i Oxie" });
    expect((await search(b, "simhall")).hits).toHaveLength(0);
  });
});

describe("secrecy (OSL 5 kap. 2 och 5 §§)", () => {
  async function secretSetup() {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const social = await buildBody(database, m.system, { name: "Socialnämnden" });
    const other = await buildBody(database, m.system, { name: "Kulturnämnden" });
    const secrecy = { provision: "OSL 26 kap. 1 §", markedOn: "2025-02-01", markedById: social.id };
    const c = await newCase(m, {
      title: "Orosanmälan gällande Kalle Karlsson",
      publicTitle: "Orosanmälan",
      responsibleBodyId: social.id,
      openedOn: "2025-02-01",
      secrecy,
    });
    const r = await newRecord(m, c.id, {
      description: "Anmälan från skolkurator om Kalle Karlsson",
      publicDescription: "Anmälan",
      counterpartName: "Skolkurator Lisa Lind",
      recordType: "letter",
      datedOn: "2025-02-01",
      secrecy,
      files: [
        { name: "anmalan.txt", declaredType: "text/plain", bytes: Buffer.from("Hemlig text om Kalle") },
      ],
    });
    return { m, social, other, c, r };
  }

  it("never matches, ranks or shows secret words for a reader without access", async () => {
    const { m, social, other } = await secretSetup();
    for (const reader of [anonymous, { all: false, bodyIds: [other.id] }]) {
      expect((await search(m, "Kalle", reader)).hits).toHaveLength(0);
      expect((await search(m, "skolkurator", reader)).hits).toHaveLength(0);
      const hits = (await search(m, "orosanmälan", reader)).hits;
      expect(hits).toHaveLength(1);
      expect(JSON.stringify(hits)).not.toMatch(/Kalle|kurator|Hemlig/);
      const browse = await tx(database, (t) => searchRegister(t, m.id, reader, {}));
      expect(JSON.stringify(browse)).not.toMatch(/Kalle|kurator|Hemlig/);
      expect(browse.hits.map((h) => h.heading).sort()).toEqual(["Anmälan", "Orosanmälan"]);
      expect(browse.hits.every((h) => h.withheld && h.secret)).toBe(true);
    }
    for (const reader of [admin, { all: false, bodyIds: [social.id] }]) {
      const hits = (await search(m, "Kalle", reader)).hits;
      expect(hits.map((h) => h.kind).sort()).toEqual(["case", "record"]);
      expect(hits.find((h) => h.kind === "case")!.heading).toBe("Orosanmälan gällande Kalle Karlsson");
    }
  });

  it("shows the register entry of a secret case and record with the public fields only", async () => {
    const { m, social, other, c } = await secretSetup();
    const readAs = (access: { all: boolean; bodyIds: string[] }) =>
      tx(database, (t) => readCase(t, m.id, access, { id: c.id }));
    const outside = (await readAs({ all: false, bodyIds: [other.id] })).view;
    expect(outside.title).toBe("Orosanmälan");
    expect(outside.withheld).toBe(true);
    expect(outside.secrecy).toMatchObject({ provision: "OSL 26 kap. 1 §", markedOn: "2025-02-01" });
    expect(outside.records[0]).toMatchObject({
      number: `${c.number}-1`,
      datedOn: "2025-02-01",
      description: "Anmälan",
      counterpartName: null,
      files: [],
      withheld: true,
    });
    expect(JSON.stringify(outside)).not.toMatch(/Kalle|kurator|Lisa|anmalan\.txt/);
    const inside = (await readAs({ all: false, bodyIds: [social.id] })).view;
    expect(inside.title).toBe("Orosanmälan gällande Kalle Karlsson");
    expect(inside.records[0]!.files).toHaveLength(1);
  });

  it("gives the access rule to admins and to registrars and case officers of the responsible body", async () => {
    const m = await freshMunicipality(database);
    const social = await buildBody(database, m.system, { name: "Socialnämnden" });
    const registrar = await buildUser(database, m.system, [{ role: "registrar", bodyId: social.id }]);
    const member = await buildUser(database, m.system, [{ role: "member", bodyId: social.id }]);
    const grants = (roles: { role: any; bodyId: string | null }[]) => ({ ...m.system, grants: roles });
    expect(secretAccess(grants([{ role: "admin", bodyId: null }]))).toEqual({ all: true, bodyIds: [] });
    expect(secretAccess(grants([{ role: "registrar", bodyId: social.id }]))).toEqual({
      all: false,
      bodyIds: [social.id],
    });
    expect(secretAccess(grants([{ role: "member", bodyId: social.id }]))).toEqual({
      all: false,
      bodyIds: [],
    });
    expect(secretAccess(null)).toEqual({ all: false, bodyIds: [] });
    expect(registrar.email).not.toBe(member.email);
  });

  it("refuses a secret case without a public title, and writes nothing", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const body = await buildBody(database, m.system);
    const error = await rejects(
      newCase(m, { secrecy: { provision: "OSL 21 kap. 1 §", markedOn: "2025-01-01", markedById: body.id } }),
    );
    expect(error.code).toBe("secret_case_needs_public_title");
    const cases = await tx(database, (t) =>
      t.select().from(registerCase).where(eq(registerCase.municipalityId, m.id)),
    );
    expect(cases).toHaveLength(0);
    expect((await newCase(m)).number).toBe("STK-2024-1");
  });
});

describe("the audit trail of a registration", () => {
  it("records the case as registered, number and timestamps as the database gave them", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const body = await buildBody(database, m.system);
    const c = await newCase(m, { responsibleBodyId: body.id });
    const trail = await tx(database, (t) => t.select().from(auditEntry).where(eq(auditEntry.recordId, c.id)));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      municipalityId: m.id,
      actorLabel: m.system.label,
      action: "case.registered",
      recordType: "case",
      before: null,
    });
    // The entry holds the case exactly as it was returned, dates in ISO 8601 as every other entry has them.
    expect(trail[0]!.after).toEqual(JSON.parse(JSON.stringify(c)));
    expect(trail[0]!.after).toMatchObject({ number: "STK-2024-1", sequence: 1, responsibleBodyId: body.id });
  });

  it("leaves no entry when the registration is rolled back after its number was taken", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const failed = await tx(database, async (t) => {
      const c = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Ångras",
        openedOn: "2024-10-09",
      });
      throw new DomainError("case_closed", { number: c.number });
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DomainError);
    const entries = await tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.municipalityId, m.id), eq(auditEntry.action, "case.registered"))),
    );
    expect(entries).toHaveLength(0);
    expect((await newCase(m)).number).toBe("STK-2024-1");
  });
});

describe("editing, closing and relating", () => {
  it("edits a case with before and after in the audit trail, and a secret marking hides the old title", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const body = await buildBody(database, m.system);
    const c = await newCase(m, { title: "Ansökan om bidrag" });
    await tx(database, (t) =>
      updateCase(t, m.system, c.id, {
        title: "Ansökan om bidrag från Förening X",
        publicTitle: "Ansökan om bidrag",
        secrecy: { provision: "OSL 31 kap. 16 §", markedOn: "2025-03-01", markedById: body.id },
      }),
    );
    const trail = await tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.recordId, c.id), eq(auditEntry.action, "case.updated"))),
    );
    expect(trail[0]!.before).toMatchObject({ title: "Ansökan om bidrag" });
    expect(trail[0]!.after).toMatchObject({ title: "Ansökan om bidrag från Förening X" });
    expect((await search(m, "förening")).hits).toHaveLength(0);
    expect((await search(m, "förening", admin)).hits).toHaveLength(1);
  });

  it("corrects a record and logs it", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const r = await newRecord(m, c.id);
    const after = await tx(database, (t) => updateRecord(t, m.system, r.id, { datedOn: "2025-05-28" }));
    expect(after.datedOn).toBe("2025-05-28");
    expect(after.number).toBe(r.number);
    const trail = await tx(database, (t) => t.select().from(auditEntry).where(eq(auditEntry.recordId, r.id)));
    expect(trail.map((e) => e.action)).toEqual(["record.registered", "record.updated"]);
  });

  it("closes a case, then refuses new records and a second close", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    const early = await rejects(
      tx(database, (t) => closeCase(t, m.system, c.id, { closedOn: "2024-01-01" })),
    );
    expect(early.code).toBe("case_closed_before_opened");
    const closed = await tx(database, (t) => closeCase(t, m.system, c.id, { closedOn: "2026-01-22" }));
    expect(closed).toMatchObject({ status: "closed", closedOn: "2026-01-22" });
    expect((await rejects(newRecord(m, c.id))).code).toBe("case_closed");
    expect(
      (await rejects(tx(database, (t) => closeCase(t, m.system, c.id, { closedOn: "2026-01-23" })))).code,
    ).toBe("case_closed");
  });

  it("reopens a closed case, which then takes records again, and keeps the closing in the trail", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const c = await newCase(m);
    expect((await rejects(tx(database, (t) => reopenCase(t, m.system, c.id)))).code).toBe("case_not_closed");
    await tx(database, (t) => closeCase(t, m.system, c.id, { closedOn: "2026-01-22" }));
    const reopened = await tx(database, (t) => reopenCase(t, m.system, c.id));
    expect(reopened).toMatchObject({ status: "open", closedOn: null });
    expect((await newRecord(m, c.id)).number).toBe(`${c.number}-1`);
    const trail = await tx(database, (t) =>
      t
        .select()
        .from(auditEntry)
        .where(and(eq(auditEntry.recordId, c.id), eq(auditEntry.action, "case.reopened"))),
    );
    expect(trail[0]!.before).toMatchObject({ status: "closed", closedOn: "2026-01-22" });
    expect(trail[0]!.after).toMatchObject({ status: "open", closedOn: null });
  });

  it("relates cases both ways and shows origin and derived cases", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const origin = await newCase(m, { title: "Uppdrag budget 2023", openedOn: "2023-01-02" });
    const c = await newCase(m, { originCaseId: origin.id });
    const other = await newCase(m, { title: "Lokal utveckling" });
    await tx(database, (t) => relateCases(t, m.system, other.id, { relatedCaseId: c.id }));
    const twice = await rejects(
      tx(database, (t) => relateCases(t, m.system, c.id, { relatedCaseId: other.id })),
    );
    expect(twice.code).toBe("cases_already_related");
    const view = (await tx(database, (t) => readCase(t, m.id, anonymous, { id: c.id }))).view;
    expect(view.originCase?.number).toBe(origin.number);
    expect(view.relatedCases.map((x) => x.number)).toEqual([other.number]);
    const originView = (await tx(database, (t) => readCase(t, m.id, anonymous, { id: origin.id }))).view;
    expect(originView.derivedCases.map((x) => x.number)).toEqual([c.number]);
  });

  it("lets a registrar of one body register only in that body's cases", async () => {
    const m = await freshMunicipality(database);
    await withSeries(m);
    const mine = await buildBody(database, m.system);
    const theirs = await buildBody(database, m.system);
    const registrar: Actor = { ...m.system, userId: null, grants: [{ role: "registrar", bodyId: mine.id }] };
    const c = await newCase(m, { responsibleBodyId: theirs.id });
    expect((await rejects(newRecord(m, c.id, {}, registrar))).code).toBe("forbidden");
    const own = await newCase(m, { responsibleBodyId: mine.id });
    expect((await newRecord(m, own.id, {}, registrar)).number).toBe(`${own.number}-1`);
  });
});
