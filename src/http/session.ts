import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";

export const sessionCookie = "paragraf_session";
export const csrfCookie = "paragraf_csrf";

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
