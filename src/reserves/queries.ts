import { and, eq, inArray, sql } from "drizzle-orm";
import { area } from "../areas/tables.js";
import type { Tx } from "../db/connect.js";
import { appropriation, callOff, indicator, type LedgerKind, ledgerEntry } from "./tables.js";

/** The reserve, locked until the end of the transaction so grants against it queue instead of racing. */
export async function lockAppropriation(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(appropriation)
    .where(and(eq(appropriation.municipalityId, municipalityId), eq(appropriation.id, id)))
    .for("update");
  return row ?? null;
}

export async function findAppropriation(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(appropriation)
    .where(and(eq(appropriation.municipalityId, municipalityId), eq(appropriation.id, id)));
  return row ?? null;
}

export async function findAppropriationByExternalId(tx: Tx, municipalityId: string, externalId: string) {
  const [row] = await tx
    .select()
    .from(appropriation)
    .where(and(eq(appropriation.municipalityId, municipalityId), eq(appropriation.externalId, externalId)));
  return row ?? null;
}

export async function lockCallOff(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(callOff)
    .where(and(eq(callOff.municipalityId, municipalityId), eq(callOff.id, id)))
    .for("update");
  return row ?? null;
}

export async function findCallOffByExternalId(tx: Tx, municipalityId: string, externalId: string) {
  const [row] = await tx
    .select()
    .from(callOff)
    .where(and(eq(callOff.municipalityId, municipalityId), eq(callOff.externalId, externalId)));
  return row ?? null;
}

export function listAreasByIds(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(area)
    .where(and(eq(area.municipalityId, municipalityId), inArray(area.id, ids)));
}

export function listCallOffIndicators(tx: Tx, callOffId: string) {
  return tx.select().from(indicator).where(eq(indicator.callOffId, callOffId)).orderBy(indicator.position);
}

/** The sums the ledger gives for each reserve, to check the balance kept on its row against. */
export async function ledgerSums(tx: Tx, appropriationIds: string[]) {
  const sums = new Map<string, Record<LedgerKind, number>>();
  for (const id of appropriationIds)
    sums.set(id, { appropriated: 0, granted: 0, paid: 0, grant_reversed: 0, payment_reversed: 0 });
  if (appropriationIds.length === 0) return sums;
  const rows = await tx
    .select({
      appropriationId: ledgerEntry.appropriationId,
      kind: ledgerEntry.kind,
      total: sql<string>`sum(${ledgerEntry.amountOre})::text`,
    })
    .from(ledgerEntry)
    .where(inArray(ledgerEntry.appropriationId, appropriationIds))
    .groupBy(ledgerEntry.appropriationId, ledgerEntry.kind);
  for (const r of rows) sums.get(r.appropriationId)![r.kind] = Number(r.total);
  return sums;
}
