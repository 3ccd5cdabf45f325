import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { consulteesWithNames } from "./queries.js";

/** The consultee a response or a refusal comes from; a body that was not asked is refused by name. */
export async function findRespondent(
  tx: Tx,
  municipalityId: string,
  consultationId: string,
  who: { consulteeId?: string | null; bodyId?: string | null },
) {
  const all = await consulteesWithNames(tx, consultationId);
  const found = all.find((r) => (who.consulteeId ? r.c.id === who.consulteeId : r.c.bodyId === who.bodyId));
  if (found) return found;
  if (who.bodyId) {
    const b = await findBody(tx, municipalityId, who.bodyId);
    if (b) throw new DomainError("not_consulted", { name: b.name }, "bodyId");
  }
  throw new DomainError("consultee_not_found", {}, who.consulteeId ? "consulteeId" : "bodyId");
}
