import { describe, expect, it } from "vitest";
import { bodyDecisionCode } from "../domain/citation.js";
import {
  attribution,
  electionSentence,
  minutesOwner,
  motionName,
  motionSentence,
  ownerInText,
  recipientName,
} from "./phrases.js";

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

  it("quotes a motion's own wording in a form that reads right for its kind", () => {
    const ks = "kommunstyrelsens förslag";
    const who = ["Anna Andersson (M)"];
    expect(motionSentence(who, [], "reject", "Motionen avslås.", ks)).toBe(
      "Anna Andersson (M) yrkar avslag på kommunstyrelsens förslag och föreslår i stället: ”Motionen avslås”.",
    );
    expect(motionSentence(who, [], "approve", "Motionen bifalls", ks)).toBe(
      "Anna Andersson (M) yrkar bifall till följande förslag: ”Motionen bifalls”.",
    );
    expect(motionSentence(who, [], "amend", "Beslutspunkt 2 ska lyda: Avgiften är 100 kronor.", ks)).toBe(
      "Anna Andersson (M) yrkar följande ändring: ”Beslutspunkt 2 ska lyda: Avgiften är 100 kronor”.",
    );
    expect(motionSentence(who, [], "add", "Uppdraget redovisas i juni", ks)).toBe(
      "Anna Andersson (M) yrkar följande tillägg: ”Uppdraget redovisas i juni”.",
    );
    expect(motionSentence(who, [], "reject", null, ks)).toBe(
      "Anna Andersson (M) yrkar avslag på kommunstyrelsens förslag.",
    );
  });

  it("gives two approving motions different names when one has its own wording", () => {
    expect(motionName(["Anna Andersson (M)"], "approve", "förslaget till beslut", "Motionen bifalls")).toBe(
      "bifallsyrkandet från Anna Andersson (M)",
    );
    expect(motionName(["Bo Berg (S)"], "approve", "förslaget till beslut")).toBe("förslaget till beslut");
  });

  it("says who was elected, and that lots drawn at the meeting decided a tie (KL 5 kap. 55 § (check))", () => {
    expect(
      electionSentence({
        seats: 2,
        secret: false,
        candidates: [
          { name: "A (S)", votes: 30, elected: true, byLot: false },
          { name: "B (M)", votes: 20, elected: false, byLot: false },
          { name: "C (V)", votes: 20, elected: true, byLot: true },
        ],
        abstain: 1,
        absent: 0,
        bodyName: "Kommunfullmäktige",
      }),
    ).toEqual([
      "Omröstning begärs och verkställs i valet, som gäller 2 platser. Kandidater är A (S), B (M) och C (V).",
      "Omröstningen ger A (S) 30 röster, B (M) 20 röster och C (V) 20 röster; 1 avstår och 0 tjänstgörande deltar inte.",
      "Rösterna är lika mellan B (M) och C (V). Lotten dras vid sammanträdet och faller på C (V) (KL 5 kap. 55 §).",
      "Därmed har kommunfullmäktige valt A (S) och C (V).",
    ]);
  });
});
