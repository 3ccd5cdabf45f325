import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { secretTextWarning } from "../domain/secret-text.js";
import { registerCase } from "../register/tables.js";
import { agendaItem, paragraph } from "./tables.js";

/**
 * What a write of free text answers with when the text is on a secret case (L31): the warning that it stays out of
 * the public versions until reviewed at /granskning. Nothing when no text was written or the case is not secret.
 */
export async function secretTextWarningFor(
  tx: Tx,
  municipalityId: string,
  at: { paragraphId: string } | { agendaItemId: string },
  text: string | null | undefined,
): Promise<{ warning?: string }> {
  if (!text) return {};
  const item =
    "agendaItemId" in at
      ? eq(agendaItem.id, at.agendaItemId)
      : eq(
          agendaItem.id,
          sql`(select ${paragraph.agendaItemId} from ${paragraph} where ${paragraph.id} = ${at.paragraphId})`,
        );
  const [row] = await tx
    .select({ id: registerCase.id })
    .from(agendaItem)
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .where(
      and(item, eq(agendaItem.municipalityId, municipalityId), isNotNull(registerCase.secrecyProvision)),
    );
  return row ? { warning: secretTextWarning } : {};
}
