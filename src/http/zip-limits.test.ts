import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipBomb } from "../../test/support/zip.js";
import { checkZipInflation, isZipContainer } from "./zip-limits.js";

const MiB = 1024 * 1024;

describe("looking inside an uploaded ZIP container", () => {
  it("stops a small container that inflates beyond the limit, counting what comes out", () => {
    const bomb = zipBomb("[Content_Types].xml", 64);
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    expect(isZipContainer(bomb)).toBe(true);
    expect(checkZipInflation(bomb, MiB)).toBe("too_large");
    // An entry the reader will not read is not inflated at all.
    expect(checkZipInflation(bomb, MiB, (name) => name === "mimetype")).toBe("within");
  });

  it("lets an ordinary container through, and says when one cannot be read", () => {
    const docx = zipSync({
      "[Content_Types].xml": new TextEncoder().encode('<Types><Override ContentType="x.main+xml"/></Types>'),
      "word/document.xml": new TextEncoder().encode("<w:document>Hej</w:document>".repeat(1000)),
    });
    expect(checkZipInflation(docx, MiB)).toBe("within");
    // The whole of it is more than 16 KiB, its type entry far less.
    expect(checkZipInflation(docx, 16 * 1024)).toBe("too_large");
    expect(checkZipInflation(docx, 16 * 1024, (name) => name === "[Content_Types].xml")).toBe("within");
    // An entry compressed with a method no reader here knows (99: AES) cannot be inflated, so it is not read.
    const odd = new Uint8Array(docx);
    odd[8] = 99;
    expect(checkZipInflation(odd, MiB)).toBe("unreadable");
    expect(isZipContainer(new TextEncoder().encode("PK text"))).toBe(false);
  });
});
