import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { isDateOutOfRange } from "../domain/dates-range.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "./context.js";

// Input no capability should ever see. Runs before the session is resolved and before any route parses a body,
// so an anonymous request is bounded and checked as strictly as a signed-in one, and what reaches a schema or
// the database is text PostgreSQL can store: no NUL (PostgreSQL's text cannot hold one), no half of a UTF-16
// surrogate pair (it has no UTF-8 form), no percent-encoding that does not decode, no date outside the range in
// src/domain/dates-range.ts.

/** How large a request body may be, in bytes. */
export interface BodyLimits {
  /** JSON and form bodies (PARAGRAF_MAX_JSON_KB, default 1024). */
  body: number;
  /** A multipart form that carries a file (PARAGRAF_MAX_FILE_MB, default 25, plus room for the other fields). */
  upload: number;
  /** A JSON body that carries a file in base64, which is 4/3 of the file's size. */
  uploadJson: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The limits from the environment (README, "Configuration"). */
export function bodyLimits(env: NodeJS.ProcessEnv = process.env): BodyLimits {
  const body = Math.floor(positive(env.PARAGRAF_MAX_JSON_KB, 1024) * 1024);
  const file = Math.floor(positive(env.PARAGRAF_MAX_FILE_MB, 25) * 1024 * 1024);
  return { body, upload: file + body, uploadJson: Math.ceil((file * 4) / 3) + body };
}

/**
 * The routes that take files. Only these get the upload limit; every other body, signed in or not, is held to
 * the JSON and form limit. A route that takes files and is missing here answers 413 to any real file, which
 * test/fuzz/api.test.ts and test/fuzz/pages.test.ts check against the OpenAPI document and the forms it crawls.
 */
export const uploadRoutes = [
  "/api/records",
  "/api/records/:id/files",
  "/diarium/:number/handlingar/ny",
  // The reserves' import takes a CSV or XLSX file (itself capped at 1 MB), in base64 or as a form's upload.
  "/api/reserves/import",
  "/uppfoljning/inlasning",
  // An official report's images (PNG or JPEG, at most 5 MB).
  "/api/reports/:id/images",
  "/tjansteskrivelser/:id/bilder",
];

const uploadPatterns = uploadRoutes.map(
  (route) => new RegExp(`^${route.replace(/:[a-z]+/gi, "[^/]+").replaceAll(".", "\\.")}/?$`),
);

/** Whether a path is one of the routes that take files. */
export function takesFiles(path: string): boolean {
  return uploadPatterns.some((pattern) => pattern.test(path));
}

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

/**
 * Refuses a body larger than its limit with 413, before anything reads it into memory. A declared
 * Content-Length over the limit is refused without reading a byte; a body without one (chunked) is read only
 * until it passes the limit.
 */
export function limitBodies(limits: BodyLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.req.raw.body) return next();
    const upload = takesFiles(c.req.path);
    const type = mediaType(c);
    const maxSize = !upload
      ? limits.body
      : type === "multipart/form-data"
        ? limits.upload
        : limits.uploadJson;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new DomainError("request_too_large", { limit: sizeText(maxSize) });
      },
    })(c, next);
  };
}

// Without the u flag a regular expression sees UTF-16 code units, so it finds a surrogate without its partner.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a NUL or an unpaired UTF-16 surrogate, neither of which PostgreSQL can store. */
export function hasForbiddenCharacter(text: string): boolean {
  return text.includes("\u0000") || loneSurrogate.test(text);
}

function isHostileText(text: string): boolean {
  return hasForbiddenCharacter(text) || isDateOutOfRange(text);
}

function checkText(text: string, field: string) {
  if (hasForbiddenCharacter(text)) throw new DomainError("forbidden_character", {}, field);
  if (isDateOutOfRange(text)) throw new DomainError("date_out_of_range", {}, field);
}

// Where a value sits in a JSON body, as a chain to its parent: the field's name is spelled out only when needed.
type Place = { key: string; parent: Place } | null;

function fieldName(place: Place): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.unshift(p.key);
  return keys.join(".") || "_";
}

/**
 * Checks every key and string in a parsed JSON value, naming the field the way validation errors do. Walks with
 * a list rather than recursion: a body within the limit can nest a hundred thousand arrays deep.
 */
function checkValue(root: unknown) {
  const pending: [unknown, Place][] = [[root, null]];
  while (pending.length > 0) {
    const [value, place] = pending.pop()!;
    if (typeof value === "string") {
      if (isHostileText(value)) checkText(value, fieldName(place));
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++)
        pending.push([value[index], { key: String(index), parent: place }]);
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (isHostileText(key)) checkText(key, fieldName(place));
        pending.push([item, { key, parent: place }]);
      }
    }
  }
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    throw new DomainError("malformed_address");
  }
}

/** The path's segments and the query's names and values, decoded, from the URL as it came. */
function checkAddress(url: string) {
  const afterScheme = url.indexOf("/", url.indexOf("://") + 3);
  const hash = url.indexOf("#");
  const target = url.slice(afterScheme === -1 ? url.length : afterScheme, hash === -1 ? undefined : hash);
  const queryStart = target.indexOf("?");
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  for (const segment of path.split("/")) checkText(decode(segment), "_");
  if (queryStart === -1) return;
  for (const pair of target.slice(queryStart + 1).split("&")) {
    const [name = "", ...rest] = pair.split("=");
    const key = decode(name.replaceAll("+", " "));
    checkText(key, "_");
    checkText(decode(rest.join("=").replaceAll("+", " ")), key);
  }
}

/** Cookie values are percent-decoded before use (hono/cookie), and the session token goes to the database. */
function checkCookies(header: string | undefined) {
  if (!header) return;
  for (const part of header.split(";")) {
    const value = part.slice(part.indexOf("=") + 1).trim();
    if (value.includes("%")) checkText(decode(value), "_");
  }
}

async function checkBody(c: Context<AppEnv>) {
  const type = mediaType(c);
  if (type === "application/json" || type.endsWith("+json")) {
    const text = await c.req.text();
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new DomainError("unreadable_body");
    }
    checkValue(value);
  } else if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") {
    let form: Record<string, string | File | (string | File)[]>;
    try {
      // Parsed once here and kept by Hono, so the CSRF check and the page read the same form.
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new DomainError("unreadable_body");
    }
    for (const [key, entry] of Object.entries(form)) {
      checkText(key, "_");
      for (const item of Array.isArray(entry) ? entry : [entry]) {
        // A file's content is bytes and may hold anything; its name becomes text.
        checkText(typeof item === "string" ? item : item.name, key);
      }
    }
  }
}

/**
 * Refuses, with 400 and a Swedish message, a request whose path, query, cookies or body hold a NUL, an unpaired
 * surrogate or an out-of-range date, or whose percent-encoding or JSON or form data cannot be read.
 */
export const refuseHostileInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  checkAddress(c.req.url);
  checkCookies(c.req.header("cookie"));
  if (c.req.raw.body) await checkBody(c);
  return next();
};
