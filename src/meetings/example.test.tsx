import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/support/db.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { loadExample } from "../example/load-example.js";
import { decisionPointText } from "../example/malmo-meetings.js";
import { paragraphViewByNumber } from "./read-minutes.js";
import { AttachmentSection, ParagraphSection } from "./render.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

class Rollback extends Error {}

/** Loads the Malmö example in a transaction that is rolled back, so the shared server database stays clean. */
async function withExample(
  fn: (t: Parameters<Parameters<typeof inTransaction>[1]>[0], municipalityId: string) => Promise<void>,
) {
  await inTransaction(database.db, async (t) => {
    const { municipality } = await loadExample(t);
    await fn(t, municipality.id);
    throw new Rollback();
  }).catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
}

/** The page's text with tags dropped and whitespace folded, for comparing with the seed's text. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the Malmö example: KF 2026-01-22 § 8 rendered from data", () => {
  it("produces the seed's § 8: heading, case, summary, decision, proceedings, statement, recipients, basis, Bilaga 12", async () => {
    await withExample(async (t, municipalityId) => {
      const p = (await paragraphViewByNumber(t, municipalityId, {
        bodySlug: "kommunfullmaktige",
        year: 2026,
        number: 8,
      }))!;
      expect(p).not.toBeNull();
      expect(p.path).toBe("/protokoll/kommunfullmaktige/2026/8");
      expect(p.agendaPosition).toBe(9);
      const html = text(
        String(
          <div>
            <ParagraphSection p={p} level={1} />
            {p.attachments.map((a) => (
              <AttachmentSection a={a} level={2} />
            ))}
          </div>,
        ),
      );
      for (const expected of [
        "§ 8 Återrapportering kring kraftsamlande insatser",
        "STK-2024-1374",
        "Kommunfullmäktige beslutade den 26 september 2024 §189 att ge kommunstyrelsen samordningsansvaret",
        "Kommunfullmäktige beslutar",
        decisionPointText,
        "Katrin Stjernfeldt Jammeh (S) och Roko Kursar (L) yrkar bifall till kommunstyrelsens förslag.",
        "Farishta Sulaiman (M) och Kay Wictorin (C) anmäler ett särskilt yttrande.",
        "Till kommunfullmäktiges beslut har Farishta Sulaiman (M) och Kay Wictorin (C) inkommit med ett gemensamt särskilt yttrande. Det särskilda yttrandet intas som bilaga 12 till fullmäktiges protokoll.",
        "Beslutet skickas till Arbetsmarknads- och socialnämnden Fritidsnämnden Funktionsstödsnämnden Förskolenämnden Grundskolenämnden Gymnasie- och vuxenutbildningsnämnden Kulturnämnden Miljönämnden Servicenämnden Stadsbyggnadsnämnden Tekniska nämnden MKB MINC Stadskontoret, hållbarhetsavdelningen Stadskontorets handläggare",
        "Förslag till beslut KS 260107 § 16 med särskilt yttrande (M+C) och (SD) Återrapportering kring kraftsamlande insatser",
        "Förslag till beslut KSAU 251208 § 564 med särskilt yttrande (M) Återrapportering kring kraftsamlande insatser",
        "G-Tjänsteskrivelse KSAU 251208 Återrapportering kring kraftsamlande insatser",
        "Arbetsmarknads- och socialnämndens beslut 250619 § 219 med reservation (M) och (SD)",
        "Beslut KF 240926 § 189 med reservation (SD) och särskilt yttrande (M+C)",
        "(STK-2023-137-50)",
        "Grundskolenämnden beslut 250619 § 93 Särskilt yttrande (SD)",
        "Bilaga 12",
        "Ärende 9: Återrapportering kring kraftsamlande insatser",
        "Moderaterna och Centerpartiet delar uppfattningen att Malmö behöver samlade och långsiktiga insatser",
        "Kommunfullmäktige 2026-01-22",
        "Håkan Fäldt (M) Anton Sauer (C)",
      ])
        expect(html).toContain(expected);
      expect(p.basis).toHaveLength(28);
      expect(p.recipients).toHaveLength(15);
      // The order in which the seed lists the basis: KS, KSAU, the official report, then the answers.
      expect(p.basis.slice(0, 3).map((e) => e.text.slice(0, 24))).toEqual([
        "Förslag till beslut KS 2",
        "Förslag till beslut KSAU",
        "G-Tjänsteskrivelse KSAU ",
      ]);
    });
  });

  it("keeps the route's paragraph numbers per body and year, with the assignments' decision KF 2024 § 189", async () => {
    await withExample(async (t, municipalityId) => {
      for (const [bodySlug, year, number] of [
        ["kommunfullmaktige", 2024, 189],
        ["kommunstyrelsens-arbetsutskott", 2025, 564],
        ["kommunstyrelsen", 2026, 16],
        ["kommunfullmaktige", 2026, 8],
      ] as const)
        expect((await paragraphViewByNumber(t, municipalityId, { bodySlug, year, number }))?.number).toBe(
          number,
        );
      const v = (await paragraphViewByNumber(t, municipalityId, {
        bodySlug: "kommunfullmaktige",
        year: 2024,
        number: 189,
      }))!;
      expect(v.decisionPoints).toHaveLength(2);
      expect(v.proceedings).toContain(
        "Ledamöterna för Sverigedemokraterna (SD) reserverar sig mot beslutet.",
      );
    });
  });
});
