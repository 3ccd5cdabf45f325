import { randomUUID } from "node:crypto";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { numberParts } from "../domain/numbering.js";
import { findBody, findPerson } from "../organisation/queries.js";
import { ensureCounter, insertNumberedCase } from "./allocate.js";
import { inCounterQueue } from "./counter-queue.js";
import { findCase, findSeriesByCode } from "./queries.js";
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

/** Registers a case as registerNewCase does, and returns the names of what it refers to for its view. */
export async function registerCaseWithNames(tx: Tx, actor: Actor, input: CaseInput): Promise<RegisteredCase> {
  authorize(actor, "register:write", input.responsibleBodyId);
  const series = await findSeriesByCode(tx, actor.municipalityId, input.seriesCode);
  if (!series) throw new DomainError("series_not_found", { code: input.seriesCode }, "seriesCode");
  const body = input.responsibleBodyId
    ? await findBody(tx, actor.municipalityId, input.responsibleBodyId)
    : null;
  if (input.responsibleBodyId && !body) throw new DomainError("body_not_found", {}, "responsibleBodyId");
  const officer = input.caseOfficerId
    ? await findPerson(tx, actor.municipalityId, input.caseOfficerId)
    : null;
  if (input.caseOfficerId && !officer) throw new DomainError("person_not_found", {}, "caseOfficerId");
  const origin = input.originCaseId ? await findCase(tx, actor.municipalityId, input.originCaseId) : null;
  if (input.originCaseId && !origin) throw new DomainError("case_not_found", {}, "originCaseId");
  let marker: { name: string } | undefined;
  if (input.secrecy) {
    if (!input.publicTitle) throw new DomainError("secret_case_needs_public_title", {}, "publicTitle");
    marker = await findBody(tx, actor.municipalityId, input.secrecy.markedById);
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
  const numbered = await inCounterQueue(tx, `${series.id}:${year}`, async () => {
    const first = await insertNumberedCase(tx, actor, values, parts);
    if (first) return first;
    await ensureCounter(tx, series.id, year);
    return insertNumberedCase(tx, actor, values, parts);
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
