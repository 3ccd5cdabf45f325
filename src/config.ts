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
    /** A signing service over HTTP (docs/decisions/0017); Paragraf's own signing when not set. */
    signing: signingSettings(env),
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

/**
 * PARAGRAF_SIGNING_URL: the signing service minutes and reports are signed through (docs/decisions/0017), with
 * PARAGRAF_SIGNING_NAME (what signatures record and pages name), PARAGRAF_SIGNING_TOKEN (sent as a bearer token)
 * and PARAGRAF_SIGNING_TIMEOUT_MS (per request, default 5000).
 */
function signingSettings(env: NodeJS.ProcessEnv) {
  const url = env.PARAGRAF_SIGNING_URL?.trim();
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url))
    throw new Error(`PARAGRAF_SIGNING_URL must be an http or https address, not "${url}"`);
  const timeout = (env.PARAGRAF_SIGNING_TIMEOUT_MS ?? "5000").trim();
  if (!/^\d{2,6}$/.test(timeout))
    throw new Error(`PARAGRAF_SIGNING_TIMEOUT_MS must be milliseconds (10–999999), not "${timeout}"`);
  return {
    url,
    method: env.PARAGRAF_SIGNING_NAME?.trim() || "signeringstjänsten",
    timeoutMs: Number(timeout),
    token: env.PARAGRAF_SIGNING_TOKEN || undefined,
  };
}
