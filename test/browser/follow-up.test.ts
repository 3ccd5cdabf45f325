import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { area } from "../../src/areas/tables.js";
import { adminLogin, expectAccessible, hasChromium, startBrowserSession } from "../support/browser.js";

// Issue 14: the follow-up of the Malmö reserve in a real browser — dashboard, reserve and intervention, reducing a
// grant, the follow-up calendar, a question round and an import with a bad row — with axe on every page.
const reserveName = "Kommunstyrelsens reserv för kraftsamlande insatser 2026";
const interventionName = "Avrop: lovfritid och fritidsledare i Söder och Öster";

/** "10 000 000 kr" (with no-break spaces) as öre. */
const ore = (text: string) => Math.round(Number(text.replace(/[^\d,]/g, "").replace(",", ".")) * 100);

describe.skipIf(!hasChromium)("the follow-up of reserves in the browser", () => {
  let session: Awaited<ReturnType<typeof startBrowserSession>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    session = await startBrowserSession();
    browser = session.browser;
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${session.baseUrl}/logga-in?tillbaka=%2Fuppfoljning`);
    await page.getByLabel("E-postadress").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await page.getByLabel("Lösenord").press("Enter");
    await page.getByRole("heading", { name: "Uppföljning av reserver och insatser" }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  /** The 2026 reserve's "Återstår" on the dashboard, in öre. */
  async function remaining() {
    await page.goto(`${session.baseUrl}/uppfoljning`);
    await page.getByRole("heading", { name: "Uppföljning av reserver och insatser" }).waitFor();
    const section = page.locator("section").filter({ has: page.getByRole("link", { name: reserveName }) });
    return ore((await section.locator("dt:text-is('Återstår') + dd").textContent()) ?? "");
  }

  /** Moves focus to the named submit button by keyboard from the field before it, and presses Enter. */
  async function submitByKeyboard(lastField: string, button: string) {
    await page.getByLabel(lastField).focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(button);
    await page.keyboard.press("Enter");
  }

  /** Waits for the page a submitted form leads to; fails with the form's error summary if it came back instead. */
  async function landOn(heading: string) {
    const landed = page.getByRole("heading", { level: 1, name: heading });
    const refused = page.getByRole("heading", { name: "Något behöver rättas" });
    await landed.or(refused).first().waitFor();
    if (await refused.isVisible()) throw new Error(`refused: ${await page.getByRole("alert").textContent()}`);
  }

  it("reduces a grant through the reversal form, refusing more than granted, and the reserve gets it back", async () => {
    const before = await remaining();
    await expectAccessible(page);
    await page.getByRole("link", { name: reserveName }).click();
    await page.getByRole("heading", { level: 1, name: reserveName }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: interventionName }).click();
    await page.getByRole("heading", { level: 1, name: interventionName }).waitFor();
    const interventionUrl = page.url();
    expect(await page.getByText("Minskningar och rättelser").count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Minska beviljat belopp eller rätta utbetalning" }).click();
    await page.getByRole("heading", { level: 1, name: /^Minska beviljat belopp/ }).waitFor();
    expect(page.url()).toMatch(/\/uppfoljning\/insatser\/[0-9a-f-]{36}\/aterforing$/);
    await expectAccessible(page);
    await page.getByLabel("Vad beslutet gäller").selectOption("grant");
    await page.getByLabel("Belopp i kronor").fill("4 000 000");
    await page.getByLabel("Skäl").fill("Färre lovaktiviteter än planerat.");
    await page.getByLabel("Beslutande organ").selectOption({ label: "Kommunstyrelsen (KS)" });
    await page.getByLabel("Beslutsdatum").fill("2026-06-15");
    await submitByKeyboard("Paragraf (§)", "Spara beslutet");
    await page.getByRole("heading", { name: "Något behöver rättas" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toContain(
      "Minskningen 4\u00a0000\u00a0000\u00a0kr är större än det som är beviljat (3\u00a0000\u00a0000\u00a0kr).",
    );
    await expectAccessible(page);
    expect(await remaining()).toBe(before);

    await page.goto(interventionUrl);
    await page.getByRole("heading", { level: 1, name: interventionName }).waitFor();
    await page.getByRole("link", { name: "Minska beviljat belopp eller rätta utbetalning" }).click();
    await page.getByRole("heading", { level: 1, name: /^Minska beviljat belopp/ }).waitFor();
    await page.getByLabel("Vad beslutet gäller").selectOption("grant");
    await page.getByLabel("Belopp i kronor").fill("250 000");
    await page.getByLabel("Skäl").fill("Färre lovaktiviteter än planerat.");
    await page.getByLabel("Beslutande organ").selectOption({ label: "Kommunstyrelsen (KS)" });
    await page.getByLabel("Beslutsdatum").fill("2026-06-15");
    await submitByKeyboard("Paragraf (§)", "Spara beslutet");
    await landOn(interventionName);
    expect(page.url()).toBe(interventionUrl);
    const reduction = await page.getByRole("table", { name: "Minskningar och rättelser" }).textContent();
    expect(reduction).toContain("250\u00a0000\u00a0kr");
    expect(reduction).toContain("Färre lovaktiviteter än planerat.");
    expect(await page.locator("dt:text-is('Beviljat') + dd").textContent()).toBe(
      "2\u00a0750\u00a0000\u00a0kr (efter minskning med 250\u00a0000\u00a0kr)",
    );
    await expectAccessible(page);
    expect(await remaining()).toBe(before + 25_000_000);
  });

  it("changes the interim report's due day in the follow-up calendar", async () => {
    await page.goto(`${session.baseUrl}/uppfoljning`);
    await page.getByRole("heading", { name: "Uppföljning av reserver och insatser" }).waitFor();
    await page.getByRole("link", { name: "Uppföljningskalender" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljningskalender" }).waitFor();
    await expectAccessible(page);
    const due = page.getByLabel("Delårsrapporten ska lämnas senast");
    expect(await due.inputValue()).not.toBe("10-15");
    await due.fill("10-15");
    await page.getByRole("button", { name: "Spara kalendern" }).focus();
    await page.keyboard.press("Enter");
    // The saved page comes back at the same address; its hint, read from the database, shows the new day.
    await page.getByText(/ska lämnas senast \d{4}-10-15\./).waitFor();
    await page.getByRole("heading", { level: 1, name: "Uppföljningskalender" }).waitFor();
    expect(await page.getByLabel("Delårsrapporten ska lämnas senast").inputValue()).toBe("10-15");
    await expectAccessible(page);
  });

  it("starts a question round only with a question, and lands on the consultation", async () => {
    await page.goto(`${session.baseUrl}/uppfoljning`);
    await page.getByRole("heading", { name: "Uppföljning av reserver och insatser" }).waitFor();
    await page.getByRole("link", { name: reserveName }).click();
    await page.getByRole("heading", { level: 1, name: reserveName }).waitFor();
    await page.getByRole("link", { name: "Särskild frågeomgång till nämnderna" }).click();
    await page.getByRole("heading", { level: 1, name: /^Särskild frågeomgång om/ }).waitFor();
    expect(page.url()).toMatch(/\/uppfoljning\/reserver\/[0-9a-f-]{36}\/fragerunda$/);
    await expectAccessible(page);
    await page.getByLabel("Rubrik").fill("Hur når lovaktiviteterna de unga?");
    await page.getByLabel("Följebrev").fill("Kommunstyrelsen vill veta hur insatserna når målgruppen.");
    await page.getByLabel("Sista svarsdag").fill("2026-10-30");
    await page.getByLabel("Beslutande organ").selectOption({ label: "Kommunstyrelsen (KS)" });
    await page.getByLabel("Beslutsdatum").fill("2026-06-10");
    await submitByKeyboard("Paragraf (§)", "Förbered frågeomgången");
    await page.getByRole("heading", { name: "Något behöver rättas" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Ställ minst en fråga, en per rad.");
    await expectAccessible(page);

    await page.getByLabel("Frågor").fill("Hur många unga deltar?\nHur följer ni upp skolresultaten?");
    await submitByKeyboard("Paragraf (§)", "Förbered frågeomgången");
    await landOn("Hur når lovaktiviteterna de unga?");
    expect(page.url()).toMatch(/\/remisser\/[0-9a-f-]{36}$/);
    expect(await page.getByText("Hur följer ni upp skolresultaten?").count()).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it("refuses an import with a bad row, naming the row in Swedish, and writes nothing", async () => {
    const areas = async () => (await session.database.db.select().from(area)).length;
    const before = await areas();
    await page.goto(`${session.baseUrl}/uppfoljning`);
    await page.getByRole("heading", { name: "Uppföljning av reserver och insatser" }).waitFor();
    await page.getByRole("link", { name: "Läs in från CSV eller Excel" }).click();
    await page.getByRole("heading", { level: 1, name: "Läs in från CSV eller Excel" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Vad läses in").selectOption({ label: "Områden" });
    await page.getByLabel("Fil (CSV eller XLSX)").setInputFiles({
      name: "omraden.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("externt_id;namn;typ\r\nWEB-1;Hyllie;stadsområde\r\nWEB-2;;stadsområde\r\n"),
    });
    await page.getByRole("button", { name: "Läs in" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("table", { name: "1 fel – inget har sparats" }).waitFor();
    const row = page.getByRole("table", { name: "1 fel – inget har sparats" }).locator("tbody tr");
    expect(await row.locator("td").allTextContents()).toEqual(["3", "namn", "Ange områdets namn."]);
    await expectAccessible(page);
    expect(await areas()).toBe(before);
  });
});
