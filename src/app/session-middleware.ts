import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { newToken, resolveSession } from "../accounts/sessions.js";
import type { AppEnv } from "../http/context.js";
import { cookieOptions, csrfCookie, sessionCookie } from "../http/session.js";
import { findFirstMunicipality, findMunicipalityBySlug } from "../organisation/queries.js";

// The assembly's part of a session: who is signed in and which municipality the request is about. It lives here,
// not in the kit (src/http), because it reads accounts and the organisation register.

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
