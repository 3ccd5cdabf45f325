import type { Context, MiddlewareHandler } from "hono";
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

const headers = (c: Context<AppEnv>): [string, string][] => [
  ["Content-Security-Policy", contentSecurityPolicy],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["X-Frame-Options", "DENY"],
  // Only over HTTPS: a browser ignores HSTS over plain HTTP, and a local test installation has no certificate.
  ...(servedOverHttps(c) ? [["Strict-Transport-Security", "max-age=31536000"] as [string, string]] : []),
];

/**
 * Headers every response carries, error pages and API answers included. They are set before the handler runs,
 * so that `c.html`/`c.json` build the response with them. Setting a header on a response already built makes Hono
 * copy it (`new Response(body, res)`), which turns a page's string body into a stream: 1.8 % of the server's CPU on
 * a paragraph page under load, and the slower streaming path of @hono/node-server. After the handler, only a
 * response made without them (a `new Response` of its own) gets them, as before.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const all = headers(c);
  for (const [name, value] of all) c.header(name, value);
  await next();
  for (const [name, value] of all) if (c.res.headers.get(name) !== value) c.header(name, value);
};
