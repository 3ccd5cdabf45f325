import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPersonalData, identityNumberKind, luhnValid, maskPersonalData } from "./personal-data.js";

describe("the personal-data screen (L31)", () => {
  it("knows a personal identity number by its check digit (Skatteverket SKV 704)", () => {
    expect(luhnValid("8112189876")).toBe(true);
    expect(luhnValid("8112189877")).toBe(false);
    expect(identityNumberKind("198112189876")).toBe("personal_number");
    expect(identityNumberKind("8112189877")).toBeNull();
    // A co-ordination number adds 60 to the day.
    expect(identityNumberKind("7010632391")).toBe("coordination_number");
    // A month 13 is no date, whatever the check digit says.
    expect(identityNumberKind("8113189875")).toBeNull();
  });

  it("masks identity numbers, phone numbers and street addresses, and leaves dates, case numbers and sums", () => {
    expect(maskPersonalData("Sökande 19811218-9876 och 811218-9876.")).toBe(
      "Sökande [personnummer borttaget] och [personnummer borttaget].",
    );
    expect(maskPersonalData("Samordningsnummer 701063-2391.")).toBe(
      "Samordningsnummer [samordningsnummer borttaget].",
    );
    expect(maskPersonalData("Ring 070-123 45 67 eller +46 40 34 10 00.")).toBe(
      "Ring [telefonnummer borttaget] eller [telefonnummer borttaget].",
    );
    expect(maskPersonalData("Hon bor på Lönnvägen 7, 211 22 Malmö.")).toBe("Hon bor på [adress borttagen].");
    const untouched =
      "Beslut 2026-01-22 § 8, dnr STK-2024-1374 och KS 2024/0123, 12 345 000 kr, 811218-9877.";
    expect(maskPersonalData(untouched)).toBe(untouched);
  });

  it("leaves nothing the screen finds in the text it masks", () => {
    const piece = fc.constantFrom(
      "19811218-9876",
      "701063-2391",
      "070-123 45 67",
      "Storgatan 12",
      "beslut",
      " ",
      "2026-01-22",
      "§ 8",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join(" ");
        expect(findPersonalData(maskPersonalData(text))).toEqual([]);
      }),
    );
  });
});
