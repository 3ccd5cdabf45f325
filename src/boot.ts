import { join } from "node:path";
import type { Logger } from "pino";
import { systemActor } from "./accounts/actor.js";
import { createUser } from "./accounts/create-user.js";
import type { Config } from "./config.js";
import { connect, type Database } from "./db/connect.js";
import { migrate } from "./db/migrate.js";
import { inTransaction } from "./db/transaction.js";
import { DomainError } from "./domain/errors.js";
import { loadExample } from "./example/load-example.js";
import { describeError } from "./http/errors.js";
import { createMunicipality } from "./organisation/create-municipality.js";
import { findFirstMunicipality, findMunicipalityBySlug } from "./organisation/queries.js";

/** Settings Paragraf cannot start with; the message says what to do. */
export class BootError extends Error {}

/**
 * Opens the configured database, migrates it, and on an empty database loads the Malmö example, or with the
 * example off creates the municipality PARAGRAF_MUNICIPALITY_NAME and PARAGRAF_MUNICIPALITY_SLUG name. Then it
 * creates the admin PARAGRAF_ADMIN_EMAIL names, unless `ensureAdmin` is false (the command line's own commands).
 */
export async function boot(
  config: Config,
  logger: Logger,
  options: { ensureAdmin?: boolean } = {},
): Promise<Database> {
  const database = await connect({ url: config.databaseUrl, dataDir: join(config.dataDir, "pglite") });
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ applied }, "migrations applied");
    await database.exclusive(async () => {
      const empty = !(await inTransaction(database.db, (tx) => findFirstMunicipality(tx)));
      if (empty && config.loadExample) {
        await inTransaction(database.db, (tx) => loadExample(tx));
        logger.info("Malmö example loaded");
      } else if (empty && config.newMunicipality) {
        await inTransaction(database.db, (tx) => createMunicipality(tx, config.newMunicipality!));
        logger.info({ slug: config.newMunicipality.slug }, "municipality created");
      }
    });
    if ((options.ensureAdmin ?? true) && (config.adminEmail || config.adminPassword))
      await ensureAdmin(database, config, logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

const createCommand = 'npx paragraf municipality add --name "Kommunens namn" --slug kortnamn';

/**
 * Creates the first admin from PARAGRAF_ADMIN_EMAIL and PARAGRAF_ADMIN_PASSWORD when no such account exists.
 * Never silently: without a municipality to put the account in, Paragraf stops and says which command to run.
 */
async function ensureAdmin(database: Database, config: Config, logger: Logger) {
  if (!config.adminEmail || !config.adminPassword)
    throw new BootError(
      "PARAGRAF_ADMIN_EMAIL och PARAGRAF_ADMIN_PASSWORD måste anges tillsammans. Ange båda, eller ingen av dem.",
    );
  await inTransaction(database.db, async (tx) => {
    const m = config.municipalitySlug
      ? await findMunicipalityBySlug(tx, config.municipalitySlug)
      : await findFirstMunicipality(tx);
    if (!m && config.municipalitySlug)
      throw new BootError(
        `Kommunen ${config.municipalitySlug} (PARAGRAF_MUNICIPALITY) finns inte, så administratören ` +
          `${config.adminEmail} kan inte skapas. Skapa kommunen först: ${createCommand}`,
      );
    if (!m)
      throw new BootError(
        `Databasen har ingen kommun, så administratören ${config.adminEmail} (PARAGRAF_ADMIN_EMAIL) kan inte ` +
          `skapas. Skapa kommunen först: ${createCommand}, eller ange PARAGRAF_MUNICIPALITY_NAME och ` +
          "PARAGRAF_MUNICIPALITY_SLUG så skapar Paragraf den vid start.",
      );
    const exists = await tx.query.appUser.findFirst({
      where: (u, { sql }) => sql`lower(${u.email}) = lower(${config.adminEmail})`,
    });
    if (exists) return;
    try {
      await createUser(tx, systemActor(m.id, "Paragraf (start)"), {
        email: config.adminEmail!,
        displayName: "Administratör",
        password: config.adminPassword!,
        grants: [{ role: "admin", bodyId: null }],
      });
    } catch (error) {
      if (error instanceof DomainError)
        throw new BootError(`PARAGRAF_ADMIN_EMAIL: ${describeError(error).message}`);
      if (error && typeof error === "object" && "issues" in error)
        throw new BootError(
          `PARAGRAF_ADMIN_EMAIL/PARAGRAF_ADMIN_PASSWORD: ${(error as { issues: { message: string }[] }).issues.map((i) => i.message).join(" ")}`,
        );
      throw error;
    }
    logger.info({ email: config.adminEmail }, "admin account created");
  });
}
