import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminLogin,
  clickAndLoad,
  expectAccessible,
  hasChromium,
  startBrowserSession,
} from "../support/browser.js";

// The main journeys of the organisation register, in a real browser, with axe on every page visited.
describe.skipIf(!hasChromium)("organisation register in the browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
  });
  afterAll(() => session?.close());

  it("lets a visitor go from the start page to the council and its members", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Malmö stad");
    await expectAccessible(page);

    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Organ" }).click();
    await page.waitForURL("**/organ");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Organ i Malmö stad");
    expect(await page.getByRole("heading", { name: "Nämnder" }).isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Kommunfullmäktige", exact: true }).click();
    await page.waitForURL("**/organ/kommunfullmaktige");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kommunfullmäktige");
    expect(await page.getByRole("cell", { name: "Katrin Stjernfeldt Jammeh" }).isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Fritidsnämnden" }).click();
    await page.waitForURL("**/organ/fritidsnamnden");
    await expectAccessible(page);
    await context.close();
  });

  it("lets an admin log in, be told what is wrong with a form, and create a body", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/organ`);
    await clickAndLoad(page, page.getByRole("link", { name: "Logga in" }));
    await expectAccessible(page);
    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL("**/organ");

    await clickAndLoad(page, page.getByRole("link", { name: "Nytt organ" }));
    await expectAccessible(page);
    await page.getByLabel("Namn (obligatoriskt)").fill("Valnämnden");
    await clickAndLoad(page, page.getByRole("button", { name: "Spara organet" }));
    expect(await page.getByRole("alert").textContent()).toContain("Välj vilken sorts organ det är.");
    expect(await page.getByLabel("Namn (obligatoriskt)").inputValue()).toBe("Valnämnden");
    await expectAccessible(page);

    await page.getByLabel("Typ (obligatoriskt)").selectOption({ label: "Nämnd" });
    await page.getByRole("button", { name: "Spara organet" }).click();
    await page.waitForURL("**/organ/valnamnden");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Valnämnden");
    await expectAccessible(page);
    await context.close();
  });
});
