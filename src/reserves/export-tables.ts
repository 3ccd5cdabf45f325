import type { Table } from "../assignments/tabular.js";
import {
  callOffColumns,
  indicatorColumns,
  kronorCell,
  periodWords,
  progressMethodWords,
  reportColumns,
  reserveColumns,
  statusWords,
  unitWords,
} from "./columns.js";
import type { ReserveView } from "./present.js";

// The reserves' tables for download, in the columns the import reads back. Pure: made from the presented views,
// so a download shows exactly what the page shows to the same reader.

export const exportKinds = ["reserver", "avrop", "indikatorer", "rapporter"] as const;
export type ExportKind = (typeof exportKinds)[number];

const percent = (permille: number | null) => (permille === null ? null : permille / 10);

export function exportTable(kind: ExportKind, reserves: ReserveView[]): Table {
  const callOffs = reserves.flatMap((r) => r.callOffs);
  if (kind === "reserver")
    return {
      sheet: "Reserver",
      header: [...reserveColumns],
      rows: reserves.map((r) => [
        r.externalId,
        r.year,
        r.title,
        r.purpose,
        r.ownerBodyName,
        r.decision,
        r.caseNumber,
        kronorCell(r.money.appropriatedOre),
        kronorCell(r.money.grantedOre),
        kronorCell(r.money.paidOre),
        kronorCell(r.money.remainingOre),
        r.processes.join(", "),
        r.themes.join(", "),
        r.targetGroups.join(", "),
        percent(r.progressPermille),
        progressMethodWords[r.progressMethod],
        r.illustrative ? "ja" : "nej",
      ]),
    };
  if (kind === "avrop")
    return {
      sheet: "Avrop",
      header: [...callOffColumns],
      rows: callOffs.map((c) => [
        c.externalId,
        c.reserveExternalId,
        c.caseNumber,
        c.title,
        c.applyingBodyName,
        c.theme,
        c.targetGroup,
        c.areas.join(", "),
        c.process,
        c.description,
        c.appliedOn,
        c.startsOn,
        c.endsOn,
        kronorCell(c.requestedOre),
        c.statusText,
        c.decision,
        kronorCell(c.money.grantedOre),
        kronorCell(c.money.reversedOre),
        kronorCell(c.money.paidOre),
        percent(c.progressPermille),
        c.illustrative ? "ja" : "nej",
      ]),
    };
  if (kind === "indikatorer")
    return {
      sheet: "Indikatorer",
      header: [...indicatorColumns],
      rows: callOffs.flatMap((c) =>
        c.indicators.map((i) => [
          i.externalId,
          c.externalId,
          i.name,
          unitWords[i.unit],
          i.baseline,
          i.target,
          i.source,
          i.weight,
        ]),
      ),
    };
  return {
    sheet: "Rapporter",
    header: [...reportColumns],
    rows: callOffs.flatMap((c) =>
      c.reports.flatMap((r) => {
        const head = [
          r.externalId,
          c.externalId,
          r.year,
          periodWords[r.period],
          statusWords[r.status],
          kronorCell(r.moneyUsedOre),
          r.narrative,
          r.reportedOn,
        ];
        return r.values.length === 0
          ? [[...head, null, null]]
          : r.values.map((v) => [...head, v.indicatorExternalId, v.value]);
      }),
    ),
  };
}
