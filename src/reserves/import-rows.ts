import { and, eq } from "drizzle-orm";
import { type Actor, systemActor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { saveArea } from "../areas/save-area.js";
import type { Db, Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError } from "../domain/errors.js";
import { describeError } from "../http/errors.js";
import "../areas/errors.js";
import "./errors.js";
import { enqueueJob } from "../jobs/enqueue.js";
import {
  areaColumns,
  areaKindWords,
  callOffColumns,
  codeOf,
  indicatorColumns,
  periodWords,
  reportColumns,
  reserveColumns,
  statusWords,
  unitWords,
} from "./columns.js";
import { saveIndicator } from "./define-indicators.js";
import { csvRows, type ReadFile, storedRows } from "./import-file.js";
import { importCallOffs, importReserves } from "./import-money.js";
import {
  attempt,
  domainRowError,
  kronor,
  number,
  type Row,
  type RowError,
  zodErrors,
} from "./import-support.js";
import { importJobKind } from "./job-kinds.js";
import { findAppropriation, findCallOffByExternalId, listCallOffIndicators } from "./queries.js";
import { AreaInput, IndicatorInput, ReportInput } from "./schemas.js";
import { submitReport } from "./submit-report.js";
import { type ImportKind, reserveImport } from "./tables.js";

export type { RowError } from "./import-support.js";

export type ImportResult = { ok: true; rows: number } | { ok: false; errors: RowError[] };

/** Files with more data rows than this are read by a job after the request has been answered. */
export const jobThreshold = 500;

const columnsOf: Record<ImportKind, readonly string[]> = {
  areas: areaColumns,
  indicators: indicatorColumns,
  reports: reportColumns,
  reserves: reserveColumns,
  call_offs: callOffColumns,
};

class RefusedRows extends Error {
  constructor(readonly errors: RowError[]) {
    super("import refused");
  }
}

/** A file to import: CSV text, or a file read by what it is (CSV or XLSX). */
export type ImportSource = string | ReadFile;

function fileOf(source: ImportSource): ReadFile {
  return typeof source === "string" ? { format: "csv", rows: csvRows(source), stored: source } : source;
}

/** Checks the header and turns the rows into records by column name; a wrong header refuses the whole file. */
export function readTable(kind: ImportKind, source: ImportSource): Row[] {
  const rows = fileOf(source).rows;
  const expected = columnsOf[kind];
  const header = (rows[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  if (header.length !== expected.length || header.some((h, i) => h !== expected[i]))
    throw new DomainError(
      "import_header_wrong",
      { expected: expected.join(";"), got: header.join(";") },
      "file",
    );
  if (rows.length < 2) throw new DomainError("import_empty", {}, "file");
  return rows.slice(1).map(({ line, cells }) => ({
    line,
    cells: Object.fromEntries(expected.map((c, j) => [c, (cells[j] ?? "").trim()])),
  }));
}

const areaNames = { externalId: "externt_id", name: "namn", kind: "typ" };
const indicatorNames = {
  externalId: "externt_id",
  name: "namn",
  unit: "enhet",
  baseline: "utgångsvärde",
  target: "målvärde",
  source: "källa",
  weight: "vikt",
  callOff: "avrop_externt_id",
};
const reportNames = {
  externalId: "externt_id",
  year: "år",
  period: "period",
  status: "status",
  moneyUsedOre: "använda_medel_kr",
  narrative: "berättelse",
  reportedOn: "rapportdatum",
  indicatorId: "indikator_externt_id",
  value: "värde",
  values: "värde",
  callOff: "avrop_externt_id",
};

async function importAreas(tx: Tx, actor: Actor, rows: Row[], errors: RowError[]) {
  for (const { line, cells } of rows) {
    const kind = codeOf(areaKindWords, cells.typ || "stadsområde");
    const parsed = AreaInput.safeParse({ externalId: cells.externt_id, name: cells.namn, kind: kind ?? "?" });
    if (!parsed.success) {
      errors.push(...zodErrors(line, parsed.error, areaNames));
      continue;
    }
    await attempt(
      tx,
      errors,
      (sp) => saveArea(sp, actor, parsed.data),
      (e) => domainRowError(line, e, areaNames),
    );
  }
}

async function callOffFor(tx: Tx, actor: Actor, externalId: string) {
  const found = await findCallOffByExternalId(tx, actor.municipalityId, externalId);
  if (!found) return null;
  const reserve = (await findAppropriation(tx, actor.municipalityId, found.appropriationId))!;
  authorize(actor, "reserve:write", reserve.ownerBodyId);
  return found;
}

async function importIndicators(tx: Tx, actor: Actor, rows: Row[], errors: RowError[]) {
  const existing = new Map<string, Awaited<ReturnType<typeof listCallOffIndicators>>>();
  for (const { line, cells } of rows) {
    const owner = await callOffFor(tx, actor, cells.avrop_externt_id ?? "");
    if (!owner) {
      errors.push({ row: line, field: "avrop_externt_id", message: "Avropet finns inte." });
      continue;
    }
    const unit = codeOf(unitWords, cells.enhet ?? "");
    const parsed = IndicatorInput.safeParse({
      externalId: cells.externt_id,
      name: cells.namn,
      unit: unit ?? "?",
      baseline: number(cells, "utgångsvärde"),
      target: number(cells, "målvärde"),
      source: cells.källa,
      weight: cells.vikt ? number(cells, "vikt") : 1,
    });
    if (!parsed.success) {
      errors.push(...zodErrors(line, parsed.error, indicatorNames));
      continue;
    }
    if (!existing.has(owner.id)) existing.set(owner.id, await listCallOffIndicators(tx, owner.id));
    const list = existing.get(owner.id)!;
    await attempt(
      tx,
      errors,
      (sp) => saveIndicator(sp, actor, owner.id, parsed.data, "indicator", list),
      (e) => domainRowError(line, e, indicatorNames),
    );
  }
}

async function importReports(tx: Tx, actor: Actor, rows: Row[], errors: RowError[]) {
  // A report is its rows with the same external id: one per indicator value; the report's cells repeat on each.
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = row.cells.externt_id || `rad ${row.line}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [externalId, group] of groups) {
    const first = group[0]!;
    const c = first.cells;
    const differing = group.find((r) =>
      ["avrop_externt_id", "år", "period", "status", "använda_medel_kr", "berättelse", "rapportdatum"].some(
        (k) => r.cells[k] !== c[k],
      ),
    );
    if (differing) {
      errors.push({
        row: differing.line,
        field: "externt_id",
        message: "Raderna för samma rapport har olika uppgifter om rapporten.",
      });
      continue;
    }
    const owner = await callOffFor(tx, actor, c.avrop_externt_id ?? "");
    if (!owner) {
      errors.push({ row: first.line, field: "avrop_externt_id", message: "Avropet finns inte." });
      continue;
    }
    const indicators = await listCallOffIndicators(tx, owner.id);
    const valueRows = group.filter((r) => r.cells.indikator_externt_id);
    const values = [];
    let bad = false;
    for (const r of valueRows) {
      const ind = indicators.find((i) => i.externalId === r.cells.indikator_externt_id);
      if (!ind) {
        errors.push({
          row: r.line,
          field: "indikator_externt_id",
          message: "Indikatorn hör inte till avropet.",
        });
        bad = true;
        continue;
      }
      values.push({ indicatorId: ind.id, value: number(r.cells, "värde") });
    }
    if (bad) continue;
    const parsed = ReportInput.safeParse({
      externalId,
      year: number(c, "år"),
      period: codeOf(periodWords, c.period ?? "") ?? "?",
      status: codeOf(statusWords, c.status ?? "") ?? "?",
      moneyUsedOre: kronor(c, "använda_medel_kr"),
      narrative: c.berättelse,
      reportedOn: c.rapportdatum,
      values,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const valueIndex = issue.path[0] === "values" ? Number(issue.path[1]) : -1;
        errors.push({
          row: valueIndex >= 0 ? valueRows[valueIndex]!.line : first.line,
          field:
            valueIndex >= 0
              ? "värde"
              : ((reportNames as Record<string, string>)[String(issue.path[0])] ?? "rad"),
          message: issue.message,
        });
      }
      continue;
    }
    await attempt(
      tx,
      errors,
      (sp) => submitReport(sp, actor, owner.id, parsed.data),
      (e) => {
        const error = domainRowError(first.line, e, reportNames);
        const m = e instanceof DomainError ? /^values\.(\d+)\./.exec(e.field ?? "") : null;
        return m ? { ...error, row: valueRows[Number(m[1])]!.line, field: "värde" } : error;
      },
    );
  }
}

/**
 * Reads a whole file into the register in the caller's transaction: creates or updates by external id, and
 * collects every refused row. With any refused row it throws, so the transaction writes nothing at all.
 */
export async function importTable(
  tx: Tx,
  actor: Actor,
  kind: ImportKind,
  source: ImportSource,
): Promise<number> {
  authorize(actor, "reserve:write");
  const rows = readTable(kind, source);
  const errors: RowError[] = [];
  if (kind === "areas") await importAreas(tx, actor, rows, errors);
  else if (kind === "indicators") await importIndicators(tx, actor, rows, errors);
  else if (kind === "reports") await importReports(tx, actor, rows, errors);
  else if (kind === "reserves") await importReserves(tx, actor, rows, errors);
  else await importCallOffs(tx, actor, rows, errors);
  if (errors.length > 0) throw new RefusedRows(errors.sort((a, b) => a.row - b.row));
  return rows.length;
}

/** Runs importTable in its own transaction: every row written, or none and the refused rows listed. */
export async function importAllOrNothing(
  db: Db,
  actor: Actor,
  kind: ImportKind,
  source: ImportSource,
): Promise<ImportResult> {
  try {
    const rows = await inTransaction(db, (tx) => importTable(tx, actor, kind, source));
    return { ok: true, rows };
  } catch (error) {
    if (error instanceof RefusedRows) return { ok: false, errors: error.errors };
    if (error instanceof DomainError && error.code !== "forbidden" && error.code !== "unauthenticated")
      return {
        ok: false,
        errors: [{ row: 1, field: error.field ?? "file", message: describeError(error).message }],
      };
    throw error;
  }
}

/** Whether a file is large enough to be read by a job rather than in the request. */
export function isLargeFile(source: ImportSource): boolean {
  if (typeof source !== "string") return source.rows.length > jobThreshold + 1;
  const text = source;
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1 && lines <= jobThreshold + 1; i = text.indexOf("\n", i + 1))
    lines++;
  return lines > jobThreshold + 1;
}

/** Keeps a large file for the import job and queues the job, in the caller's transaction. */
export async function queueImport(tx: Tx, actor: Actor, kind: ImportKind, source: ImportSource) {
  authorize(actor, "reserve:write");
  const file = fileOf(source);
  readTable(kind, file); // a wrong header is refused now, not later
  const [queued] = await tx
    .insert(reserveImport)
    .values({
      municipalityId: actor.municipalityId,
      kind,
      format: file.format,
      content: file.stored,
      requestedBy: actor.label ?? "okänd",
    })
    .returning({ id: reserveImport.id, status: reserveImport.status });
  await enqueueJob(tx, {
    municipalityId: actor.municipalityId,
    kind: importJobKind,
    payload: { importId: queued!.id },
    idempotencyKey: `${importJobKind}:${queued!.id}`,
  });
  return queued!;
}

/** The import job: reads the kept file all or nothing and records the outcome on the import. */
export async function runImport(db: Db, municipalityId: string, importId: string) {
  const [row] = await inTransaction(db, (tx) =>
    tx
      .select()
      .from(reserveImport)
      .where(and(eq(reserveImport.id, importId), eq(reserveImport.municipalityId, municipalityId))),
  );
  if (row?.status !== "waiting") return;
  const actor = systemActor(municipalityId, `Inläsning begärd av ${row.requestedBy}`);
  let result: ImportResult;
  try {
    const rows = await storedRows(row.format, row.content);
    result = await importAllOrNothing(db, actor, row.kind, { format: row.format, rows, stored: row.content });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    result = { ok: false, errors: [{ row: 1, field: "file", message: describeError(error).message }] };
  }
  await inTransaction(db, (tx) =>
    tx
      .update(reserveImport)
      .set({
        status: result.ok ? "done" : "refused",
        rowCount: result.ok ? result.rows : 0,
        errors: result.ok ? [] : result.errors,
        finishedAt: new Date(),
      })
      .where(eq(reserveImport.id, importId)),
  );
}

/** An import's state, for the one who asked for it. */
export async function readImport(tx: Tx, municipalityId: string, importId: string) {
  const [row] = await tx
    .select({
      id: reserveImport.id,
      kind: reserveImport.kind,
      status: reserveImport.status,
      rowCount: reserveImport.rowCount,
      errors: reserveImport.errors,
      createdAt: reserveImport.createdAt,
      finishedAt: reserveImport.finishedAt,
    })
    .from(reserveImport)
    .where(and(eq(reserveImport.id, importId), eq(reserveImport.municipalityId, municipalityId)));
  if (!row) throw new DomainError("import_not_found");
  return row;
}
