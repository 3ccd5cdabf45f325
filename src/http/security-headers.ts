import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context.js";
import { servedOverHttps } from "./session.js";

/**
 * Paragraf's pages load their script and stylesheet from this site (/static/…) and have no inline script or
 * style, so the policy needs neither 'unsafe-inline' nor a nonce. Forms post only here; no page may frame them.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every response carries, error pages and API answers included. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header("Content-Security-Policy", contentSecurityPolicy);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "same-origin");
  c.header("X-Frame-Options", "DENY");
  // Only over HTTPS: a browser ignores HSTS over plain HTTP, and a local test installation has no certificate.
  if (servedOverHttps(c)) c.header("Strict-Transport-Security", "max-age=31536000");
};
