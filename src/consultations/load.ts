import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { body } from "../organisation/tables.js";
import { consultation, consultee } from "./tables.js";

/** The consultation, locked for the rest of the transaction so two changes to it queue up. */
export async function lockConsultation(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(consultation)
    .where(and(eq(consultation.municipalityId, municipalityId), eq(consultation.id, id)))
    .for("update");
  if (!row) throw new NotFoundError("consultation");
  return row;
}

/** The consultation's consultees with their names, in the order they were listed. */
export function consulteesWithNames(tx: Tx, consultationId: string) {
  return tx
    .select({
      c: consultee,
      bodyName: body.name,
      bodyShortName: body.shortName,
    })
    .from(consultee)
    .leftJoin(body, eq(body.id, consultee.bodyId))
    .where(eq(consultee.consultationId, consultationId))
    .orderBy(asc(consultee.position));
}

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
    const [b] = await tx
      .select()
      .from(body)
      .where(and(eq(body.municipalityId, municipalityId), eq(body.id, who.bodyId)));
    if (b) throw new DomainError("not_consulted", { name: b.name }, "bodyId");
  }
  throw new DomainError("consultee_not_found", {}, who.consulteeId ? "consulteeId" : "bodyId");
}

/** A consultee's name as the register and the overview print it. */
export function consulteeName(r: { c: { organisationName: string | null }; bodyName: string | null }) {
  return r.bodyName ?? r.c.organisationName ?? "";
}
