import type { Context, MiddlewareHandler } from "hono";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";
import { defineErrors } from "./errors.js";
import { trustedProxies } from "./session.js";

defineErrors({
  cross_site_request: {
    status: 403,
    text: () => "Begäran kom från en annan webbplats och togs inte emot. Gör ändringen här i Paragraf.",
  },
});

const unsafe = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host the browser addressed: the Host header, or behind a trusted proxy the one it forwarded. */
function requestHost(c: Context<AppEnv>): string {
  const forwardedHost =
    trustedProxies(c) > 0 ? c.req.header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return (forwardedHost || c.req.header("host") || new URL(c.req.url).host).toLowerCase();
}

/**
 * A second line behind the CSRF token: a browser says where a request comes from, and a write from another site
 * is refused before anything reads its body. Sec-Fetch-Site is the browser's own verdict and does not depend on
 * how proxies rewrite Host; without it, Origin must name this host. A request with neither (curl, an API client,
 * an old browser) goes on to the token and login checks as before.
 */
export const crossSiteGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!unsafe.has(c.req.method)) return next();
  const site = c.req.header("sec-fetch-site")?.toLowerCase();
  if (site) {
    // "none" is the person's own action (typed address, bookmark); "same-site" is another origin on a sibling
    // domain and is refused like any other site.
    if (site !== "same-origin" && site !== "none") throw new DomainError("cross_site_request");
    return next();
  }
  const origin = c.req.header("origin");
  if (origin === undefined) return next();
  let host: string | undefined;
  try {
    host = origin === "null" ? undefined : new URL(origin).host.toLowerCase();
  } catch {
    host = undefined;
  }
  if (host !== requestHost(c)) throw new DomainError("cross_site_request");
  return next();
};
