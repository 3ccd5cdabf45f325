import { join } from "node:path";
import type { Logger } from "pino";
import { systemActor } from "./accounts/actor.js";
import { createUser } from "./accounts/create-user.js";
import type { Config } from "./config.js";
import { connect, type Database } from "./db/connect.js";
import { migrate } from "./db/migrate.js";
import { inTransaction } from "./db/transaction.js";
import { loadExample } from "./example/load-example.js";
import { findFirstMunicipality, findMunicipalityBySlug } from "./organisation/queries.js";

/** Opens the configured database, migrates it, and on an empty database loads the Malmö example. */
export async function boot(config: Config, logger: Logger): Promise<Database> {
  const database = await connect({ url: config.databaseUrl, dataDir: join(config.dataDir, "pglite") });
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  await database.exclusive(async () => {
    const empty = !(await inTransaction(database.db, (tx) => findFirstMunicipality(tx)));
    if (empty && config.loadExample) {
      await inTransaction(database.db, (tx) => loadExample(tx));
      logger.info("Malmö example loaded");
    }
  });
  if (config.adminEmail && config.adminPassword) await ensureAdmin(database, config, logger);
  return database;
}

/** Creates the first admin from PARAGRAF_ADMIN_EMAIL and PARAGRAF_ADMIN_PASSWORD when no such account exists. */
async function ensureAdmin(database: Database, config: Config, logger: Logger) {
  await inTransaction(database.db, async (tx) => {
    const m = config.municipalitySlug
      ? await findMunicipalityBySlug(tx, config.municipalitySlug)
      : await findFirstMunicipality(tx);
    if (!m) return;
    const exists = await tx.query.appUser.findFirst({
      where: (u, { sql }) => sql`lower(${u.email}) = lower(${config.adminEmail})`,
    });
    if (exists) return;
    await createUser(tx, systemActor(m.id, "Paragraf (start)"), {
      email: config.adminEmail!,
      displayName: "Administratör",
      password: config.adminPassword!,
      grants: [{ role: "admin", bodyId: null }],
    });
    logger.info({ email: config.adminEmail }, "admin account created");
  });
}
