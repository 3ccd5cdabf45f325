import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminLogin,
  clickAndLoad,
  expectAccessible,
  hasChromium,
  startBrowserSession,
} from "../support/browser.js";

// The meeting pages in a real browser, with axe on every page visited.
describe.skipIf(!hasChromium)("meeting pages in a browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  let base = "";
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
    base = session.baseUrl;
  });
  afterAll(() => session?.close());

  it("show KF 2026 § 8, the minutes and the meeting without accessibility violations", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/protokoll/kommunfullmaktige/2026/8`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "§ 8 Återrapportering kring kraftsamlande insatser",
    );
    expect(await page.getByRole("heading", { name: "Bilaga 12" }).count()).toBe(1);
    await expectAccessible(page);

    await clickAndLoad(page, page.getByRole("link", { name: "Hela protokollet" }));
    expect(await page.getByRole("heading", { name: "Närvarande" }).count()).toBe(1);
    await expectAccessible(page);

    await page.goto(`${base}/sammantraden`);
    await expectAccessible(page);
    await clickAndLoad(page, page.getByRole("link", { name: "2026-01-22" }));
    expect(await page.getByRole("table", { name: "Beslutsplanering" }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });

  it("let a secretary reach the live-meeting pages, which pass axe too", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/logga-in`);
    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await clickAndLoad(page, page.getByRole("button", { name: "Logga in" }));
    await page.goto(`${base}/sammantraden`);
    await clickAndLoad(page, page.getByRole("link", { name: "2026-01-22" }));
    await clickAndLoad(page, page.getByRole("link", { name: "Sekreterarens sida" }));
    expect(await page.getByRole("heading", { name: "Närvaro" }).count()).toBe(1);
    await expectAccessible(page);
    await clickAndLoad(page, page.getByRole("link", { name: /§ 8/ }));
    expect(await page.getByRole("heading", { name: "Omröstning" }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });
});
