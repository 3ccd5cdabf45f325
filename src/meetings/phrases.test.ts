import { describe, expect, it } from "vitest";
import { bodyDecisionCode } from "../domain/citation.js";
import { attribution, minutesOwner, motionSentence, ownerInText, recipientName } from "./phrases.js";

describe("the sentences of the minutes", () => {
  it("writes the seed's decision codes and what they carry with them", () => {
    expect(bodyDecisionCode({ shortName: "KS", name: "Kommunstyrelsen" }, "2026-01-07", 16)).toBe(
      "KS 260107 § 16",
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
        `${ownerInText("Kommunstyrelsen")} förslag`,
      ),
    ).toBe("Katrin Stjernfeldt Jammeh (S) och Roko Kursar (L) yrkar bifall till kommunstyrelsens förslag.");
  });

  it("names a body as the owner of a decision or of the minutes inside a sentence", () => {
    expect(ownerInText("Kommunfullmäktige")).toBe("kommunfullmäktiges");
    expect(ownerInText("Arbetsmarknads- och socialnämnden")).toBe("arbetsmarknads- och socialnämndens");
    expect(ownerInText("KSAU")).toBe("KSAU:s");
    expect(minutesOwner({ kind: "council", name: "Kommunfullmäktige" })).toBe("fullmäktiges");
    expect(minutesOwner({ kind: "committee", name: "Kulturnämnden" })).toBe("kulturnämndens");
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
