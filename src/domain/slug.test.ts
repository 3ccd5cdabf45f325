import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify } from "./slug.js";

describe("slugify", () => {
  it("turns the seed's body names into the slugs the public pages use", () => {
    expect(slugify("Kommunfullmäktige")).toBe("kommunfullmaktige");
    expect(slugify("Fritidsnämnden")).toBe("fritidsnamnden");
    expect(slugify("Arbetsmarknads- och socialnämnden")).toBe("arbetsmarknads-och-socialnamnden");
    expect(slugify("MINC i Sverige AB")).toBe("minc-i-sverige-ab");
    expect(slugify("Stadskontoret, hållbarhetsavdelningen")).toBe("stadskontoret-hallbarhetsavdelningen");
  });

  it("always yields a slug the database accepts, or nothing", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const slug = slugify(name);
        expect(slug === "" || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)).toBe(true);
      }),
    );
  });
});
