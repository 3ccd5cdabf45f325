import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { numberSeries, record, registerCase } from "./tables.js";

export function findSeriesByCode(tx: Tx, municipalityId: string, code: string) {
  return tx.query.numberSeries.findFirst({
    where: and(eq(numberSeries.municipalityId, municipalityId), eq(numberSeries.code, code)),
  });
}

export function findCase(tx: Tx, municipalityId: string, id: string) {
  return tx.query.registerCase.findFirst({
    where: and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.id, id)),
  });
}

export function findCaseByNumber(tx: Tx, municipalityId: string, number: string) {
  return tx.query.registerCase.findFirst({
    where: and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.number, number)),
  });
}

export function findRecord(tx: Tx, municipalityId: string, id: string) {
  return tx.query.record.findFirst({
    where: and(eq(record.municipalityId, municipalityId), eq(record.id, id)),
  });
}
