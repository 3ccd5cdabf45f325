import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminLogin,
  clickAndLoad,
  expectAccessible,
  hasChromium,
  startBrowserSession,
} from "../support/browser.js";

// The Malmö case as a visitor follows it — diarium, consultation, assignments — and a registrar's first
// registration, in a real browser with axe on every page.
describe.skipIf(!hasChromium)("the Malmö case in the browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
  });
  afterAll(() => session?.close());

  it("leads a visitor from the start page through the diarium, the consultation and the assignments", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/`);
    await page.getByRole("link", { name: "Ärende STK-2024-1374" }).click();
    await page.waitForURL("**/diarium/STK-2024-1374");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(
      "Återrapportering kring kraftsamlande insatser",
    );
    expect(await page.getByText("Tekniska nämnden beslut 250527 § 125").first().isVisible()).toBe(true);
    await expectAccessible(page);

    await clickAndLoad(
      page,
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Diarium" }),
    );
    await page.getByLabel("Sökord eller diarienummer").fill("STK-2024-13");
    await page.getByLabel("Sökord eller diarienummer").press("Enter");
    await page.waitForURL("**/diarium?**");
    expect(
      await page
        .getByRole("link", { name: /STK-2024-1374/ })
        .first()
        .isVisible(),
    ).toBe(true);
    await expectAccessible(page);

    await clickAndLoad(
      page,
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Remisser" }),
    );
    await expectAccessible(page);
    await clickAndLoad(
      page,
      page
        .getByRole("link", { name: "Stadskontorets förslag på organisering för kraftsamlande insatser" })
        .first(),
    );
    expect(await page.getByText("13 instanser, 13 har svarat").isVisible()).toBe(true);
    await expectAccessible(page);
    await clickAndLoad(page, page.getByRole("link", { name: "Sammanställning per fråga" }));
    await expectAccessible(page);

    await clickAndLoad(
      page,
      page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Uppdrag" }),
    );
    await expectAccessible(page);
    await clickAndLoad(
      page,
      page.getByRole("link", { name: "Årlig lista: fullmäktiges ej slutförda uppdrag" }),
    );
    await expectAccessible(page);
    await context.close();
  });

  it("lets a registrar register a case and shows its number", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/logga-in?tillbaka=%2Fdiarium%2Fny`);
    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL("**/diarium/ny");
    await expectAccessible(page);

    await clickAndLoad(page, page.getByRole("button", { name: "Registrera" }));
    expect(await page.getByRole("alert").textContent()).toContain("Ärendemening");
    await expectAccessible(page);

    await page.getByLabel(/Nummerserie/).selectOption({ index: 1 });
    await page.getByLabel(/Ärendemening/).fill("Medborgarförslag om fler parkbänkar i Pildammsparken");
    await page.getByLabel("Datum (obligatoriskt)", { exact: true }).fill("2026-11-27");
    await page.getByRole("button", { name: "Registrera" }).click();
    await page.waitForURL("**/diarium/STK-2026-*");
    expect(await page.getByText(/Registrerat med nummer STK-2026-\d+\./).isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });
});
