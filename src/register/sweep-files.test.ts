import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, isolatedDatabase, type TestMunicipality, tx } from "../../test/support/db.js";
import type { Database } from "../db/connect.js";
import { createNumberSeries } from "./create-number-series.js";
import { FileStore, fileStoreLockKey } from "./file-store.js";
import { registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { sweepFileStore } from "./sweep-files.js";

// A database of its own: the file store's lock is one per database, and other test files store files too.
let database: Database;
beforeAll(async () => {
  database = await isolatedDatabase();
});
afterAll(() => database.close());

function newStore() {
  return new FileStore(mkdtempSync(join(tmpdir(), "paragraf-sweep-")));
}

async function caseIn(m: TestMunicipality) {
  await tx(database, (t) =>
    createNumberSeries(t, m.system, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
  );
  return tx(database, (t) =>
    registerNewCase(t, m.system, { seriesCode: "STK", title: "Skrivelser", openedOn: "2025-05-01" }),
  );
}

function recordWith(m: TestMunicipality, caseId: string, store: FileStore, text: string) {
  return (t: Parameters<Parameters<typeof tx>[1]>[0]) =>
    registerRecord(
      t,
      m.system,
      {
        caseId,
        direction: "incoming",
        recordType: "letter",
        datedOn: "2025-05-02",
        description: "Skrivelse med bilaga",
        files: [{ name: "bilaga.txt", declaredType: "text/plain", bytes: Buffer.from(text) }],
      },
      store,
    );
}

describe("sweeping the file store", () => {
  it("removes what rolled-back registrations and interrupted writes left, and keeps every registered file", async () => {
    const m = await freshMunicipality(database);
    const store = newStore();
    const c = await caseIn(m);
    const kept = await tx(database, recordWith(m, c.id, store, "Registrerad bilaga"));
    // A registration whose transaction fails after its file was stored leaves the bytes behind.
    await tx(database, async (t) => {
      await recordWith(m, c.id, store, "Bilaga som aldrig registrerades")(t);
      throw new Error("fault after the file was stored");
    }).catch(() => undefined);
    const entries = [];
    for await (const e of store.entries()) entries.push(e);
    expect(entries.filter((e) => e.kind === "content")).toHaveLength(2);
    // A write that crashed between its temporary file and the rename.
    const anyContent = entries[0]!.path;
    writeFileSync(join(dirname(anyContent), `.${"0".repeat(64)}.crashed.tmp`), "halv");

    const result = await sweepFileStore(database.db, store);
    expect(result).toEqual({ orphans: 1, temporaries: 1, kept: 1 });
    const left = [];
    for await (const e of store.entries()) left.push(e);
    expect(left.map((e) => e.kind === "content" && e.sha256)).toEqual([kept.files[0]!.sha256]);
    expect((await store.get(kept.files[0]!.sha256)).toString()).toBe("Registrerad bilaga");
    expect(readdirSync(dirname(anyContent)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(await sweepFileStore(database.db, store)).toEqual({ orphans: 0, temporaries: 0, kept: 1 });
  });

  it("keeps content that another municipality's file row names", async () => {
    const store = newStore();
    const a = await freshMunicipality(database, "Kommun A");
    const b = await freshMunicipality(database, "Kommun B");
    const inA = await caseIn(a);
    const inB = await caseIn(b);
    await tx(database, recordWith(a, inA.id, store, "Samma bytes"));
    await tx(database, async (t) => {
      await recordWith(b, inB.id, store, "Samma bytes")(t);
      throw new Error("B rolls back");
    }).catch(() => undefined);
    expect(await sweepFileStore(database.db, store)).toEqual({ orphans: 0, temporaries: 0, kept: 1 });
  });

  it.runIf(process.env.DATABASE_URL)(
    "does not sweep while a registration with files is in flight, and never takes its file",
    async () => {
      const m = await freshMunicipality(database);
      const store = newStore();
      const c = await caseIn(m);
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let stored!: () => void;
      const fileOnDisk = new Promise<void>((resolve) => {
        stored = resolve;
      });
      const registering = tx(database, async (t) => {
        const created = await recordWith(m, c.id, store, "Bilaga under registrering")(t);
        stored();
        await held;
        return created;
      });
      await fileOnDisk;
      expect(await sweepFileStore(database.db, store)).toBeNull();
      release();
      const created = await registering;
      expect(await sweepFileStore(database.db, store)).toEqual({ orphans: 0, temporaries: 0, kept: 1 });
      expect((await store.get(created.files[0]!.sha256)).toString()).toBe("Bilaga under registrering");
      // The lock is free again once the registration has committed.
      const free = await tx(database, (t) =>
        t.execute(sql`SELECT pg_try_advisory_xact_lock(${fileStoreLockKey}) AS locked`),
      );
      expect((free as unknown as { rows: { locked: boolean }[] }).rows[0]!.locked).toBe(true);
    },
  );
});
