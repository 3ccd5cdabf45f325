import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "../accounts/actor.js";
import { createMunicipality } from "../organisation/create-municipality.js";
import { createNumberSeries } from "../register/create-number-series.js";
import { FileStore, fileStoreLockKey } from "../register/file-store.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import { BackupError, backup, type Installation, restore } from "./backup.js";
import { connect, type Database } from "./connect.js";
import { FolderInUseError, lockFolder } from "./folder-lock.js";
import { migrate } from "./migrate.js";
import { inTransaction } from "./transaction.js";

// A round trip through `paragraf backup` and `paragraf restore`: what comes back is what was there, row for row
// and byte for byte. On PGlite always; on the PostgreSQL server too when DATABASE_URL is set.
const dirs: string[] = [];
function folder() {
  const dir = mkdtempSync(join(tmpdir(), "paragraf-backup-test-"));
  dirs.push(dir);
  return dir;
}
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const slow = 600_000;

function installation(dataDir: string, databaseUrl?: string): Installation {
  return { dataDir, databaseUrl, fileStore: (root) => new FileStore(root), fileStoreLockKey };
}

function open(target: Installation): Promise<Database> {
  return connect({ url: target.databaseUrl, dataDir: join(target.dataDir, "pglite") });
}

/** A municipality with a case and a record with two files, as a registrar would leave it. */
async function fill(target: Installation) {
  const database = await open(target);
  try {
    await migrate(database);
    const store = target.fileStore(join(target.dataDir, "files"));
    await inTransaction(database.db, async (tx) => {
      const m = await createMunicipality(tx, {
        name: "Backupkommun",
        slug: `backup-${randomUUID().slice(0, 6)}`,
      });
      const actor = systemActor(m.id, "Test");
      await createNumberSeries(tx, actor, { code: "KS", prefix: "KS", pattern: "{prefix}-{year}-{seq}" });
      const c = await registerNewCase(tx, actor, {
        seriesCode: "KS",
        title: "Budget 2027",
        openedOn: "2026-03-02",
      });
      await registerRecord(
        tx,
        actor,
        {
          caseId: c.id,
          direction: "incoming",
          recordType: "letter",
          datedOn: "2026-03-03",
          description: "Skrivelse om budgeten, med bilagor",
          files: [
            {
              name: "skrivelse.txt",
              declaredType: "text/plain",
              bytes: Buffer.from("Äskande om medel för 2027.\n"),
            },
            {
              name: "bilaga.txt",
              declaredType: "text/plain",
              bytes: Buffer.from(`Bilaga ${randomUUID()}\n`),
            },
          ],
        },
        store as FileStore,
      );
    });
  } finally {
    await database.close();
  }
}

/** Every table's rows, in a fixed order, and every stored file's bytes. */
async function contents(target: Installation) {
  const database = await open(target);
  try {
    const tables = await rows(
      database,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const byTable: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      const all = await rows(database, `SELECT t::text AS row FROM public."${table_name}" t`);
      byTable[String(table_name)] = all.map((r) => String(r.row)).sort();
    }
    const store = target.fileStore(join(target.dataDir, "files")) as FileStore;
    const files: Record<string, string> = {};
    for await (const entry of store.entries())
      if (entry.kind === "content") files[entry.sha256] = (await store.get(entry.sha256)).toString("base64");
    return { byTable, files };
  } finally {
    await database.close();
  }
}

async function rows(database: Database, sqlText: string): Promise<Record<string, unknown>[]> {
  let result: Record<string, unknown>[] = [];
  await database.exclusive(async (exec) => {
    result = (await exec(sqlText)) as Record<string, unknown>[];
  });
  return result;
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: Error) => error,
  );
}

describe("backup and restore on PGlite", () => {
  it(
    "brings back every row and file into an empty folder, refuses a non-empty one without --replace, and a folder in use",
    async () => {
      const source = installation(folder());
      await fill(source);
      const before = await contents(source);
      expect(before.byTable.record?.length).toBe(1);
      expect(Object.keys(before.files)).toHaveLength(2);

      const backups = folder();
      const held = lockFolder(join(source.dataDir, "pglite"));
      expect(await refusal(backup(source, backups))).toBeInstanceOf(FolderInUseError);
      held.release();
      const { path, manifest } = await backup(source, backups);
      expect(path).toMatch(/paragraf-\d{8}-\d{6}\.tar$/);
      expect(manifest.tables.record).toBe(1);
      expect(manifest.files).toBe(2);
      const listing = (await promisify(execFile)("tar", ["-tf", path])).stdout.split("\n");
      expect(listing).toContain("paragraf-backup.json");
      expect(listing).toContain("database/pglite.tar.gz");
      expect(listing.filter((n) => n.startsWith("files/sha256/"))).toHaveLength(2);

      const target = installation(join(folder(), "ny"));
      await restore(target, path);
      expect(await contents(target)).toEqual(before);

      const again = await refusal(restore(target, path));
      expect(again).toBeInstanceOf(BackupError);
      expect(again.message).toContain("Det finns redan data");
      expect(again.message).toContain("--replace");

      const busy = lockFolder(join(target.dataDir, "pglite"));
      expect(await refusal(restore(target, path, { replace: true }))).toBeInstanceOf(FolderInUseError);
      busy.release();

      // A stray file in the target store goes with --replace: the store is the backup's, no more, no less.
      mkdirSync(join(target.dataDir, "files", "sha256", "00", "00"), { recursive: true });
      writeFileSync(join(target.dataDir, "files", "sha256", "00", "00", "0".repeat(64)), "stray");
      await restore(target, path, { replace: true });
      expect(await contents(target)).toEqual(before);
      expect(readdirSync(target.dataDir).sort()).toEqual(["files", "pglite"]);
    },
    slow,
  );

  it("refuses what is not a Paragraf backup, and a backup of the other kind of database", async () => {
    const target = installation(folder());
    const junk = join(folder(), "junk.tar");
    writeFileSync(junk, Buffer.alloc(2048, 1));
    expect((await refusal(restore(target, junk))).message).toContain("ingen säkerhetskopia från Paragraf");
    expect((await refusal(restore(target, join(folder(), "saknas.tar")))).message).toContain("finns inte");
  });
});

describe.runIf(process.env.DATABASE_URL)("backup and restore on a PostgreSQL server", () => {
  async function newDatabase(): Promise<string> {
    const url = process.env.DATABASE_URL!;
    const name = `paragraf_b_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = await connect({ url });
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    cleanups.push(async () => {
      const a = await connect({ url });
      await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    });
    const target = new URL(url);
    target.pathname = `/${name}`;
    return target.toString();
  }

  it(
    "brings back every row and file with pg_dump and psql, and refuses a non-empty database without --replace",
    async () => {
      const source = installation(folder(), await newDatabase());
      await fill(source);
      const before = await contents(source);
      const { path, manifest } = await backup(source, join(folder(), "kopia.tar"));
      expect(manifest.database).toBe("postgres");
      expect(manifest.files).toBe(2);

      const target = installation(folder(), await newDatabase());
      await restore(target, path);
      expect(await contents(target)).toEqual(before);

      const again = await refusal(restore(target, path));
      expect(again.message).toContain("--replace");
      await restore(target, path, { replace: true });
      expect(await contents(target)).toEqual(before);

      const pglite = installation(folder());
      expect((await refusal(restore(pglite, path))).message).toContain("PostgreSQL-server");
    },
    slow,
  );
});
