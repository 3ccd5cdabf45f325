import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/accounts/actor.js";
import { inTransaction } from "../../src/db/transaction.js";
import { reopenCase } from "../../src/register/reopen-case.js";
import { officialReport } from "../../src/reports/tables.js";
import { adminLogin, expectAccessible, hasChromium, startBrowserSession } from "../support/browser.js";

// Issue 13: a case officer writes a new version of the Malmö official report and adds an image with its
// alternative text, then takes it out again, in a real browser with axe on every page.
describe.skipIf(!hasChromium)("the official report in the browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
    // The example dispatches KF § 8 and closes STK-2024-1374; a report is written in an open case.
    await inTransaction(session.database.db, async (tx) => {
      const [r] = await tx.select().from(officialReport);
      await reopenCase(tx, systemActor(r!.municipalityId), r!.caseId);
    });
  }, 180_000);
  afterAll(() => session?.close());

  it("writes a new version, adds an image with alternative text (refusing one without) and takes it out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.baseUrl}/logga-in?tillbaka=%2Fdiarium%2FSTK-2024-1374%2Ftjansteskrivelser`);
    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.waitForURL("**/diarium/STK-2024-1374/tjansteskrivelser");
    await page.getByRole("link", { name: "Återrapportering kring kraftsamlande insatser" }).click();
    await page.waitForURL("**/tjansteskrivelser/*");
    expect(await page.getByText("Skriv en ny version för att lägga till bilder.").isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Skriv en ny version" }).click();
    await page.waitForURL("**/ny-version");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Spara ny version" }).click();
    await page.getByRole("heading", { name: "Lägg till en bild" }).waitFor();
    await expectAccessible(page);

    const chart = fileURLToPath(new URL("../support/images/staplar.png", import.meta.url));
    await page.getByLabel("Avsnitt").selectOption({ label: "Stadskontorets bedömning" });
    await page.getByLabel("Bild", { exact: true }).setInputFiles(chart);
    await page.getByRole("button", { name: "Lägg till bilden" }).click();
    await page.getByText("Skriv en alternativtext som beskriver bilden").first().waitFor();
    await expectAccessible(page);

    await page.getByLabel("Alternativtext").fill("Stapeldiagram: tre staplar som växer");
    await page.getByLabel("Bild", { exact: true }).setInputFiles(chart);
    await page.getByRole("button", { name: "Lägg till bilden" }).click();
    await page.getByRole("img", { name: "Stapeldiagram: tre staplar som växer" }).waitFor();
    await expectAccessible(page);

    // Taken out of the draft again: the list of the draft's images goes with it.
    await page.getByRole("button", { name: "Ta bort bilden" }).click();
    await page.getByRole("heading", { name: "Lägg till en bild" }).waitFor();
    await page.getByRole("heading", { name: "Bilder i utkastet" }).waitFor({ state: "detached" });
    expect(await page.getByRole("img", { name: "Stapeldiagram: tre staplar som växer" }).count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });
});
