import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { type ConsultationSummaryView, presentConsultationList } from "./present.js";
import { listConsultationRows, listConsulteeStatuses } from "./queries.js";

/** Every consultation of the municipality, newest first, with counts per state: two queries however many. */
export async function readConsultations(
  tx: Tx,
  municipalityId: string,
  today: string = todayInStockholm(),
): Promise<ConsultationSummaryView[]> {
  const rows = await listConsultationRows(tx, municipalityId);
  const statuses = rows.length
    ? await listConsulteeStatuses(
        tx,
        rows.map((r) => r.c.id),
      )
    : [];
  return presentConsultationList(rows, statuses, today);
}
