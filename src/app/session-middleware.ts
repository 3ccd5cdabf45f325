import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { resolveApiToken } from "../accounts/api-tokens.js";
import { newToken, resolveSession } from "../accounts/sessions.js";
import { DomainError } from "../domain/errors.js";
import { hostName } from "../domain/host.js";
import type { AppEnv } from "../http/context.js";
import { cookieOptions, csrfCookie, forwardedValue, sessionCookie } from "../http/session.js";
import { readVisitorContext } from "../organisation/queries.js";

// The assembly's part of a session: who is signed in and which municipality the request is about. It lives here,
// not in the kit (src/http), because it reads accounts and the organisation register.

/**
 * Resolves the actor, the CSRF token for forms and the municipality the request is about. An API request with
 * `Authorization: Bearer` acts as that API key, in the key's municipality; a cookie session acts as its user, in
 * the user's municipality; an anonymous visitor reads the municipality at the request's host name, or the
 * installation's default (PARAGRAF_MUNICIPALITY) at any other host.
 */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { database, municipalitySlug } = c.get("deps");
  const authorization = c.req.header("authorization");
  if (authorization !== undefined && c.req.path.startsWith("/api/")) {
    // A key that does not hold stops the request here (401), whatever it asked for: nothing is read or written.
    const [scheme, key, ...more] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== "bearer" || !key || more.length > 0)
      throw new DomainError("token_malformed");
    const session = await resolveApiToken(database.db, key);
    c.set("actor", session.actor);
    c.set("userEmail", null);
    c.set("municipality", session.municipality);
    // A bearer request carries no cookie a browser would add on its own, so it needs no form token: the key in
    // the header is proof enough that the caller meant it. The API's JSON-only rule still applies.
    c.set("csrfToken", "");
    c.set("dataVersion", null);
    return next();
  }
  const token = getCookie(c, sessionCookie);
  // Reads outside a transaction: one round trip for a signed-in request, one for an anonymous one.
  const session = token ? await resolveSession(database.db, token) : null;
  c.set("actor", session?.actor ?? null);
  c.set("userEmail", session?.email ?? null);
  if (session) {
    c.set("csrfToken", session.csrfToken);
    c.set("municipality", session.municipality);
    c.set("dataVersion", null);
    return next();
  }
  // Before login the form token is a double-submit cookie; after login it is bound to the session.
  const kept = getCookie(c, csrfCookie);
  const csrf = kept && kept.length >= 32 ? kept : newToken();
  c.set("csrfToken", csrf);
  const host = hostName(
    forwardedValue(c, "x-forwarded-host") ?? c.req.header("host") ?? new URL(c.req.url).host,
  );
  // One statement: the data version the page cache keys by, and the municipality at this host.
  const visitor = await readVisitorContext(database.db, host, municipalitySlug);
  c.set("dataVersion", visitor.version);
  c.set("municipality", visitor.municipality);
  await next();
  // The cookie goes only with a page that hands out the token in a form, never with the API or a page without one.
  // A handler that knows its page has no form (the page cache: a kept page never has) clears the token.
  const handed = c.get("csrfToken");
  if (handed && handed !== kept && (await handsOut(c.res, handed)))
    setCookie(c, csrfCookie, handed, cookieOptions(c, 60 * 60 * 12));
};

async function handsOut(res: Response, token: string): Promise<boolean> {
  if (!res.headers.get("content-type")?.startsWith("text/html") || !res.body) return false;
  return (await res.clone().text()).includes(token);
}
