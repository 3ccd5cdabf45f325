import { resolve } from "node:path";

/** Paragraf's settings, all from the environment (README lists them). */
export function readConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)) {
  const exampleOff =
    argv.includes("--no-example") || /^(0|off|false|no|nej)$/i.test(env.PARAGRAF_EXAMPLE ?? "");
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    dataDir: resolve(env.PARAGRAF_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    loadExample: !exampleOff,
    municipalitySlug: env.PARAGRAF_MUNICIPALITY || undefined,
    /** With the example off: the municipality to create at start when the database has none. */
    newMunicipality:
      env.PARAGRAF_MUNICIPALITY_NAME && env.PARAGRAF_MUNICIPALITY_SLUG
        ? { name: env.PARAGRAF_MUNICIPALITY_NAME, slug: env.PARAGRAF_MUNICIPALITY_SLUG }
        : undefined,
    secureCookies: env.PARAGRAF_SECURE_COOKIES === "1" || env.PARAGRAF_SECURE_COOKIES === "true",
    trustProxy: env.PARAGRAF_TRUST_PROXY === "1" || env.PARAGRAF_TRUST_PROXY === "true",
    adminEmail: env.PARAGRAF_ADMIN_EMAIL || undefined,
    adminPassword: env.PARAGRAF_ADMIN_PASSWORD || undefined,
  };
}
export type Config = ReturnType<typeof readConfig>;
