import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "../http/context.js";

/** The public base URL of absolute links: the configured one, else the request's own origin. */
export function publicBase(c: Context<AppEnv>): string {
  return c.get("deps").publicBaseUrl ?? new URL(c.req.url).origin;
}

/** An open-data answer: JSON or text with an ETag from its bytes and Last-Modified, or 304 when unchanged. */
export function conditional(
  c: Context<AppEnv>,
  body: string,
  contentType: string,
  lastModified: Date | null,
  extra: Record<string, string> = {},
) {
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    ETag: etag,
    "Cache-Control": "public, max-age=60",
    "Access-Control-Allow-Origin": "*",
    ...extra,
  };
  // Last-Modified has whole seconds; the newest change is rounded down to the second it happened in.
  const stamp = lastModified ? new Date(Math.floor(lastModified.getTime() / 1000) * 1000) : null;
  if (stamp) headers["Last-Modified"] = stamp.toUTCString();
  const ifNoneMatch = c.req.header("if-none-match");
  const ifModifiedSince = c.req.header("if-modified-since");
  const unchanged = ifNoneMatch
    ? ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*")
    : !!(stamp && ifModifiedSince && Date.parse(ifModifiedSince) >= stamp.getTime());
  if (unchanged) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

/** The newest `modified` of a set of objects, for Last-Modified. */
export function newest(objects: readonly { modified?: unknown }[]): Date | null {
  let max = 0;
  for (const o of objects) {
    const t = typeof o.modified === "string" ? Date.parse(o.modified) : Number.NaN;
    if (t > max) max = t;
  }
  return max > 0 ? new Date(max) : null;
}
