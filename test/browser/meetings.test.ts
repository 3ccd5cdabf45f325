import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import { serve } from "@hono/node-server";
import pino from "pino";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/accounts/actor.js";
import { createUser } from "../../src/accounts/create-user.js";
import { createApp } from "../../src/app/app.js";
import { connect, type Database } from "../../src/db/connect.js";
import { migrate } from "../../src/db/migrate.js";
import { inTransaction } from "../../src/db/transaction.js";
import { loadExample } from "../../src/example/load-example.js";

// The meeting pages in a real browser, with axe on every page visited. The example is loaded into a private
// in-memory PGlite, so this never touches a shared server database.

const chromiumPath = "/usr/bin/chromium";
const browserAvailable = existsSync(chromiumPath);

let database: Database;
let server: ReturnType<typeof serve>;
let base = "";
let browser: Awaited<ReturnType<typeof chromium.launch>>;

beforeAll(async () => {
  if (!browserAvailable) return;
  database = await connect({});
  await migrate(database);
  await inTransaction(database.db, async (tx) => {
    const { municipality } = await loadExample(tx);
    await createUser(tx, systemActor(municipality.id), {
      email: "sekreterare@example.se",
      displayName: "Sekreterare",
      password: "ett-långt-testlösenord",
      grants: [{ role: "secretary", bodyId: null }],
    });
  });
  const app = createApp({ database, logger: pino({ level: "silent" }) });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
});

afterAll(async () => {
  if (!browserAvailable) return;
  await browser?.close();
  server?.close();
  await database?.close();
});

async function axe(page: import("playwright-core").Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!browserAvailable)("meeting pages in a browser", () => {
  it("show KF 2026 § 8, the minutes and the meeting without accessibility violations", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/protokoll/kommunfullmaktige/2026/8`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "§ 8 Återrapportering kring kraftsamlande insatser",
    );
    expect(await page.getByRole("heading", { name: "Bilaga 12" }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    await page.getByRole("link", { name: "Hela protokollet" }).click();
    await page.getByRole("heading", { name: "Närvarande" }).waitFor();
    expect(await page.getByRole("heading", { name: "Närvarande" }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    await page.goto(`${base}/sammantraden`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole("link", { name: "2026-01-22" }).click();
    await page.getByRole("table", { name: "Beslutsplanering" }).first().waitFor();
    expect(await page.getByRole("table", { name: "Beslutsplanering" }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it("let a secretary reach the live-meeting pages, which pass axe too", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/logga-in`);
    await page.getByLabel("E-postadress").fill("sekreterare@example.se");
    await page.getByLabel("Lösenord").fill("ett-långt-testlösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("button", { name: "Logga ut" }).waitFor();
    await page.goto(`${base}/sammantraden`);
    await page.getByRole("link", { name: "2026-01-22" }).click();
    await page.getByRole("link", { name: "Sekreterarens sida" }).click();
    // A click starts the navigation; wait for the new page's heading rather than count on the old page.
    await page.getByRole("heading", { name: "Närvaro" }).waitFor();
    expect(await page.getByRole("heading", { name: "Närvaro" }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.getByRole("link", { name: /§ 8/ }).click();
    await page.getByRole("heading", { name: "Omröstning" }).waitFor();
    expect(await page.getByRole("heading", { name: "Omröstning" }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
