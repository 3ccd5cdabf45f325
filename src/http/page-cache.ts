import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { LRUCache } from "lru-cache";
import { todayInStockholm } from "../domain/clock.js";
import type { AppEnv } from "./context.js";

// Public pages are read far more often than the data behind them changes. An anonymous visitor's page depends only
// on the data, the address, the host and the day, so the bytes rendered once are served again until the data
// version (src/db/data-version.ts) moves on. Signed-in readers are never served from here: what they may see
// depends on who they are (docs/decisions/0016-page-cache-and-data-version.md).

interface Kept {
  body: Uint8Array;
  /** The response's own headers (type, ETag, Last-Modified, disposition …), not those every response gets. */
  headers: [string, string][];
  etag: string;
}

/** Headers of a kept response that belong to the one request that made it. */
const perRequest = new Set([
  "x-request-id",
  "content-length",
  "set-cookie",
  // Set on every response by src/http/security-headers.ts, HSTS by how this request came.
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "strict-transport-security",
]);

export interface PageCacheOptions {
  /** Address prefixes whose anonymous GET pages may be kept; "/" alone means the start page only. */
  prefixes: readonly string[];
  /** Most bytes kept in all (default 64 MiB); the least recently used pages go first. */
  maxBytes?: number;
}

/** Whether PARAGRAF_PAGE_CACHE turns the cache off ("0", "off", "false"). */
export function pageCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !["0", "off", "false"].includes((env.PARAGRAF_PAGE_CACHE ?? "").toLowerCase());
}

/** The Stockholm day, worked out at most once a second: a page kept just before midnight lives a second more. */
let day = { at: 0, value: "" };
function today(): string {
  const now = Date.now();
  if (now - day.at >= 1000) day = { at: now, value: todayInStockholm(new Date(now)) };
  return day.value;
}

function covered(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`)));
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/** A conditional request the kept page satisfies: its ETag, or (without If-None-Match) its Last-Modified. */
function notModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  kept: Kept,
): boolean {
  if (ifNoneMatch) return matches(ifNoneMatch, kept.etag);
  const lastModified = kept.headers.find(([name]) => name.toLowerCase() === "last-modified")?.[1];
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

/**
 * Keeps the pages an anonymous reader gets, by municipality, host, day, data version and address (with its query
 * and the Accept header), and answers a matching If-None-Match with 304. Must run after the session middleware,
 * which sets the actor, the municipality and the data version.
 */
export function pageCache(options: PageCacheOptions): MiddlewareHandler<AppEnv> {
  const kept = new LRUCache<string, Kept>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (k) => k.body.byteLength + 200,
  });
  let keptVersion = -1;
  return async (c, next) => {
    const version = c.get("dataVersion");
    if (
      c.req.method !== "GET" ||
      version === null ||
      c.get("actor") ||
      !covered(c.req.path, options.prefixes)
    )
      return next();
    // Entries of an older version can never be served again: drop them at once rather than wait for eviction.
    if (version !== keptVersion) {
      kept.clear();
      keptVersion = version;
    }
    const url = new URL(c.req.url);
    const key = [
      c.get("municipality")?.id ?? "-",
      url.host,
      today(),
      url.pathname + url.search,
      c.req.header("accept") ?? "",
    ].join("\n");
    const hit = kept.get(key);
    if (hit) {
      // A kept page holds no form token, so the session need not look for one in it.
      c.set("csrfToken", "");
      for (const [name, value] of hit.headers) c.header(name, value);
      if (notModified(c.req.header("if-none-match"), c.req.header("if-modified-since"), hit))
        return c.body(null, 304);
      return c.body(hit.body as Uint8Array<ArrayBuffer>, 200);
    }
    await next();
    const res = c.res;
    const contentType = res.headers.get("content-type") ?? "";
    if (
      res.status !== 200 ||
      res.headers.has("set-cookie") ||
      /no-store|private/.test(res.headers.get("cache-control") ?? "") ||
      !/^(text\/html|application\/(json|ld\+json|atom\+xml)|text\/(calendar|csv|plain))/.test(contentType)
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    const etag =
      res.headers.get("etag") ?? `"v${version}-${createHash("sha1").update(body).digest("base64url")}"`;
    c.res = new Response(body, { status: 200, headers: res.headers });
    c.res.headers.set("ETag", etag);
    // A page that hands out this visitor's form token is theirs alone.
    if (new TextDecoder().decode(body).includes(c.get("csrfToken"))) return;
    c.set("csrfToken", "");
    const headers = [...c.res.headers].filter(([name]) => !perRequest.has(name.toLowerCase()));
    kept.set(key, { body, headers, etag });
    if (matches(c.req.header("if-none-match"), etag))
      c.res = new Response(null, { status: 304, headers: c.res.headers });
  };
}
