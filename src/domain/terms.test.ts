import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./law/dates.js";
import { mostAtOnce, termsOverlap } from "./terms.js";

describe("terms of office", () => {
  it("overlap when they share a day, open terms running on", () => {
    expect(
      termsOverlap(
        { startsOn: "2022-10-15", endsOn: "2026-10-14" },
        { startsOn: "2026-10-14", endsOn: null },
      ),
    ).toBe(true);
    expect(
      termsOverlap(
        { startsOn: "2022-10-15", endsOn: "2026-10-14" },
        { startsOn: "2026-10-15", endsOn: null },
      ),
    ).toBe(false);
  });
  it("counts the most persons in office on one day, each person once", () => {
    const terms = [
      { personId: "a", startsOn: "2022-10-15", endsOn: "2023-12-31" },
      { personId: "b", startsOn: "2022-10-15", endsOn: null },
      { personId: "c", startsOn: "2024-01-01", endsOn: null },
      { personId: "b", startsOn: "2024-01-01", endsOn: null },
    ];
    expect(mostAtOnce(terms, { startsOn: "2022-01-01", endsOn: null })).toEqual({
      count: 2,
      day: "2022-10-15",
    });
    expect(mostAtOnce(terms, { startsOn: "2025-01-01", endsOn: "2025-12-31" })).toEqual({
      count: 2,
      day: "2025-01-01",
    });
  });
  it("agrees with counting day by day", () => {
    const term = fc.record({
      personId: fc.constantFrom("a", "b", "c", "d"),
      start: fc.integer({ min: 0, max: 30 }),
      length: fc.option(fc.integer({ min: 0, max: 30 })),
    });
    fc.assert(
      fc.property(fc.array(term, { maxLength: 8 }), (raw) => {
        const terms = raw.map((t) => ({
          personId: t.personId,
          startsOn: addDays("2026-01-01", t.start),
          endsOn: t.length === null ? null : addDays("2026-01-01", t.start + t.length),
        }));
        let most = 0;
        for (let d = 0; d <= 70; d++) {
          const day = addDays("2026-01-01", d);
          most = Math.max(
            most,
            new Set(
              terms
                .filter((t) => t.startsOn <= day && (t.endsOn === null || t.endsOn >= day))
                .map((t) => t.personId),
            ).size,
          );
        }
        expect(mostAtOnce(terms, { startsOn: "2026-01-01", endsOn: null }).count).toBe(most);
      }),
    );
  });
});
