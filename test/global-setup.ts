import { connect } from "../src/db/connect.js";
import { migrate } from "../src/db/migrate.js";

// On a PostgreSQL server (DATABASE_URL), migrate once before the workers start; PGlite tests migrate their own.
export default async function setup() {
  if (!process.env.DATABASE_URL) return;
  const database = await connect({ url: process.env.DATABASE_URL });
  await migrate(database);
  await database.close();
}
