import { describe, expect, it } from "vitest";
import { parseMailAddress } from "./email.js";

describe("an e-mail address to send to", () => {
  it("takes an ordinary address, trimmed, with its domain in lower case", () => {
    expect(parseMailAddress(" Registrator@Malmo.SE ")).toBe("Registrator@malmo.se");
    expect(parseMailAddress("ana-maria.deliv+kf@stad.malmo.se")).toBe("ana-maria.deliv+kf@stad.malmo.se");
  });

  it("refuses what is far more often a typing error than a mailbox", () => {
    for (const bad of [
      "",
      "malmo.se",
      "anna@",
      "@malmo.se",
      "anna@@malmo.se",
      "anna@malmo",
      "anna@malmo..se",
      "anna.@malmo.se",
      "an na@malmo.se",
      "Anna <anna@malmo.se>",
      "anna@-malmo.se",
      "anna@malmo.s3",
      `${"a".repeat(65)}@malmo.se`,
      "anna@malmo.se\r\nBcc: x@y.se",
    ])
      expect(parseMailAddress(bad), bad).toBeNull();
  });
});
