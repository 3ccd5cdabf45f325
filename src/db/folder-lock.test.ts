import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshMunicipality } from "../../test/support/db.js";
import { connect } from "./connect.js";
import { FolderInUseError, lockFolder } from "./folder-lock.js";

// One process per PGlite folder. These tests use PGlite whatever DATABASE_URL says: the lock is PGlite's.
const dirs: string[] = [];
const children: ChildProcess[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), "paragraf-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const slow = 300_000; // PGlite starts in seconds, more on a loaded machine
const tsx = ["--import", "tsx"];

function envFor(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PARAGRAF_DATA_DIR: dir,
    PARAGRAF_EXAMPLE: "off",
    PARAGRAF_PASSWORD: "ett-långt-lösenord-för-admin",
    LOG_LEVEL: "silent",
  };
  delete env.DATABASE_URL;
  return env;
}

/** Runs a command to its end: its exit code and what it wrote. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: slow }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? -1) : 0;
      resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
    });
  });
}

/** Starts the holder fixture and waits until it says it holds the folder. */
async function holder(folder: string, mode: "lock" | "pglite", value = ""): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...tsx, "src/db/fixtures/hold-folder.ts", folder, mode, value], {
    env: envFor(folder),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      if (String(d).includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
  return child;
}

async function killHard(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe("one process per PGlite folder", () => {
  it(
    "refuses `paragraf user add` and a second server while this process has the folder open, and lets them in after close()",
    async () => {
      const dir = dataDir();
      const database = await connect({ dataDir: join(dir, "pglite") });

      const add = await run(
        ["bin/paragraf.js", "user", "add", "--email", "admin@malmo.example", "--name", "Admin"],
        envFor(dir),
      );
      expect(add.code).toBe(1);
      expect(add.stdout).not.toContain("är skapat");
      expect(add.stderr).toContain(`Datamappen ${join(dir, "pglite")} används redan (process ${process.pid}`);
      expect(add.stderr).toContain("adminsidan /admin/konton");
      expect(add.stderr).toContain("stoppa servern");
      expect(add.stderr).toContain("PostgreSQL-server (DATABASE_URL)");

      const server = await run([...tsx, "src/main.ts"], { ...envFor(dir), PORT: "0" });
      expect(server.code).toBe(1);
      expect(server.stderr).toContain("används redan");

      await database.close();
      expect(existsSync(join(dir, "pglite.lock"))).toBe(false);
      const migrate = await run(["bin/paragraf.js", "migrate"], envFor(dir));
      expect(migrate.stderr).toBe("");
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toContain("Databasen är uppdaterad.");
    },
    slow,
  );

  it(
    "keeps what a SIGKILLed holder committed, and a new process opens its folder",
    async () => {
      const folder = join(dataDir(), "pglite");
      const child = await holder(folder, "pglite", "före kraschen");
      const lock = JSON.parse(readFileSync(`${folder}.lock`, "utf8")) as { pid: number };
      expect(lock.pid).toBe(child.pid);
      expect(() => lockFolder(folder)).toThrow(FolderInUseError);

      await killHard(child);
      expect(existsSync(`${folder}.lock`)).toBe(true); // left behind: stale, not blocking
      const database = await connect({ dataDir: folder });
      const rows = await database.pglite!.query<{ value: string }>("SELECT value FROM survivor");
      expect(rows.rows).toEqual([{ value: "före kraschen" }]);
      await database.close();
    },
    slow,
  );

  it(
    "is taken over from a dead holder and refused while a live one holds it",
    async () => {
      const folder = join(dataDir(), "pglite");
      const child = await holder(folder, "lock");
      const error = (() => {
        try {
          lockFolder(folder);
        } catch (e) {
          return e as FolderInUseError;
        }
      })();
      expect(error).toBeInstanceOf(FolderInUseError);
      expect(error?.holder?.pid).toBe(child.pid);
      await killHard(child);
      const lock = lockFolder(folder);
      expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
      lock.release();
      expect(existsSync(lock.path)).toBe(false);
    },
    slow,
  );

  it("refuses a second open in the same process, and treats broken or own-pid leftovers as stale", () => {
    const folder = join(dataDir(), "pglite");
    const lock = lockFolder(folder);
    expect(() => lockFolder(folder)).toThrow(/används redan \(process \d+/);
    lock.release();
    lock.release(); // twice is harmless

    writeFileSync(`${folder}.lock`, ""); // a holder killed before it wrote its name
    lockFolder(folder).release();

    // This pid, but not held by this process: a restarted container where the server is pid 1 again.
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: process.pid, host: "x", token: "old" }));
    expect(() => lockFolder(folder)).toThrow(FolderInUseError); // another host: taken to run
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: "old" }));
    const again = lockFolder(folder);
    expect(JSON.parse(readFileSync(again.path, "utf8")).token).not.toBe("old");
    again.release();
  });
});

describe.runIf(process.env.DATABASE_URL)("commands on a PostgreSQL server", () => {
  it(
    "creates an account with `paragraf user add` while another process (the server) is connected",
    async () => {
      const server = await connect({ url: process.env.DATABASE_URL });
      try {
        const m = await freshMunicipality(server, "Serverkommun");
        const email = `konto-${randomUUID().slice(0, 8)}@server.example`;
        const add = await run(
          ["bin/paragraf.js", "user", "add", "--email", email, "--name", "Konto", "--municipality", m.slug],
          { ...envFor(dataDir()), DATABASE_URL: process.env.DATABASE_URL },
        );
        expect(add.stderr).toBe("");
        expect(add.stdout).toContain(`Kontot ${email} är skapat`);
        const found = await server.db.query.appUser.findFirst({ where: (u, { eq }) => eq(u.email, email) });
        expect(found?.municipalityId).toBe(m.id);
      } finally {
        await server.close();
      }
    },
    slow,
  );
});
