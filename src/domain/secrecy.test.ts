import { describe, expect, it } from "vitest";
import { registerRecordEntry, registerTitle, secrecyMarkingProblem } from "./secrecy.js";

describe("secrecy marking (OSL 5 kap. 5 § (check))", () => {
  it("needs provision, date and marking body", () => {
    const full = { provision: "OSL 21 kap. 1 §", markedOn: "2025-06-19", markedById: "b" };
    expect(secrecyMarkingProblem(full)).toBeNull();
    expect(secrecyMarkingProblem({ ...full, provision: "  " })).toBe("provision");
    expect(secrecyMarkingProblem({ ...full, markedOn: null })).toBe("date");
    expect(secrecyMarkingProblem({ ...full, markedById: undefined })).toBe("body");
  });
});

describe("the public register entry (OSL 5 kap. 2 §)", () => {
  const secretCase = { secret: true, title: "Utredning om enskild elev", publicTitle: "Utredning" };

  it("shows a secret case's public title to a reader without access, the real one to one with", () => {
    expect(registerTitle(secretCase, false)).toBe("Utredning");
    expect(registerTitle(secretCase, true)).toBe("Utredning om enskild elev");
    expect(registerTitle({ ...secretCase, secret: false }, false)).toBe("Utredning om enskild elev");
    expect(registerTitle({ ...secretCase, publicTitle: null }, false)).toBe("Sekretessmarkerat ärende");
  });

  it("leaves out sender and description of a secret record, never its number or date", () => {
    const entry = {
      secret: true,
      description: "Anmälan om Anna Andersson",
      publicDescription: "Anmälan",
      counterpartName: "Anna Andersson",
      counterpartBodyId: null,
    };
    expect(registerRecordEntry(entry, false)).toEqual({
      description: "Anmälan",
      counterpartName: null,
      counterpartBodyId: null,
      withheld: true,
    });
    expect(registerRecordEntry(entry, true).description).toBe("Anmälan om Anna Andersson");
    expect(registerRecordEntry({ ...entry, publicDescription: null }, false).description).toBe(
      "Sekretessmarkerad handling",
    );
  });
});
