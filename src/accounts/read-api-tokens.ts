import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { listBodies } from "../organisation/queries.js";
import { listApiTokens } from "./api-tokens.js";
import { roleName } from "./present.js";

/** The admin's list of API keys in words: roles in Swedish, the body by name, whether the key still holds. */
export async function readApiTokens(tx: Tx, municipalityId: string, now = new Date()) {
  const tokens = await listApiTokens(tx, municipalityId);
  const bodyNames = new Map((await listBodies(tx, municipalityId)).map((b) => [b.id, b.name]));
  return tokens.map((t) => {
    const expired = t.expiresAt !== null && new Date(t.expiresAt) <= now;
    return {
      id: t.id,
      name: t.name,
      roles: t.roles.map((r) => roleName[r]).join(", "),
      body: t.bodyId ? (bodyNames.get(t.bodyId) ?? "okänt organ") : "Alla organ",
      // The last day it holds, Stockholm time (it stops when the next day begins).
      validThrough: t.expiresAt
        ? stockholmDay(new Date(new Date(t.expiresAt).getTime() - 1))
        : "Tills vidare",
      state: t.revokedAt
        ? `Återkallad ${stockholmDay(new Date(t.revokedAt))}`
        : expired
          ? "Utgången"
          : "Gäller",
      active: !t.revokedAt && !expired,
    };
  });
}
