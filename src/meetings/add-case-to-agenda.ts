import type { z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findCaseByNumber } from "../register/queries.js";
import { addAgendaItem } from "./add-agenda-item.js";
import type { CaseNumberInput } from "./schemas.js";

/** Puts a case on a meeting's agenda by its diary number, as the secretary types it (STK-2024-1374). */
export async function addCaseToAgenda(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof CaseNumberInput>,
) {
  const found = await findCaseByNumber(tx, actor.municipalityId, input.caseNumber);
  if (!found) throw new DomainError("case_not_found", {}, "caseNumber");
  return addAgendaItem(tx, actor, meetingId, { caseId: found.id });
}
