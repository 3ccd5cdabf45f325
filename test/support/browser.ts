import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { systemActor } from "../../src/accounts/actor.js";
import { createUser } from "../../src/accounts/create-user.js";
import { createApp } from "../../src/app/app.js";
import type { Database } from "../../src/db/connect.js";
import { inTransaction } from "../../src/db/transaction.js";
import { loadExample } from "../../src/example/load-example.js";
import { createLogger } from "../../src/http/logger.js";
import { isolatedDatabase } from "./db.js";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);

export const adminLogin = { email: "admin@example.se", password: "ett-långt-adminlösenord" };

/** Paragraf on a real port with the Malmö example and an admin account, and Debian's Chromium to drive it. */
export async function startBrowserSession(): Promise<{
  baseUrl: string;
  browser: Browser;
  database: Database;
  close: () => Promise<void>;
}> {
  const database = await isolatedDatabase();
  await inTransaction(database.db, async (tx) => {
    const { municipality } = await loadExample(tx);
    await createUser(tx, systemActor(municipality.id), {
      email: adminLogin.email,
      displayName: "Administratör",
      password: adminLogin.password,
      grants: [{ role: "admin", bodyId: null }],
    });
  });
  const app = createApp({ database, logger: createLogger("silent") });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    database,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  };
}

/**
 * Clicks something that loads a new document (a link, or a form's button, even one that answers at the same address)
 * and returns once that document has loaded. A bare click returns when the click is done, not when the page that
 * follows is there, so whatever reads the page next may read the old one or find it torn down under it.
 */
export async function clickAndLoad(page: Page, target: Locator) {
  const loaded = page.waitForEvent("load");
  await target.click();
  await loaded;
}

/** Runs axe on the page as it is now and fails with the violations listed. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}
