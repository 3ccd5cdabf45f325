import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminLogin,
  clickAndLoad,
  expectAccessible,
  hasChromium,
  startBrowserSession,
} from "../support/browser.js";

// Every public page type of the portal (L30, WCAG 2.1 AA) in Chromium, with axe, reached by keyboard where it
// matters: the start page, a meeting at its readable address, the members' list and a member's page, the open-data
// page, the subscription form and its answer, and the secretary's review list.

let session: Awaited<ReturnType<typeof startBrowserSession>>;
let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  session = await startBrowserSession();
  browser = session.browser;
}, 120_000);
afterAll(async () => {
  await session?.close();
});

describe.skipIf(!hasChromium)("the public portal in a browser (L30)", () => {
  it("has no accessibility violations on any public page type", async () => {
    const page = await (await browser.newContext()).newPage();
    const base = session.baseUrl;
    await page.goto(`${base}/`);
    await expectAccessible(page);
    // In the main menu and among the start page's own links.
    expect(await page.getByRole("link", { name: "Anslagstavla" }).count()).toBeGreaterThanOrEqual(1);

    // A meeting by its old address lands on its readable one.
    await page.goto(`${base}/sammantraden`);
    await clickAndLoad(page, page.getByRole("link", { name: "2026-01-22" }).first());
    expect(page.url()).toMatch(/\/sammantraden\/kommunfullmaktige\/2026-01-22$/);
    await expectAccessible(page);

    await page.goto(`${base}/ledamoter`);
    await expectAccessible(page);
    await clickAndLoad(page, page.getByRole("main").getByRole("link").first());
    expect(page.url()).toMatch(/\/ledamoter\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    await page.goto(`${base}/oppna-data`);
    await expectAccessible(page);

    await page.goto(`${base}/bevakning?organ=kommunfullmaktige`);
    await expectAccessible(page);
    // By keyboard: the address field, then the button.
    await page.getByLabel("Din e-postadress").focus();
    await page.keyboard.type("fel");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    // The answer is a new page at the same address: wait for its message rather than for a load already past.
    await page.getByText("Ange en e-postadress").first().waitFor();
    expect(await page.getByText("Ange en e-postadress").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByLabel("Din e-postadress").fill("invånare@example.se");
    await clickAndLoad(page, page.getByRole("button", { name: "Bevaka" }));
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Kontrollera din e-post");
    await expectAccessible(page);

    await page.goto(`${base}/tillganglighet`);
    await expectAccessible(page);
    expect(await page.getByRole("heading", { name: "Rapportera brister" }).count()).toBe(1);
    await page.close();
  }, 120_000);

  it("shows the secretary's review list, and marks a text reviewed by keyboard, without accessibility violations", async () => {
    // KF § 8's case becomes secret, so its summary waits for a review on the list.
    await session.database.db.execute(sql`
      update register_case c set secrecy_provision = 'OSL 26 kap. 1 §', secrecy_marked_on = '2026-01-12',
        secrecy_marked_by_id = p.body_id, public_title = coalesce(c.public_title, 'Ärende om enskild')
      from paragraph p join agenda_item i on i.id = p.agenda_item_id join body b on b.id = p.body_id
      where c.id = i.case_id and b.slug = 'kommunfullmaktige' and p.year = 2026 and p.number = 8`);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${session.baseUrl}/logga-in`);
    await page.getByLabel("E-post").fill(adminLogin.email);
    await page.getByLabel("Lösenord").fill(adminLogin.password);
    await clickAndLoad(page, page.getByRole("button", { name: "Logga in" }));
    await page.goto(`${session.baseUrl}/granskning`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Granskning före publicering");
    await expectAccessible(page);
    const buttons = page.getByRole("button", {
      name: /^Markera som granskad: KF 260122 § 8, Sammanfattning/,
    });
    expect(await buttons.count()).toBe(1);
    await buttons.focus();
    await page.keyboard.press("Enter");
    await page.getByText("Granskad av").first().waitFor();
    expect(await buttons.count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  }, 120_000);
});
