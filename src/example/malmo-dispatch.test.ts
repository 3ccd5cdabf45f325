import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { dispatchDelivery } from "../dispatch/tables.js";
import { outboxJob } from "../jobs/tables.js";
import { record, registerCase } from "../register/tables.js";
import { loadExample } from "./load-example.js";

// The example's decision runs to its end: KF 2026-01-22 § 8 dispatched to the seed's fifteen recipients, and
// STK-2024-1374 closed.
let database: Database;
let municipalityId: string;
let slug: string;
beforeAll(async () => {
  database = await isolatedDatabase();
  const loaded = await inTransaction(database.db, (tx) => loadExample(tx));
  municipalityId = loaded.municipality.id;
  slug = loaded.municipality.slug;
});
afterAll(() => database.close());

describe("the example's dispatch", () => {
  it("has sent § 8's extract to fifteen recipients, each an outgoing record, and closed STK-2024-1374", async () => {
    const { deliveries, outgoing, theCase, jobs } = await inTransaction(database.db, async (tx) => {
      const [theCase] = await tx
        .select()
        .from(registerCase)
        .where(
          and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.number, "STK-2024-1374")),
        );
      return {
        theCase: theCase!,
        deliveries: await tx
          .select()
          .from(dispatchDelivery)
          .where(eq(dispatchDelivery.municipalityId, municipalityId))
          .orderBy(dispatchDelivery.position),
        outgoing: await tx
          .select()
          .from(record)
          .where(
            and(
              eq(record.caseId, theCase!.id),
              eq(record.direction, "outgoing"),
              eq(record.datedOn, "2026-02-02"),
            ),
          ),
        jobs: await tx
          .select()
          .from(outboxJob)
          .where(and(eq(outboxJob.municipalityId, municipalityId), eq(outboxJob.kind, "dispatch.deliver"))),
      };
    });
    expect(deliveries).toHaveLength(15);
    expect(deliveries.every((d) => d.status === "sent" && d.channel === "internal")).toBe(true);
    expect(deliveries.at(-1)!.name).toBe("Stadskontorets handläggare");
    expect(outgoing).toHaveLength(15);
    expect(jobs).toHaveLength(0);
    expect(theCase).toMatchObject({ status: "closed", closedOn: "2026-02-02" });
  });

  it("shows each recipient's delivery on the paragraph page and the case page", async () => {
    const { app } = testApp(database, slug);
    const visitor = new Client(app);
    const paragraph = await (await visitor.get("/protokoll/kommunfullmaktige/2026/8")).text();
    expect(paragraph).toContain("Expedierat 2026-02-02 till 15 mottagare; alla utskick har gått fram.");
    expect(paragraph).toContain("Levererat internt");
    const casePage = await (await visitor.get("/diarium/STK-2024-1374")).text();
    expect(casePage).toContain("KF 260122 § 8 expedierat 2026-02-02, alla utskick har gått fram");
    const api = await (await visitor.get(`/api/paragraphs/${await idOfKf8(visitor)}/dispatch`)).json();
    expect(api).toMatchObject({ dispatchedOn: "2026-02-02", complete: true });
    expect(api.deliveries).toHaveLength(15);
  });
});

async function idOfKf8(visitor: Client): Promise<string> {
  const html = await (await visitor.get("/protokoll/kommunfullmaktige/2026/8")).text();
  return /id="expediering-([0-9a-f-]{36})"/.exec(html)![1]!;
}
