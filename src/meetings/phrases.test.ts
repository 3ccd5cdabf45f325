import { describe, expect, it } from "vitest";
import { attribution, decisionCode, genitive, motionSentence, recipientName } from "./phrases.js";

describe("the sentences of the minutes", () => {
  it("writes the seed's decision codes and what they carry with them", () => {
    expect(decisionCode({ shortName: "KS", name: "Kommunstyrelsen" }, "2026-01-07", 16)).toBe(
      "KS 260107 §16",
    );
    expect(attribution([], [["M", "C"], ["SD"]])).toBe("med särskilt yttrande (M+C) och (SD)");
    expect(attribution(["SD"], [["M", "C"]])).toBe("med reservation (SD) och särskilt yttrande (M+C)");
    expect(attribution(["M", "SD", "M"], [])).toBe("med reservation (M) och (SD)");
    expect(attribution([], [])).toBe("");
  });

  it("writes the seed's motion sentence", () => {
    expect(
      motionSentence(
        ["Katrin Stjernfeldt Jammeh (S)", "Roko Kursar (L)"],
        [],
        "approve",
        null,
        `${genitive("Kommunstyrelsen")} förslag`,
      ),
    ).toBe("Katrin Stjernfeldt Jammeh (S) och Roko Kursar (L) yrkar bifall till kommunstyrelsens förslag.");
  });

  it("names recipients as the seed does", () => {
    expect(recipientName({ kind: "company", name: "MKB Fastighets AB", shortName: "MKB" }, null)).toBe("MKB");
    expect(
      recipientName(
        { kind: "department", name: "Hållbarhetsavdelningen", shortName: "HÅL" },
        { name: "Stadskontoret" },
      ),
    ).toBe("Stadskontoret, hållbarhetsavdelningen");
    expect(recipientName({ kind: "committee", name: "Fritidsnämnden", shortName: "FRN" }, null)).toBe(
      "Fritidsnämnden",
    );
  });
});
