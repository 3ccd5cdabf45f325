import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { BootError, boot } from "./boot.js";
import { readConfig } from "./config.js";
import { inTransaction } from "./db/transaction.js";
import { createLogger } from "./http/logger.js";
import { listBodies } from "./organisation/queries.js";

// What `npm start` does on an embedded database kept on disk. These tests use PGlite whatever DATABASE_URL says:
// they are about the embedded default and its data folder.
const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), "paragraf-boot-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const logger = createLogger("silent");

describe("starting Paragraf", () => {
  it("loads the Malmö example on the first start only, and keeps the data across a restart", async () => {
    const config = readConfig({ PARAGRAF_DATA_DIR: dataDir() }, []);
    const first = await boot(config, logger);
    const bodies = await inTransaction(first.db, async (tx) => {
      const m = await tx.query.municipality.findFirst();
      return listBodies(tx, m!.id);
    });
    expect(bodies.map((b) => b.slug)).toContain("kommunfullmaktige");
    await first.close();

    const second = await boot(config, logger);
    const municipalities = await inTransaction(second.db, (tx) => tx.query.municipality.findMany());
    expect(municipalities.map((m) => m.name)).toEqual(["Malmö stad"]);
    await second.close();
  }, 300_000); // two starts of PGlite on disk, one loading the example: over a minute on a loaded machine

  it("starts empty with --no-example or PARAGRAF_EXAMPLE=off", async () => {
    expect(readConfig({ PARAGRAF_EXAMPLE: "off" }, []).loadExample).toBe(false);
    expect(readConfig({}, []).loadExample).toBe(true);
    const config = readConfig({ PARAGRAF_DATA_DIR: dataDir() }, ["--no-example"]);
    expect(config.loadExample).toBe(false);
    const database = await boot(config, logger);
    expect(await inTransaction(database.db, (tx) => tx.query.municipality.findMany())).toEqual([]);
    await database.close();
  });

  it("creates the first admin from the command line, who can then log in", async () => {
    const dir = dataDir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PARAGRAF_DATA_DIR: dir,
      PARAGRAF_PASSWORD: "ett-långt-lösenord-för-admin",
      LOG_LEVEL: "silent",
    };
    delete env.DATABASE_URL;
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ["bin/paragraf.js", "user", "add", "--email", "admin@malmo.example", "--name", "Admin"],
      { env },
    );
    expect(stdout).toContain("Kontot admin@malmo.example är skapat i Malmö stad med rollerna admin.");

    const short = await run(
      process.execPath,
      ["bin/paragraf.js", "user", "add", "--email", "b@malmo.example", "--name", "B"],
      {
        env: { ...env, PARAGRAF_PASSWORD: "kort" },
      },
    ).catch((e: { code: number; stderr: string }) => e);
    expect((short as { code: number }).code).toBe(1);
    expect((short as { stderr: string }).stderr).toContain("Lösenordet måste ha minst 12 tecken.");

    const database = await boot(readConfig({ PARAGRAF_DATA_DIR: dir }, []), logger);
    const { createApp } = await import("./app/app.js");
    const app = createApp({ database, logger });
    const res = await app.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@malmo.example", password: "ett-långt-lösenord-för-admin" }),
    });
    expect(res.status).toBe(200);
    await database.close();
  }, 300_000); // two processes that each start PGlite: minutes on a loaded machine

  it("with the example off, stops on PARAGRAF_ADMIN_EMAIL without a municipality, naming the command to run", async () => {
    const env = {
      PARAGRAF_DATA_DIR: dataDir(),
      PARAGRAF_EXAMPLE: "off",
      PARAGRAF_ADMIN_EMAIL: "admin@tyreso.example",
      PARAGRAF_ADMIN_PASSWORD: "ett-långt-lösenord-för-admin",
    };
    const refused = await boot(readConfig(env, []), logger).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(BootError);
    expect((refused as Error).message).toContain("Databasen har ingen kommun");
    expect((refused as Error).message).toContain("npx paragraf municipality add");

    // With a name and a slug, Paragraf creates the municipality and puts the admin in it.
    const config = readConfig(
      { ...env, PARAGRAF_MUNICIPALITY_NAME: "Tyresö kommun", PARAGRAF_MUNICIPALITY_SLUG: "tyreso" },
      [],
    );
    const database = await boot(config, logger);
    const users = await inTransaction(database.db, (tx) => tx.query.appUser.findMany());
    const municipalities = await inTransaction(database.db, (tx) => tx.query.municipality.findMany());
    expect(municipalities.map((m) => m.slug)).toEqual(["tyreso"]);
    expect(users.map((u) => [u.email, u.municipalityId])).toEqual([
      ["admin@tyreso.example", municipalities[0]!.id],
    ]);
    await database.close();
  }, 300_000);

  it("creates a municipality and its first admin from the command line", async () => {
    const dir = dataDir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PARAGRAF_DATA_DIR: dir,
      PARAGRAF_EXAMPLE: "off",
      PARAGRAF_PASSWORD: "ett-långt-lösenord-för-admin",
      LOG_LEVEL: "silent",
    };
    delete env.DATABASE_URL;
    const run = promisify(execFile);
    const paragraf = (...args: string[]) =>
      run(process.execPath, ["bin/paragraf.js", ...args], { env }).catch(
        (e: { code: number; stdout: string; stderr: string }) => e,
      ) as Promise<{ code?: number; stdout: string; stderr: string }>;
    const early = await paragraf("user", "add", "--email", "a@tyreso.example", "--name", "A");
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("npx paragraf municipality add");

    const added = await paragraf(
      "municipality",
      "add",
      "--name",
      "Tyresö kommun",
      "--slug",
      "tyreso",
      "--org-number",
      "212000-0142",
      "--host",
      "tyreso.example.se",
    );
    expect(added.stdout).toContain(
      "Kommunen Tyresö kommun (tyreso) är skapad och svarar på tyreso.example.se.",
    );
    const twice = await paragraf("municipality", "add", "--name", "Tyresö kommun", "--slug", "tyreso");
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("Kommunen tyreso finns redan.");

    const user = await paragraf(
      "user",
      "add",
      "--municipality",
      "tyreso",
      "--email",
      "a@tyreso.example",
      "--name",
      "A",
      "--installation-admin",
    );
    expect(user.stdout).toContain(
      "Kontot a@tyreso.example är skapat i Tyresö kommun med rollerna admin, installation_admin.",
    );

    const database = await boot(readConfig({ PARAGRAF_DATA_DIR: dir, PARAGRAF_EXAMPLE: "off" }, []), logger);
    const { createApp } = await import("./app/app.js");
    const app = createApp({ database, logger });
    const login = await app.request("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@tyreso.example", password: "ett-långt-lösenord-för-admin" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const list = await app.request("/api/municipalities", { headers: { cookie } });
    expect((await list.json()).data).toMatchObject([{ slug: "tyreso", host: "tyreso.example.se" }]);
    const start = await app.request("http://tyreso.example.se/");
    expect(await start.text()).toContain("Tyresö kommun – beslut som data");
    await database.close();
  }, 300_000); // three processes that each start PGlite on disk
});
