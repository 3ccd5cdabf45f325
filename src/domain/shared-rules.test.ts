import { describe, expect, it } from "vitest";
import { isOffice } from "./bodies.js";
import { bodyDecisionCode, decisionCode, decisionTitle } from "./citation.js";
import { stockholmDay, stockholmInstant, stockholmMinute, todayInStockholm } from "./clock.js";
import { isUuid } from "./ids.js";
import { genitive, inRunningText, joinAnd } from "./swedish.js";

describe("a decision's citation", () => {
  it("is written one way: code, six-digit date, the paragraph sign with a space", () => {
    expect(decisionCode("KF", "2024-09-26", 189)).toBe("KF 240926 § 189");
    expect(decisionCode("KSAU", "2025-03-24", null)).toBe("KSAU 250324");
    expect(bodyDecisionCode({ shortName: "KS", name: "Kommunstyrelsen" }, "2026-01-07", 16)).toBe(
      "KS 260107 § 16",
    );
    expect(bodyDecisionCode({ shortName: null, name: "Kulturnämnden" }, "2025-06-17", 79)).toBe(
      "Kulturnämnden 250617 § 79",
    );
    expect(decisionTitle("Arbetsmarknads- och socialnämnden", "2025-06-19", 219)).toBe(
      "Arbetsmarknads- och socialnämndens beslut 250619 § 219",
    );
  });
});

describe("Swedish", () => {
  it("makes the genitive of names, abbreviations and names ending in s", () => {
    expect(genitive("Kommunfullmäktige")).toBe("Kommunfullmäktiges");
    expect(genitive("MINC i Sverige AB")).toBe("MINC i Sverige AB:s");
    expect(genitive("Malmö stads revisorer")).toBe("Malmö stads revisorers");
    expect(genitive("Kommunens revisors")).toBe("Kommunens revisors");
    expect(genitive(inRunningText("Kommunstyrelsen"))).toBe("kommunstyrelsens");
    expect(inRunningText("KSAU")).toBe("KSAU");
    expect(joinAnd(["a", "b", "c"])).toBe("a, b och c");
    expect(joinAnd(["a"])).toBe("a");
  });
});

describe("the Stockholm clock", () => {
  it("gives the Swedish day between midnight and the UTC midnight", () => {
    // 23:30 UTC on 21 January is 00:30 on 22 January in Stockholm (winter, UTC+1).
    expect(stockholmDay(new Date("2026-01-21T23:30:00Z"))).toBe("2026-01-22");
    // 22:30 UTC on 20 June is 00:30 on 21 June (summer, UTC+2).
    expect(todayInStockholm(new Date("2026-06-20T22:30:00Z"))).toBe("2026-06-21");
    expect(stockholmMinute(new Date("2026-01-22T16:00:00Z"))).toBe("2026-01-22 17:00");
  });

  it("turns a Swedish day and time into the right instant in winter and summer", () => {
    expect(stockholmInstant("2026-01-22", "17:00")).toBe("2026-01-22T16:00:00.000Z");
    expect(stockholmInstant("2025-06-20", "08:00")).toBe("2025-06-20T06:00:00.000Z");
    expect(stockholmInstant("2026-03-29", "03:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(stockholmInstant("2026-10-25", "12:00")).toBe("2026-10-25T11:00:00.000Z");
  });
});

describe("ids and body kinds", () => {
  it("know a UUID and an office", () => {
    expect(isUuid("0b6f0c1e-6a8b-4c1e-9a3e-2f1d5e7c9b10")).toBe(true);
    expect(isUuid("%00")).toBe(false);
    expect(isUuid("")).toBe(false);
    expect(isOffice("administration")).toBe(true);
    expect(isOffice("committee")).toBe(false);
  });
});
