import { parseArgs } from "node:util";
import { systemActor } from "./accounts/actor.js";
import { createUser } from "./accounts/create-user.js";
import { grantInstallationAdmin } from "./accounts/installation-admin.js";
import { installationAdminRole, roles } from "./accounts/tables.js";
import { boot } from "./boot.js";
import { readConfig } from "./config.js";
import { BackupError, backup, type Manifest, restore } from "./db/backup.js";
import { FolderInUseError } from "./db/folder-lock.js";
import { inTransaction } from "./db/transaction.js";
import { DomainError } from "./domain/errors.js";
import { describeError } from "./http/errors.js";
import { createLogger } from "./http/logger.js";
import { createMunicipality, setMunicipalityHost } from "./organisation/create-municipality.js";
import { findFirstMunicipality, findMunicipalityBySlug, listMunicipalities } from "./organisation/queries.js";
import { defaultFileStore, FileStore, fileStoreLockKey } from "./register/file-store.js";
import { sweepFileStore } from "./register/sweep-files.js";

const usage = `Användning:
  paragraf municipality add --name "Namn" --slug kortnamn [--org-number 212000-0000] [--host kommun.example.se]
      Skapar en kommun; dess publika webbplats svarar på --host.
  paragraf municipality host --slug kortnamn --host kommun.example.se
      Anger (eller med --host "" tar bort) värdnamnet kommunens publika webbplats svarar på.
  paragraf municipality list
  paragraf user add --email E --name "Namn" [--role admin] [--municipality kortnamn] [--installation-admin]
      Lösenordet läses från PARAGRAF_PASSWORD eller från standard in (första raden).
      --installation-admin: kontot får också skapa kommuner och ange deras värdnamn (API:et /api/municipalities).
  paragraf migrate
  paragraf backup --to FIL|MAPP
      Säkerhetskopierar databasen och filarkivet till en tar-fil (i en mapp: paragraf-ÅÅÅÅMMDD-TTMMSS.tar).
  paragraf restore --from FIL [--replace]
      Läser tillbaka en säkerhetskopia; --replace ersätter data som redan finns.
  paragraf files sweep
      Tar bort filer som ingen registrering behöll (den körs också en gång om dygnet i servern).`;

