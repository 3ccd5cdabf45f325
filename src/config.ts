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
    trustProxy: proxyCount(env.PARAGRAF_TRUST_PROXY),
    adminEmail: env.PARAGRAF_ADMIN_EMAIL || undefined,
    /** The public address OParl ids and feed links are made from ("https://beslut.kommun.se"); else the request's. */
    publicBaseUrl: env.PARAGRAF_PUBLIC_URL ? env.PARAGRAF_PUBLIC_URL.replace(/\/+$/, "") : undefined,
    adminPassword: env.PARAGRAF_ADMIN_PASSWORD || undefined,
  };
}
export type Config = ReturnType<typeof readConfig>;

/**
 * PARAGRAF_TRUST_PROXY: how many reverse proxies stand in front of Paragraf. Unset, "0", "false" or "off" mean
 * none; "true" means one, as it always has.
 */
function proxyCount(value: string | undefined): number {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "" || text === "false" || text === "off" || text === "no") return 0;
  if (text === "true" || text === "yes" || text === "on") return 1;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  throw new Error(
    `PARAGRAF_TRUST_PROXY must be the number of proxies in front of Paragraf (0, 1, 2 …), not "${value}"`,
  );
}
