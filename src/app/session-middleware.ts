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
    return next();
  }
  // Before login the form token is a double-submit cookie; after login it is bound to the session.
  const kept = getCookie(c, csrfCookie);
  const csrf = kept && kept.length >= 32 ? kept : newToken();
  c.set("csrfToken", csrf);
  const found = municipalitySlug
    ? await findMunicipalityBySlug(database.db, municipalitySlug)
    : await findFirstMunicipality(database.db);
  c.set("municipality", found ? { id: found.id, name: found.name, slug: found.slug } : null);
  await next();
  // The cookie goes only with a page that hands out the token in a form, never with the API or a page without one.
  if (csrf !== kept && (await handsOut(c.res, csrf)))
    setCookie(c, csrfCookie, csrf, cookieOptions(c, 60 * 60 * 12));
};

async function handsOut(res: Response, token: string): Promise<boolean> {
  if (!res.headers.get("content-type")?.startsWith("text/html") || !res.body) return false;
  return (await res.clone().text()).includes(token);
}
