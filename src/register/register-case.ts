import { randomUUID } from "node:crypto";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { numberParts } from "../domain/numbering.js";
import { findBody, findPerson } from "../organisation/queries.js";
import { ensureCounter, insertNumberedCase } from "./allocate.js";
import { inCounterQueue } from "./counter-queue.js";
import { findCase, findSeriesByCode } from "./queries.js";
import type { CaseInput } from "./schemas.js";
import type { registerCase } from "./tables.js";

/** Registers a case and gives it the next number of its series for the year it was opened (OSL 5 kap. 1 §). */
export async function registerNewCase(tx: Tx, actor: Actor, input: CaseInput) {
  authorize(actor, "register:write", input.responsibleBodyId);
  const series = await findSeriesByCode(tx, actor.municipalityId, input.seriesCode);
  if (!series) throw new DomainError("series_not_found", { code: input.seriesCode }, "seriesCode");
  if (input.responsibleBodyId && !(await findBody(tx, actor.municipalityId, input.responsibleBodyId))) {
    throw new DomainError("body_not_found", {}, "responsibleBodyId");
  }
  if (input.caseOfficerId && !(await findPerson(tx, actor.municipalityId, input.caseOfficerId))) {
    throw new DomainError("person_not_found", {}, "caseOfficerId");
  }
  if (input.originCaseId && !(await findCase(tx, actor.municipalityId, input.originCaseId))) {
    throw new DomainError("case_not_found", {}, "originCaseId");
  }
  if (input.secrecy) {
    if (!input.publicTitle) throw new DomainError("secret_case_needs_public_title", {}, "publicTitle");
    if (!(await findBody(tx, actor.municipalityId, input.secrecy.markedById)))
      throw new DomainError("body_not_found", {}, "secrecy.markedById");
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
  // Everything is checked; only now is the number taken, in the statement that inserts the case.
  const parts = numberParts(series.pattern, series.prefix, year);
  const numbered = await inCounterQueue(tx, `${series.id}:${year}`, async () => {
    const first = await insertNumberedCase(tx, values, parts);
    if (first) return first;
    await ensureCounter(tx, series.id, year);
    return insertNumberedCase(tx, values, parts);
  });
  const created = {
    ...values,
    sequence: numbered!.sequence,
    number: numbered!.number,
    status: "open" as const,
    closedOn: null,
    lastRecordSequence: 0,
    createdAt: numbered!.createdAt,
    updatedAt: numbered!.createdAt,
  } satisfies typeof registerCase.$inferSelect;
  await recordAudit(tx, actor, {
    action: "case.registered",
    recordType: "case",
    recordId: created.id,
    after: created,
  });
  return created;
}
