import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";

export const sessionCookie = "paragraf_session";
export const csrfCookie = "paragraf_csrf";

/** How many reverse proxies in front of Paragraf are trusted (PARAGRAF_TRUST_PROXY; true means one). */
export function trustedProxies(c: Context<AppEnv>): number {
  const setting = c.get("deps").trustProxy;
  if (setting === true) return 1;
  return typeof setting === "number" && setting > 0 ? Math.floor(setting) : 0;
}

/**
 * What the farthest trusted proxy saw, from a header each proxy appends to: with n proxies, the n-th entry from
 * the right. Entries further left came from the client and anyone can write them; nothing is read when no proxy
 * is trusted.
 */
export function forwardedValue(c: Context<AppEnv>, header: string): string | undefined {
  const proxies = trustedProxies(c);
  if (proxies === 0) return undefined;
  const chain = (c.req.header(header) ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - proxies)];
}

/** The request reached Paragraf over HTTPS, directly or through a trusted proxy that says so. */
export function servedOverHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return forwardedValue(c, "x-forwarded-proto")?.toLowerCase() === "https";
}

export function isSecure(c: Context<AppEnv>): boolean {
  return c.get("deps").secureCookies === true || servedOverHttps(c);
}

/** The client's address: the socket's peer, or behind n trusted proxies the address the farthest one saw. */
export function clientAddress(c: Context<AppEnv>): string {
  const seen = forwardedValue(c, "x-forwarded-for");
  if (seen) return seen;
  try {
    return getConnInfo(c).remote.address ?? "okänd";
  } catch {
    return "okänd";
  }
}

export function cookieOptions(c: Context<AppEnv>, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: isSecure(c), maxAge: maxAgeSeconds };
}

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every write from a page carries the form's CSRF token. The JSON API accepts only application/json bodies,
 * which a cross-site form cannot send without a CORS preflight that Paragraf never grants.
 */
export const csrfMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!unsafe.has(c.req.method)) return next();
  if (c.req.path.startsWith("/api/")) {
    const type = c.req.header("content-type") ?? "";
    const hasBody = c.req.method !== "DELETE" || Number(c.req.header("content-length") ?? 0) > 0;
    if (hasBody && !type.startsWith("application/json")) throw new DomainError("unsupported_media_type");
    return next();
  }
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new DomainError("csrf_failed");
  }
  const body = await c.req.parseBody();
  if (typeof body._csrf !== "string" || body._csrf !== c.get("csrfToken"))
    throw new DomainError("csrf_failed");
  return next();
};
