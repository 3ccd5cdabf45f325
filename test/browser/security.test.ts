import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminLogin, clickAndLoad, hasChromium, startBrowserSession } from "../support/browser.js";

/** Every console error and script failure on the page, Content-Security-Policy refusals included. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    // The browser asks for /favicon.ico on its own; Paragraf has none, and its 404 is no fault of the page.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico"))
      errors.push(`${page.url()}: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}

// The Content-Security-Policy in a real browser: the pages keep their stylesheet and script and break no rule,
// and a form on another site cannot post to Paragraf.
describe.skipIf(!hasChromium)("security in the browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
  });
  afterAll(() => session?.close());

  it("shows the pages with their stylesheet and script and no policy violation", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { reportViolation(t: string): void }).reportViolation(
          `${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });

    for (const path of [
      "/",
      "/diarium",
      "/diarium/STK-2024-1374",
      "/organ",
      "/remisser",
      "/api",
      "/logga-in",
    ]) {
      const res = await page.goto(`${session.baseUrl}${path}`);
      expect(res?.headers()["content-security-policy"], path).toContain("default-src 'self'");
      // The served stylesheet applies: the header's accent border is there.
      expect(
        await page.evaluate(() => getComputedStyle(document.querySelector("header.site")!).borderBottomWidth),
        path,
      ).toBe("3px");
    }

    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("button", { name: "Logga ut" }).waitFor();
    await page.goto(`${session.baseUrl}/sammantraden`);
    await clickAndLoad(page, page.getByRole("link", { name: "2026-01-22" }));
    await clickAndLoad(page, page.getByRole("link", { name: "Sekreterarens sida" }));
    await clickAndLoad(page, page.getByRole("link", { name: /§ 8/ }));
    // The vote form's script (/static/meetings.js) runs under the policy: it counts a ballot as it is entered.
    await page.getByRole("radio", { name: /: ja$/ }).first().check();
    await expect.poll(() => page.locator("output[data-tally]").textContent()).toMatch(/^Hittills 1 ja/);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  describe("a form on another site", () => {
    let other: Server;
    let otherUrl = "";
    beforeAll(async () => {
      // "localhost" is another site than "127.0.0.1", where Paragraf answers.
      other = createServer((_req, res) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(`<!doctype html><html lang="en"><title>Other site</title>
<form method="post" action="${session.baseUrl}/logga-in"><input name="email" value="${adminLogin.email}">
<input name="password" value="${adminLogin.password}"><input name="_csrf" value="x"><button>Send</button></form>`);
      });
      await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
      otherUrl = `http://localhost:${(other.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

    it("is refused with 403 and a Swedish message, and logs no one in", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(otherUrl);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().startsWith(`${session.baseUrl}/logga-in`)),
        page.getByRole("button", { name: "Send" }).click(),
      ]);
      expect(response.status()).toBe(403);
      await page.waitForURL(`${session.baseUrl}/logga-in`);
      expect(await page.getByText("Begäran kom från en annan webbplats").isVisible()).toBe(true);
      expect((await context.cookies()).some((c) => c.name === "paragraf_session")).toBe(false);
      await context.close();
    });
  });
});
