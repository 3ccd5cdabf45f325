import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { loadExample } from "../example/load-example.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { approvalJobHandlers } from "./jobs.js";

// The example's decision runs its course: KF 2026-01-22 approved on 2026-01-29 by illustrative approvers, the notice
// posted that day and taken down by its job, and § 8 in legal force since 2026-02-20.

let database: Database;
let client: Client;
beforeAll(async () => {
  database = await isolatedDatabase();
  const { municipality } = await inTransaction(database.db, (tx) => loadExample(tx));
  const { app } = testApp(database, municipality.slug);
  client = new Client(app);
  await runDueJobs(database.db, {
    handlers: approvalJobHandlers(),
    now: new Date("2026-03-01T12:00:00+01:00"),
  });
});
afterAll(() => database.close());

describe("the example's approval", () => {
  it("shows KF 2026-01-22 § 8 as approved, with signers, hash, notice and legal force", async () => {
    const res = await client.get("/protokoll/kommunfullmaktige/2026/8");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Justerat 2026-01-29, version 1.");
    expect(html).toContain("Justerare: Farishta Sulaiman");
    expect(html).toContain("Ordförande: Katrin Stjernfeldt Jammeh");
    expect(html).toContain("i illustrationssyfte");
    expect(html).toMatch(/<code>[0-9a-f]{64}<\/code>/);
    expect(html).toContain("Justeringen anslogs på anslagstavlan 2026-01-29");
    expect(html).toContain("Sista dag att överklaga: 2026-02-19");
    expect(html).toContain("Beslutet vann laga kraft 2026-02-20.");
  });

  it("answers 304 to a reader who has the approved page, from the signed hash", async () => {
    const first = await client.get("/protokoll/kommunfullmaktige/2026/8");
    const etag = first.headers.get("etag");
    // The signed hash, legal force (k: in force) and the dispatch's progress (s: one letter per recipient sent).
    expect(etag).toMatch(/^"[0-9a-f]{64}-k-ds{15}"$/);
    const again = await client.request("GET", "/protokoll/kommunfullmaktige/2026/8", {
      headers: { "if-none-match": etag! },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await client.request("GET", "/protokoll/kommunfullmaktige/2026/8", {
      headers: { "if-none-match": '"nope"' },
    });
    expect(other.status).toBe(200);
    // The minutes page too, and the hash is the signed version's, whose content anyone can fetch and check.
    const html = await first.text();
    const minutesPath = /href="(\/sammantraden\/[0-9a-f-]{36}\/protokoll)"/.exec(html)![1]!;
    const minutes = await client.get(minutesPath);
    expect(await minutes.text()).toContain("Justerat 2026-01-29");
    const minutesTag = minutes.headers.get("etag")!;
    expect(minutesTag).toMatch(/^"[0-9a-f]{64}"$/);
    const cached = await client.request("GET", minutesPath, { headers: { "if-none-match": minutesTag } });
    expect(cached.status).toBe(304);
    const versionId = /\/api\/minutes-versions\/([0-9a-f-]{36})/.exec(html)![1]!;
    const version = await (await client.get(`/api/minutes-versions/${versionId}`)).json();
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(version.content).digest("hex")).toBe(version.hash);
    expect(etag).toContain(version.hash);
    expect(JSON.parse(version.content).paragraphs[0].number).toBe(8);
  });

  it("keeps the notice in the board's archive once its job took it down, with its dates; the feed and the API agree", async () => {
    const board = await (await client.get("/anslagstavla")).text();
    expect(board).toContain("Så överklagar du ett beslut");
    expect(board).not.toContain("2026-02-19");
    const archive = await (await client.get("/anslagstavla/arkiv")).text();
    expect(archive).toContain("Kommunfullmäktige, Protokoll");
    for (const day of ["2026-01-22", "2026-01-29", "2026-02-19", "2026-02-20"])
      expect(archive).toContain(day);
    const feed = await client.get("/anslagstavla.atom");
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const api = await (await client.get("/api/notice-board")).json();
    expect(api.archive[0]).toMatchObject({
      postedOn: "2026-01-29",
      appealEndsOn: "2026-02-19",
      takeDownOn: "2026-02-20",
    });
    expect(api.howToAppeal.length).toBeGreaterThan(0);
  });
});