async function readPassword(): Promise<string> {
  if (process.env.PARAGRAF_PASSWORD) return process.env.PARAGRAF_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write("Lösenord (minst 12 tecken): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function describeBackup(manifest: Manifest): string {
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  const tables = Object.keys(manifest.tables).length;
  return `${rows} rader i ${tables} tabeller och ${manifest.files} ${manifest.files === 1 ? "fil" : "filer"}`;
}

/**
 * The command line: creating municipalities and their first admins, migrating without starting the server, sweeping the file store.
 * On PGlite a command needs the data folder to itself: while the server has it open, commands stop at once with
 * a message saying what to do instead (src/db/folder-lock.ts).
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (error) {
    if (error instanceof FolderInUseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** What a person at the command line is told when a command is refused: the Swedish message, no stack. */
function commandError(error: unknown): string {
  if (error instanceof DomainError) return describeError(error).message;
  if (error && typeof error === "object" && "issues" in error)
    return (error as { issues: { message: string }[] }).issues.map((i) => i.message).join("\n");
  return (error as Error).message;
}

async function runCommand(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const config = readConfig(process.env, []);
  if (command === "migrate") {
    const database = await boot(config, logger);
    await database.close();
    console.log("Databasen är uppdaterad.");
    return 0;
  }
  if (command === "backup" || command === "restore") {
    const { values } = parseArgs({
      args: argv.slice(1),
      options: { to: { type: "string" }, from: { type: "string" }, replace: { type: "boolean" } },
    });
    const installation = {
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      fileStore: (root: string) => new FileStore(root),
      fileStoreLockKey,
    };
    try {
      if (command === "backup") {
        if (!values.to) {
          console.error(usage);
          return 2;
        }
        const { path, manifest } = await backup(installation, values.to);
        console.log(`Säkerhetskopian är skriven till ${path}: ${describeBackup(manifest)}.`);
        return 0;
      }
      if (!values.from) {
        console.error(usage);
        return 2;
      }
      const manifest = await restore(installation, values.from, { replace: values.replace });
      console.log(`Säkerhetskopian från ${manifest.createdAt} är tillbakaläst: ${describeBackup(manifest)}.`);
      return 0;
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      console.error(error.message);
      return 1;
    }
  }
  if (command === "files" && sub === "sweep") {
    const database = await boot(config, logger);
    try {
      const result = await sweepFileStore(database.db, defaultFileStore());
      if (!result) {
        console.error("Filer registreras just nu. Försök igen om en stund.");
        return 1;
      }
      const files = (n: number) => `${n} ${n === 1 ? "fil" : "filer"}`;
      console.log(
        `Borttaget: ${files(result.orphans)} som ingen registrering behöll, ${files(result.temporaries)} ` +
          `som aldrig skrevs klart. Kvar: ${files(result.kept)}.`,
      );
      return 0;
    } finally {
      await database.close();
    }
  }
  if (command === "municipality" && (sub === "add" || sub === "host" || sub === "list")) {
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: "string" },
        slug: { type: "string" },
        "org-number": { type: "string" },
        host: { type: "string" },
      },
    });
    if (sub === "add" && !values.name) {
      console.error(usage);
      return 2;
    }
    if (sub === "host" && (!values.slug || values.host === undefined)) {
      console.error(usage);
      return 2;
    }
    const database = await boot(config, logger, { ensureAdmin: false });
    try {
      if (sub === "list") {
        const all = await inTransaction(database.db, (tx) => listMunicipalities(tx));
        if (all.length === 0) console.log("Det finns ingen kommun än.");
        for (const m of all) console.log(`${m.slug}\t${m.name}\t${m.host ?? "(inget värdnamn)"}`);
        return 0;
      }
      if (sub === "host") {
        const changed = await inTransaction(database.db, async (tx) => {
          const m = await findMunicipalityBySlug(tx, values.slug!);
          if (!m) throw new Error(`Kommunen ${values.slug} finns inte. Se paragraf municipality list.`);
          return setMunicipalityHost(tx, m.id, { host: values.host || null });
        });
        console.log(
          changed.host
            ? `${changed.name} svarar nu på ${changed.host}.`
            : `${changed.name} har inget eget värdnamn längre.`,
        );
        return 0;
      }
      const created = await inTransaction(database.db, (tx) =>
        createMunicipality(tx, {
          name: values.name!,
          slug: values.slug,
          organisationNumber: values["org-number"],
          host: values.host,
        }),
      );
      console.log(
        `Kommunen ${created.name} (${created.slug}) är skapad` +
          (created.host ? ` och svarar på ${created.host}` : "") +
          `. Ge den en administratör: npx paragraf user add --municipality ${created.slug} --email E --name "Namn"`,
      );
      return 0;
    } catch (error) {
      console.error(commandError(error));
      return 1;
    } finally {
      await database.close();
    }
  }
  if (command === "user" && sub === "add") {
    const { values } = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string", multiple: true },
        municipality: { type: "string" },
        "installation-admin": { type: "boolean" },
      },
    });
    if (!values.email || !values.name) {
      console.error(usage);
      return 2;
    }
    const grants = (values.role ?? ["admin"]).map((role) => {
      if (!(roles as readonly string[]).includes(role))
        throw new Error(`Okänd roll ${role}. Roller: ${roles.join(", ")}`);
      return { role: role as (typeof roles)[number], bodyId: null };
    });
    const database = await boot(config, logger, { ensureAdmin: false });
    try {
      const password = await readPassword();
      const user = await inTransaction(database.db, async (tx) => {
        const m = values.municipality
          ? await findMunicipalityBySlug(tx, values.municipality)
          : await findFirstMunicipality(tx);
        if (!m && values.municipality)
          throw new Error(`Kommunen ${values.municipality} finns inte. Se paragraf municipality list.`);
        if (!m)
          throw new Error(
            'Det finns ingen kommun i databasen. Skapa en först: npx paragraf municipality add --name "Namn" --slug kortnamn',
          );
        const created = await createUser(tx, systemActor(m.id, "Kommandoraden"), {
          email: values.email!,
          displayName: values.name!,
          password,
          grants,
        });
        if (values["installation-admin"])
          await grantInstallationAdmin(tx, { id: created.id, municipalityId: m.id }, "Kommandoraden");
        return { ...created, municipality: m.name };
      });
      const granted = [
        ...grants.map((g) => g.role),
        ...(values["installation-admin"] ? [installationAdminRole] : []),
      ];
      console.log(
        `Kontot ${user.email} är skapat i ${user.municipality} med rollerna ${granted.join(", ")}.`,
      );
      return 0;
    } catch (error) {
      console.error(commandError(error));
      return 1;
    } finally {
      await database.close();
    }
  }
  console.error(usage);
  return 2;
}

process.exitCode = await runCli(process.argv.slice(2));
