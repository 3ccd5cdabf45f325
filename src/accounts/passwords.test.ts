import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashPassword, maxPasswordLength, verifyPassword } from "./passwords.js";
import { LoginInput, UserInput } from "./schemas.js";

describe("password hashing", () => {
  it("makes argon2id hashes with the parameters Paragraf pins, whatever the library's defaults", async () => {
    const stored = await hashPassword("ett långt lösenord");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[^$]{22}\$[^$]{43}$/);
    expect(await verifyPassword(stored, "ett långt lösenord")).toBe(true);
    expect(await verifyPassword(stored, "ett annat lösenord")).toBe(false);
  });

  it("still verifies a hash made with other parameters, as an older installation's are", async () => {
    const older = await hash("gammalt lösenord", { memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    expect(older).toContain("m=65536,t=3,p=4");
    expect(await verifyPassword(older, "gammalt lösenord")).toBe(true);
    expect(await verifyPassword("inte en hash", "gammalt lösenord")).toBe(false);
  });

  it(`takes passwords up to ${maxPasswordLength} characters and refuses longer ones in Swedish`, () => {
    const user = { email: "a@example.se", displayName: "A", grants: [] };
    expect(UserInput.safeParse({ ...user, password: "x".repeat(maxPasswordLength) }).success).toBe(true);
    const long = UserInput.safeParse({ ...user, password: "x".repeat(maxPasswordLength + 1) });
    expect(long.error?.issues[0]?.message).toBe("Lösenordet får ha högst 128 tecken.");
    const login = LoginInput.safeParse({
      email: "a@example.se",
      password: "x".repeat(maxPasswordLength + 1),
    });
    expect(login.error?.issues[0]?.message).toBe("Lösenordet får ha högst 128 tecken.");
  });
});
