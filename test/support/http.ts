import { Writable } from "node:stream";
import pino from "pino";
import { type AppDeps, createApp } from "../../src/app/app.js";
import type { Database } from "../../src/db/connect.js";

/** The app for one test municipality, with its JSON log lines captured so tests can read them. */
export function testApp(database: Database, municipalitySlug: string, options: Partial<AppDeps> = {}) {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  // Behind a "proxy", so each test client can have an address of its own for the login rate limit.
  const app = createApp({ database, logger, municipalitySlug, trustProxy: true, ...options });
  return { app, logLines };
}

type App = ReturnType<typeof createApp>;

/** A visitor with a cookie jar, who can log in, read pages, post forms and call the API. */
export class Client {
  private cookies = new Map<string, string>();
  /** An address from the documentation range (RFC 5737), one per client. */
  readonly address = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
  constructor(private app: App) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The raw Set-Cookie headers of the last response, for checking cookie flags. */
  lastSetCookies: string[] = [];

  async request(
    method: string,
    path: string,
    init: {
      json?: unknown;
      form?: Record<string, string>;
      /** A multipart/form-data body (a file upload); fetch sets its content type with the boundary. */
      multipart?: FormData;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { "x-forwarded-for": this.address, ...init.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    let body: string | FormData | undefined;
    if (init.multipart) body = init.multipart;
    else if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await this.app.request(path, { method, headers, body, redirect: "manual" });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return res;
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /** The CSRF token the last page's forms carry. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const match = html.match(/name="_csrf" value="([^"]+)"/);
    if (!match) throw new Error(`No CSRF token on ${path}`);
    return match[1]!;
  }

  /** Posts a form the way a browser does, with the token from the page the form is on. */
  async postForm(pagePath: string, action: string, fields: Record<string, string>) {
    const token = await this.csrfFrom(pagePath);
    return this.request("POST", action, { form: { _csrf: token, ...fields } });
  }

  async logIn(email: string, password: string) {
    const res = await this.request("POST", "/api/session", { json: { email, password } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return res;
  }
}
