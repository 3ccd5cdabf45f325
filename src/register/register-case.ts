import { randomUUID } from "node:crypto";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Db, Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { numberParts } from "../domain/numbering.js";
import { ensureCounter, insertNumberedCase } from "./allocate.js";
import { inCounterQueue } from "./counter-queue.js";
import { findCaseReferences } from "./queries.js";
import type { CaseInput } from "./schemas.js";
import type { registerCase } from "./tables.js";

type CaseRow = typeof registerCase.$inferSelect;

/** A case just registered, with the names its view shows: what findCaseDetails would read, without reading it. */
export interface RegisteredCase {
  case: CaseRow;
  bodyName: string | null;
  bodySlug: string | null;
  officerName: string | null;
  markedByName: string | null;
  origin: CaseRow | null;
}

/** Registers a case and gives it the next number of its series for the year it was opened (OSL 5 kap. 1 §). */
export async function registerNewCase(tx: Tx, actor: Actor, input: CaseInput): Promise<CaseRow> {
  return (await registerCaseWithNames(tx, actor, input)).case;
}

/**
 * Registers a case as registerNewCase does, and returns the names of what it refers to for its view. Given a
 * transaction it registers in that transaction. Given the database itself, it reads the references in one
 * statement and writes in one more that commits on its own: the case, its number and its audit entry together
 * or not at all, and the counter row locked only while the database executes and commits that statement.
 */
export async function registerCaseWithNames(db: Db, actor: Actor, input: CaseInput): Promise<RegisteredCase> {
  authorize(actor, "register:write", input.responsibleBodyId);
  const refs = await findCaseReferences(db, actor.municipalityId, {
    seriesCode: input.seriesCode,
    bodyId: input.responsibleBodyId,
    officerId: input.caseOfficerId,
    originId: input.originCaseId,
    markerId: input.secrecy?.markedById,
  });
  if (!refs) throw new DomainError("series_not_found", { code: input.seriesCode }, "seriesCode");
  const { series, body, officer, origin, marker } = refs;
  if (input.responsibleBodyId && !body) throw new DomainError("body_not_found", {}, "responsibleBodyId");
  if (input.caseOfficerId && !officer) throw new DomainError("person_not_found", {}, "caseOfficerId");
  if (input.originCaseId && !origin) throw new DomainError("case_not_found", {}, "originCaseId");
  if (input.secrecy) {
    if (!input.publicTitle) throw new DomainError("secret_case_needs_public_title", {}, "publicTitle");
    if (!marker) throw new DomainError("body_not_found", {}, "secrecy.markedById");
  }
  const year = Number(input.openedOn.slice(0, 4));
  const values = {
    id: randomUUID(),
    municipalityId: actor.municipalityId,
    seriesId: series.id,
    year,
    title: input.title,
    publicTitle: input.publicTitle ?? null,
    responsibleBodyId: input.responsibleBodyId ?? null,
    caseOfficerId: input.caseOfficerId ?? null,
    originCaseId: input.originCaseId ?? null,
    openedOn: input.openedOn,
    secrecyProvision: input.secrecy?.provision ?? null,
    secrecyMarkedOn: input.secrecy?.markedOn ?? null,
    secrecyMarkedById: input.secrecy?.markedById ?? null,
  };
  // Everything is checked; only now is the number taken, in the statement that inserts the case and writes its
  // audit entry. It is the transaction's last statement, so the counter row stays locked only until the commit.
  const parts = numberParts(series.pattern, series.prefix, year);
  const transaction = is(db, PgTransaction) ? db : null;
  const numbered = await inCounterQueue(transaction, `${series.id}:${year}`, async () => {
    const first = await insertNumberedCase(db, actor, values, parts);
    if (first) return first;
    await ensureCounter(db, series.id, year);
    return insertNumberedCase(db, actor, values, parts);
  });
  return {
    case: {
      ...values,
      sequence: numbered!.sequence,
      number: numbered!.number,
      status: "open",
      closedOn: null,
      lastRecordSequence: 0,
      createdAt: numbered!.createdAt,
      updatedAt: numbered!.createdAt,
    },
    bodyName: body?.name ?? null,
    bodySlug: body?.slug ?? null,
    officerName: officer?.name ?? null,
    markedByName: marker?.name ?? null,
    origin: origin ?? null,
  };
}
