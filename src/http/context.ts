import type { Logger } from "pino";
import type { Actor } from "../accounts/actor.js";
import type { Database } from "../db/connect.js";

export interface Deps {
  database: Database;
  logger: Logger;
  /** The municipality anonymous visitors see; the oldest one when not set. */
  municipalitySlug?: string;
  /** Force the Secure flag on cookies (otherwise set when the request came over HTTPS). */
  secureCookies?: boolean;
  /**
   * How many reverse proxies in front to trust for X-Forwarded-For / X-Forwarded-Proto (0 or absent: none;
   * true means 1).
   */
  trustProxy?: number | boolean;
  /** Keep anonymous visitors' public pages while the data is unchanged (src/http/page-cache.ts); default on. */
  pageCache?: boolean;
  /** The public base URL of absolute links (OParl ids, feeds, e-mails); the request's origin when not set. */
  publicBaseUrl?: string;
}

export interface MunicipalityRef {
  id: string;
  name: string;
  slug: string;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    actor: Actor | null;
    /** The signed-in user's e-mail, for the header; null when anonymous. */
    userEmail: string | null;
    csrfToken: string;
    municipality: MunicipalityRef | null;
    /** The data version an anonymous request read (src/db/data-version.ts); null for a signed-in one. */
    dataVersion: number | null;
  };
};
