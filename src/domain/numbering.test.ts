import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber, formatRecordNumber, numberParts, parseNumber, patternProblem } from "./numbering.js";

describe("diarium number patterns", () => {
  it("produces the forms seen in real registers", () => {
    expect(formatNumber("{prefix}-{year}-{seq}", "STK", 2024, 1374)).toBe("STK-2024-1374");
    expect(formatNumber("{year}/{prefix} {seq:4}", "KS", 2011, 206)).toBe("2011/KS 0206");
    expect(formatNumber("{prefix}.{year}.{seq}", "KU", 2017, 3)).toBe("KU.2017.3");
    expect(formatRecordNumber("STK-2023-137", 50)).toBe("STK-2023-137-50");
  });

  it("makes the README's examples as the database writes them, and reads them back", () => {
    // README.md, "Integrating": 2011/KS 0206 is {year}/{prefix} {seq:4}, KU.2017.3 is {prefix}.{year}.{seq}.
    const examples = [
      { pattern: "{year}/{prefix} {seq:4}", prefix: "KS", year: 2011, seq: 206, number: "2011/KS 0206" },
      { pattern: "{prefix}.{year}.{seq}", prefix: "KU", year: 2017, seq: 3, number: "KU.2017.3" },
      { pattern: "{prefix}{yy}-{seq:3}", prefix: "BN", year: 2024, seq: 7, number: "BN24-007" },
    ];
    for (const e of examples) {
      expect(patternProblem(e.pattern)).toBeNull();
      const { head, tail, width } = numberParts(e.pattern, e.prefix, e.year);
      expect(`${head}${String(e.seq).padStart(width, "0")}${tail}`).toBe(e.number);
      expect(formatNumber(e.pattern, e.prefix, e.year, e.seq)).toBe(e.number);
      expect(parseNumber(e.pattern, e.prefix, e.number)).toEqual({ year: e.year, sequence: e.seq });
    }
    // {seq:N} pads to at least N digits and never cuts a longer number.
    expect(formatNumber("{year}/{prefix} {seq:4}", "KS", 2011, 12345)).toBe("2011/KS 12345");
  });

  it("reads a number back, and rejects what the pattern cannot make", () => {
    expect(parseNumber("{prefix}-{year}-{seq}", "STK", "STK-2024-1374")).toEqual({
      year: 2024,
      sequence: 1374,
    });
    expect(parseNumber("{year}/{prefix} {seq:4}", "KS", "2011/KS 0206")).toEqual({
      year: 2011,
      sequence: 206,
    });
    expect(parseNumber("{prefix}-{year}-{seq}", "STK", "STK-2024-")).toBeNull();
    expect(parseNumber("{prefix}-{year}-{seq}", "STK", "KS-2024-12")).toBeNull();
    expect(parseNumber("{prefix}-{year}-{seq}", "STK", "STK-2024-0")).toBeNull();
  });

  it("names what is wrong with a pattern", () => {
    expect(patternProblem("{prefix}-{year}-{seq}")).toBeNull();
    expect(patternProblem("{prefix}-{year}")).toBe("seq_missing");
    expect(patternProblem("{prefix}-{seq}")).toBe("year_missing");
    expect(patternProblem("{prefix}-{year}-{seq}-{foo}")).toBe("unknown_token");
  });

  it("round-trips every number a pattern makes", () => {
    const patterns = [
      "{prefix}-{year}-{seq}",
      "{year}/{prefix} {seq:4}",
      "{prefix}.{year}.{seq}",
      "{prefix}{yy}-{seq:3}",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 999_999 }),
        (pattern, year, seq) => {
          expect(parseNumber(pattern, "STK", formatNumber(pattern, "STK", year, seq))).toEqual({
            year,
            sequence: seq,
          });
        },
      ),
    );
  });

  it("splits a number around its sequence the same way formatNumber writes it", () => {
    expect(numberParts("{year}/{prefix} {seq:4}", "KS", 2011)).toEqual({
      head: "2011/KS ",
      tail: "",
      width: 4,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(
          "{prefix}-{year}-{seq}",
          "{year}/{prefix} {seq:4}",
          "{prefix}.{year}.{seq}",
          "{seq:3}/{yy}",
        ),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 999_999 }),
        (pattern, year, seq) => {
          const { head, tail, width } = numberParts(pattern, "STK", year);
          expect(head + String(seq).padStart(width, "0") + tail).toBe(
            formatNumber(pattern, "STK", year, seq),
          );
        },
      ),
    );
  });
});
