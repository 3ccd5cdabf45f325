import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { newToken, resolveSession } from "../accounts/sessions.js";
import { DomainError } from "../domain/errors.js";
import { findFirstMunicipality, findMunicipalityBySlug } from "../organisation/queries.js";
import type { AppEnv } from "./context.js";

export const sessionCookie = "paragraf_session";
const csrfCookie = "paragraf_csrf";

export function isSecure(c: Context<AppEnv>): boolean {
  const deps = c.get("deps");
  if (deps.secureCookies) return true;
  if (deps.trustProxy && c.req.header("x-forwarded-proto") === "https") return true;
  return new URL(c.req.url).protocol === "https:";
}

export function clientAddress(c: Context<AppEnv>): string {
  if (c.get("deps").trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "okänd";
  } catch {
    return "okänd";
  }
}

export function cookieOptions(c: Context<AppEnv>, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: isSecure(c), maxAge: maxAgeSeconds };
}

/** Resolves the signed-in actor, the CSRF token for forms and the municipality the request is about. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { database, municipalitySlug } = c.get("deps");
  const token = getCookie(c, sessionCookie);
  // Reads outside a transaction: one round trip for a signed-in request, one for an anonymous one.
  const session = token ? await resolveSession(database.db, token) : null;
  c.set("actor", session?.actor ?? null);
  c.set("userEmail", session?.email ?? null);
  if (session) {
    c.set("csrfToken", session.csrfToken);
    c.set("municipality", session.municipality);
  } else {
    // Before login the form token is a double-submit cookie; after login it is bound to the session.
    let csrf = getCookie(c, csrfCookie);
    if (!csrf || csrf.length < 32) {
      csrf = newToken();
      setCookie(c, csrfCookie, csrf, cookieOptions(c, 60 * 60 * 12));
    }
    c.set("csrfToken", csrf);
    const found = municipalitySlug
      ? await findMunicipalityBySlug(database.db, municipalitySlug)
      : await findFirstMunicipality(database.db);
    c.set("municipality", found ? { id: found.id, name: found.name, slug: found.slug } : null);
  }
  await next();
};

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
