import { serve } from "@hono/node-server";
import { createApp } from "./app/app.js";
import { signingProvider } from "./approval/http-signing.js";
import { BootError, boot } from "./boot.js";
import { readConfig } from "./config.js";
import { FolderInUseError } from "./db/folder-lock.js";
import { createLogger } from "./http/logger.js";
import { startJobWorker } from "./jobs/start.js";
import { defaultFileStore } from "./register/file-store.js";
import { startFileSweeper } from "./register/sweep-files.js";

// `npm start`: Paragraf on PGlite in ./data, or on DATABASE_URL, with the Malmö example on first start.
const config = readConfig();
const logger = createLogger();
const database = await boot(config, logger).catch((error) => {
  // A second Paragraf on the same PGlite folder, or settings that cannot hold: say what to do and stop, before
  // anything else starts.
  if (!(error instanceof FolderInUseError || error instanceof BootError)) throw error;
  console.error(error.message);
  process.exit(1);
});
// One signing provider per process: the app starts signatures with it and the worker collects them with it.
const signing = signingProvider(config.signing);
if (config.signing) logger.info({ service: config.signing.method }, "signing through PARAGRAF_SIGNING_URL");
const app = createApp({
  database,
  signing,
  logger,
  municipalitySlug: config.municipalitySlug,
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy,
  publicBaseUrl: config.publicBaseUrl,
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info(
    { port: info.port, database: database.kind },
    `Paragraf svarar på http://localhost:${info.port}`,
  );
});

const worker = startJobWorker(database.db, logger, process.env, signing);
const sweeper = startFileSweeper(database.db, defaultFileStore(), logger);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  server.close();
  await worker.stop();
  await sweeper.stop();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
