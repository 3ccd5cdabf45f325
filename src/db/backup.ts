import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { constants, existsSync, statSync } from "node:fs";
import { type FileHandle, mkdir, mkdtemp, open, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { openDurablePglite } from "./durable-pglite.js";
import { lockFolder } from "./folder-lock.js";
import { listTar, readEntry, type TarEntry, TarWriter } from "./tar.js";

/**
 * Backup and restore of a whole installation: the database and the file store (`PARAGRAF_DATA_DIR/files`), in one
 * tar file. On PGlite the database is PGlite's own data folder (dumpDataDir/loadDataDir), taken with the folder
 * locked, so the server must be stopped; on a PostgreSQL server it is pg_dump's SQL, taken while Paragraf runs.
 * The manifest counts every table's rows, and a restore checks the restored database against it.
 */
export interface Installation {
  /** PARAGRAF_DATA_DIR */
  dataDir: string;
  /** DATABASE_URL; absent means PGlite in dataDir/pglite. */
  databaseUrl?: string;
  /** The register's file store at a root (src/register/file-store.ts; db may not import it). */
  fileStore(root: string): FileStoreAccess;
  /** The advisory lock that keeps the file sweep away while files are copied on a server. */
  fileStoreLockKey: number;
}

/** What a backup needs of the file store: where a hash lives, and what it holds. */
export interface FileStoreAccess {
  readonly root: string;
  pathOf(sha256: string): string;
  entries(): AsyncGenerator<{ kind: "content"; sha256: string } | { kind: "temporary" }>;
}

export interface Manifest {
  format: "paragraf-backup";
  version: 1;
  database: "pglite" | "postgres";
  createdAt: string;
  /** Rows per table, as the backup holds them. */
  tables: Record<string, number>;
  files: number;
}

/** Something the user can fix; the message is Swedish and says what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

const manifestName = "paragraf-backup.json";
const pgliteEntry = "database/pglite.tar.gz";
const postgresEntry = "database/postgres.sql";

function pgliteFolder(installation: Installation) {
  return join(resolve(installation.dataDir), "pglite");
}
function filesFolder(installation: Installation) {
  return join(resolve(installation.dataDir), "files");
}

/** Writes a backup to `to`: a file, or a new dated file in `to` when it is a folder. Returns the file's path. */
export async function backup(
  installation: Installation,
  to: string,
): Promise<{ path: string; manifest: Manifest }> {
  let path = resolve(to);
  if (existsSync(path) && statSync(path).isDirectory()) {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    path = join(path, `paragraf-${stamp}.tar`);
  }
  if (existsSync(path))
    throw new BackupError(`Filen ${path} finns redan. Välj ett annat namn eller en mapp.`);
  const partial = `${path}.${randomUUID().slice(0, 8)}.part`;
  const work = await mkdtemp(join(tmpdir(), "paragraf-backup-"));
  const tar = await TarWriter.create(partial);
  try {
    const store = installation.fileStore(filesFolder(installation));
    let manifest: Manifest;
    if (installation.databaseUrl) {
      manifest = await dumpServer(
        installation.databaseUrl,
        installation.fileStoreLockKey,
        work,
        async (dump, tables) => {
          // The file store is copied while the dump's session holds the sweep's lock shared: no file the dump
          // refers to can be swept before it is copied.
          const hashes = await contentHashes(store);
          const m = manifestOf("postgres", tables, hashes.length);
          await tar.add(manifestName, json(m));
          await tar.addFile(postgresEntry, dump);
          await addFiles(tar, store, hashes);
          return m;
        },
      );
    } else {
      const folder = pgliteFolder(installation);
      if (!existsSync(join(folder, "PG_VERSION")))
        throw new BackupError(`Det finns ingen databas att säkerhetskopiera i ${folder}.`);
      const lock = lockFolder(folder);
      try {
        const client = await openDurablePglite(folder);
        try {
          const tables = await countRows((q) =>
            client.query(q).then((r) => r.rows as Record<string, unknown>[]),
          );
          await client.exec("CHECKPOINT"); // the data files complete, so the copy needs no recovery when loaded
          const dump = new Uint8Array(await (await client.dumpDataDir("gzip")).arrayBuffer());
          const hashes = await contentHashes(store);
          manifest = manifestOf("pglite", tables, hashes.length);
          await tar.add(manifestName, json(manifest));
          await tar.add(pgliteEntry, dump);
          await addFiles(tar, store, hashes);
        } finally {
          await client.close();
        }
      } finally {
        lock.release();
      }
    }
    await tar.finish();
    await rename(partial, path);
    await syncFolder(dirname(path));
    return { path, manifest };
  } catch (error) {
    await tar.abandon();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Restores a backup into this installation. Refuses a non-empty target unless replace is set. */
export async function restore(
  installation: Installation,
  from: string,
  options: { replace?: boolean } = {},
): Promise<Manifest> {
  const archive = await open(resolve(from), "r").catch(() => {
    throw new BackupError(`Säkerhetskopian ${resolve(from)} finns inte eller kan inte läsas.`);
  });
  const work = await mkdtemp(join(tmpdir(), "paragraf-restore-"));
  try {
    const entries = await listTar(archive).catch(() => {
      throw new BackupError(`${resolve(from)} är ingen säkerhetskopia från Paragraf.`);
    });
    const manifestEntry = entries.find((e) => e.name === manifestName);
    if (!manifestEntry) throw new BackupError(`${resolve(from)} är ingen säkerhetskopia från Paragraf.`);
    const manifest = JSON.parse((await readEntry(archive, manifestEntry)).toString("utf8")) as Manifest;
    if (manifest.format !== "paragraf-backup" || manifest.version !== 1)
      throw new BackupError(
        `${resolve(from)} är ingen säkerhetskopia som den här versionen av Paragraf kan läsa.`,
      );
    const here = installation.databaseUrl ? "postgres" : "pglite";
    if (manifest.database !== here)
      throw new BackupError(
        manifest.database === "pglite"
          ? "Säkerhetskopian är tagen från den inbyggda databasen (PGlite) och kan bara läsas tillbaka utan DATABASE_URL."
          : "Säkerhetskopian är tagen från en PostgreSQL-server och kan bara läsas tillbaka med DATABASE_URL satt.",
      );
    const files = entries.filter((e) => e.name.startsWith("files/sha256/"));
    if (files.length !== manifest.files)
      throw new BackupError(
        `Säkerhetskopian är ofullständig: ${files.length} av ${manifest.files} filer finns.`,
      );

    const store = filesFolder(installation);
    const storeInUse = (await contentHashes(installation.fileStore(store))).length > 0;
    if (installation.databaseUrl) {
      const dump = entries.find((e) => e.name === postgresEntry);
      if (!dump) throw new BackupError("Säkerhetskopian saknar databasen.");
      await restoreServer(installation.databaseUrl, archive, dump, work, manifest, {
        replace: !!options.replace,
        storeInUse,
        filesReady: () => unpackFiles(installation, archive, files, store, !!options.replace),
      });
    } else {
      const dump = entries.find((e) => e.name === pgliteEntry);
      if (!dump) throw new BackupError("Säkerhetskopian saknar databasen.");
      const folder = pgliteFolder(installation);
      await mkdir(dirname(folder), { recursive: true });
      const lock = lockFolder(folder);
      try {
        const occupied = existsSync(join(folder, "PG_VERSION")) || storeInUse;
        if (occupied && !options.replace) throw notEmpty(`${folder} eller ${store}`);
        const staged = `${folder}.restoring-${randomUUID().slice(0, 8)}`;
        try {
          const client = await openDurablePglite(staged, {
            loadDataDir: new Blob([new Uint8Array(await readEntry(archive, dump))]),
          });
          try {
            await verify(manifest, (q) => client.query(q).then((r) => r.rows as Record<string, unknown>[]));
          } finally {
            await client.close();
          }
          await syncTree(staged);
          await unpackFiles(installation, archive, files, store, !!options.replace);
          await swapIn(staged, folder);
        } finally {
          await rm(staged, { recursive: true, force: true });
        }
      } finally {
        lock.release();
      }
    }
    return manifest;
  } finally {
    await archive.close();
    await rm(work, { recursive: true, force: true });
  }
}

function notEmpty(what: string) {
  return new BackupError(
    `Det finns redan data i ${what}. Återläsningen skulle ersätta den: kör kommandot igen med --replace ` +
      "om det är meningen (ta gärna en säkerhetskopia av det som finns först).",
  );
}

function manifestOf(database: Manifest["database"], tables: Record<string, number>, files: number): Manifest {
  return {
    format: "paragraf-backup",
    version: 1,
    database,
    createdAt: new Date().toISOString(),
    tables,
    files,
  };
}

function json(value: unknown) {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
}

type Query = (sqlText: string) => Promise<Record<string, unknown>[]>;

/** Rows per table in the public schema, by name. */
async function countRows(query: Query): Promise<Record<string, number>> {
  const tables = await query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const name = String(table_name);
    const [row] = await query(`SELECT count(*)::int AS n FROM public."${name.replaceAll('"', '""')}"`);
    counts[name] = Number(row?.n);
  }
  return counts;
}

/** Checks that the restored database has the tables and row counts the backup recorded. */
async function verify(manifest: Manifest, query: Query) {
  const counts = await countRows(query);
  const differ = Object.keys({ ...manifest.tables, ...counts }).filter(
    (t) => counts[t] !== manifest.tables[t],
  );
  if (differ.length > 0)
    throw new BackupError(
      `Den återlästa databasen stämmer inte med säkerhetskopian (tabellerna ${differ.join(", ")}). Inget har ersatts.`,
    );
}

async function contentHashes(store: FileStoreAccess): Promise<string[]> {
  const hashes: string[] = [];
  for await (const entry of store.entries()) if (entry.kind === "content") hashes.push(entry.sha256);
  return hashes.sort();
}

async function addFiles(tar: TarWriter, store: FileStoreAccess, hashes: string[]) {
  for (const sha256 of hashes) {
    const path = store.pathOf(sha256);
    await tar.addFile(`files/${path.slice(store.root.length + 1)}`, path);
  }
}

/**
 * Unpacks the files into a new store beside the old one, checking each file's bytes against its name, and then
 * puts it in place of the old store.
 */
async function unpackFiles(
  installation: Installation,
  archive: FileHandle,
  files: TarEntry[],
  store: string,
  replace: boolean,
) {
  const staged = `${store}.restoring-${randomUUID().slice(0, 8)}`;
  try {
    await mkdir(staged, { recursive: true }); // an installation with no files yet still gets its (empty) store
    const target = installation.fileStore(staged);
    const chunk = Buffer.alloc(1 << 20);
    for (const entry of files) {
      const sha256 = entry.name.split("/").at(-1) ?? "";
      const path = target.pathOf(sha256);
      await mkdir(dirname(path), { recursive: true });
      const out = await open(path, "wx", 0o640);
      const hash = createHash("sha256");
      try {
        let done = 0;
        while (done < entry.size) {
          const { bytesRead } = await archive.read(
            chunk,
            0,
            Math.min(chunk.length, entry.size - done),
            entry.offset + done,
          );
          if (bytesRead === 0) throw new BackupError("Säkerhetskopian är avkortad.");
          hash.update(chunk.subarray(0, bytesRead));
          await out.write(chunk, 0, bytesRead);
          done += bytesRead;
        }
        await out.sync();
      } finally {
        await out.close();
      }
      if (hash.digest("hex") !== sha256)
        throw new BackupError(`Filen ${sha256} i säkerhetskopian är skadad. Inget har ersatts.`);
    }
    await syncTree(staged);
    if (!replace && existsSync(store) && (await contentHashes(installation.fileStore(store))).length > 0)
      throw notEmpty(store);
    await swapIn(staged, store);
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

/** Puts the staged folder where target is, moving the old one aside and removing it once the new one is in place. */
async function swapIn(staged: string, target: string) {
  const aside = `${target}.replaced-${randomUUID().slice(0, 8)}`;
  const had = existsSync(target);
  if (had) await rename(target, aside);
  await mkdir(dirname(target), { recursive: true });
  await rename(staged, target);
  await syncFolder(dirname(target));
  if (had) await rm(aside, { recursive: true, force: true });
}

/** fsyncs every file and folder under root, so what was written there survives a power loss. */
async function syncTree(root: string) {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) {
      const handle = await open(path, "r+");
      await handle.sync();
      await handle.close();
    }
  }
  await syncFolder(root);
}

async function syncFolder(folder: string) {
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// ---- PostgreSQL server ------------------------------------------------------------------------------------------

/** Runs pg_dump or psql; a missing program is said in Swedish. */
function runTool(program: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(program, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT")
        reject(
          new BackupError(
            `${program} finns inte på PATH. Säkerhetskopior på en PostgreSQL-server behöver PostgreSQL:s klientprogram ` +
              "(pg_dump och psql, samma huvudversion som servern eller nyare; i Debian paketet postgresql-client).",
          ),
        );
      else if (error) reject(new BackupError(`${program} misslyckades: ${stderr.trim() || error.message}`));
      else resolvePromise(stdout);
    });
  });
}

/**
 * pg_dump of the database, taken in the snapshot that the row counts are taken in (an exported snapshot), while
 * a session holds the file store's lock shared; then `withDump` copies the files under that lock.
 */
async function dumpServer(
  url: string,
  fileStoreLockKey: number,
  work: string,
  withDump: (dump: string, tables: Record<string, number>) => Promise<Manifest>,
): Promise<Manifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock_shared($1)", [fileStoreLockKey]);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const tables = await countRows((q) => client.query(q).then((r) => r.rows));
    const dump = join(work, "postgres.sql");
    await runTool("pg_dump", [
      `--dbname=${url}`,
      `--snapshot=${snapshot}`,
      "--format=plain",
      "--no-owner",
      "--no-privileges",
      `--file=${dump}`,
    ]);
    await client.query("COMMIT");
    return await withDump(dump, tables);
  } finally {
    await client.end();
  }
}

async function restoreServer(
  url: string,
  archive: FileHandle,
  dumpEntry: TarEntry,
  work: string,
  manifest: Manifest,
  options: { replace: boolean; storeInUse: boolean; filesReady: () => Promise<void> },
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const others = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    if (others.rows[0]!.n > 0)
      throw new BackupError(
        `${others.rows[0]!.n} andra anslutningar använder databasen. Stoppa Paragraf-servern (och annat som är ` +
          "anslutet) innan du läser tillbaka en säkerhetskopia.",
      );
    const tables = await client.query(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' LIMIT 1",
    );
    const database = new URL(url).pathname.slice(1);
    if ((tables.rowCount ?? 0) > 0 || options.storeInUse) {
      if (!options.replace)
        throw notEmpty(`databasen ${database}${options.storeInUse ? " eller filarkivet" : ""}`);
    }
    const dump = join(work, "postgres.sql");
    const out = await open(dump, "wx");
    try {
      await out.write(await readEntry(archive, dumpEntry));
    } finally {
      await out.close();
    }
    // One transaction: the old schema goes only if the whole dump loads.
    const script = join(work, "restore.sql");
    const wrapper = await open(script, "wx");
    try {
      await wrapper.write(
        `${options.replace ? "DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n" : ""}\\i ${dump}\n`,
      );
    } finally {
      await wrapper.close();
    }
    await runTool("psql", [
      `--dbname=${url}`,
      "--no-psqlrc",
      "--quiet",
      "--single-transaction",
      "--set=ON_ERROR_STOP=1",
      `--file=${script}`,
    ]);
    await verify(manifest, (q) => client.query(q).then((r) => r.rows));
    await options.filesReady();
  } finally {
    await client.end();
  }
}
