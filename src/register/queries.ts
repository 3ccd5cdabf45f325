import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../db/connect.js";
import { preparedOnce } from "../db/prepared.js";
import { isUuid } from "../domain/ids.js";
import { body, person } from "../organisation/tables.js";
import { type CaseKey, caseNumberProblem } from "./lookup.js";
import {
  caseRelation,
  file,
  numberCounter,
  numberSeries,
  record,
  recordFile,
  registerCase,
} from "./tables.js";

// Small reads with no rules in them, each scoped to a municipality. What a reader may see is decided by the
// presenters (present.ts) and the search (search.ts), never here.

export function findSeriesByCode(tx: Tx, municipalityId: string, code: string) {
  return tx.query.numberSeries.findFirst({
    where: and(eq(numberSeries.municipalityId, municipalityId), eq(numberSeries.code, code)),
  });
}

const caseReferencesStatement = preparedOnce((db) => {
  const id = (name: string) => sql.placeholder(name);
  const inMunicipality = (column: AnyPgColumn) => eq(column, sql.placeholder("municipalityId"));
  return db
    .select({
      series: numberSeries,
      body: { name: responsible.name, slug: responsible.slug },
      officer: { name: person.name },
      origin,
      marker: { name: marker.name },
    })
    .from(numberSeries)
    .leftJoin(
      responsible,
      and(
        eq(responsible.id, id("bodyId")),
        inMunicipality(responsible.municipalityId),
        isNull(responsible.deletedAt),
      ),
    )
    .leftJoin(
      person,
      and(eq(person.id, id("officerId")), inMunicipality(person.municipalityId), isNull(person.deletedAt)),
    )
    .leftJoin(origin, and(eq(origin.id, id("originId")), inMunicipality(origin.municipalityId)))
    .leftJoin(
      marker,
      and(eq(marker.id, id("markerId")), inMunicipality(marker.municipalityId), isNull(marker.deletedAt)),
    )
    .where(
      and(inMunicipality(numberSeries.municipalityId), eq(numberSeries.code, sql.placeholder("seriesCode"))),
    )
    .prepare("case_references");
});

/**
 * What a new case refers to, read in one statement: its series by code, and the responsible body, case officer,
 * origin case and marking body where the input names them. Undefined when the series does not exist; a
 * reference that is named but not found in the municipality comes back null.
 */
export async function findCaseReferences(
  db: Db,
  municipalityId: string,
  refs: {
    seriesCode: string;
    bodyId?: string | null;
    officerId?: string | null;
    originId?: string | null;
    markerId?: string | null;
  },
) {
  const [row] = await caseReferencesStatement(db).execute({
    municipalityId,
    seriesCode: refs.seriesCode,
    bodyId: refs.bodyId ?? null,
    officerId: refs.officerId ?? null,
    originId: refs.originId ?? null,
    markerId: refs.markerId ?? null,
  });
  return row;
}

/** The series with their counters, newest year first. */
export async function listSeries(tx: Tx, municipalityId: string) {
  const series = await tx
    .select()
    .from(numberSeries)
    .where(eq(numberSeries.municipalityId, municipalityId))
    .orderBy(asc(numberSeries.code));
  const counters = series.length
    ? await tx
        .select()
        .from(numberCounter)
        .where(
          inArray(
            numberCounter.seriesId,
            series.map((s) => s.id),
          ),
        )
        .orderBy(desc(numberCounter.year))
    : [];
  return series.map((s) => ({ ...s, counters: counters.filter((c) => c.seriesId === s.id) }));
}

// A malformed key finds nothing: an id that is not a UUID or a number with characters no number has would
// otherwise reach the database as an error.

export async function findCase(tx: Tx, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return tx.query.registerCase.findFirst({
    where: and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.id, id)),
  });
}

export async function findCaseByNumber(tx: Tx, municipalityId: string, number: string) {
  if (caseNumberProblem(number)) return undefined;
  return tx.query.registerCase.findFirst({
    where: and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.number, number)),
  });
}

export async function findRecord(tx: Tx, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return tx.query.record.findFirst({
    where: and(eq(record.municipalityId, municipalityId), eq(record.id, id)),
  });
}

export async function findRecordByNumber(tx: Tx, municipalityId: string, number: string) {
  if (caseNumberProblem(number)) return undefined;
  return tx.query.record.findFirst({
    where: and(eq(record.municipalityId, municipalityId), eq(record.number, number)),
  });
}

/**
 * Reads a case and locks its row until commit, so that concurrent changes of one case (closing, reopening,
 * editing) queue behind each other and each checks the case as the one before it left it.
 */
export async function lockCase(tx: Tx, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(registerCase)
    .where(and(eq(registerCase.municipalityId, municipalityId), eq(registerCase.id, id)))
    .for("update");
  return row;
}

/** Reads a record and locks its row until commit, as lockCase does for a case. */
export async function lockRecord(tx: Tx, municipalityId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(record)
    .where(and(eq(record.municipalityId, municipalityId), eq(record.id, id)))
    .for("update");
  return row;
}

const responsible = alias(body, "responsible");
const marker = alias(body, "marker");
const origin = alias(registerCase, "origin");

/** A case with the names of its body, officer and marking body, by exactly one key; undefined when none. */
export async function findCaseDetails(tx: Tx, municipalityId: string, key: CaseKey) {
  const match = caseKeyMatch(key);
  if (!match) return undefined;
  const [row] = await tx
    .select({
      case: registerCase,
      bodyName: responsible.name,
      bodySlug: responsible.slug,
      officerName: person.name,
      markedByName: marker.name,
    })
    .from(registerCase)
    .leftJoin(responsible, eq(responsible.id, registerCase.responsibleBodyId))
    .leftJoin(person, eq(person.id, registerCase.caseOfficerId))
    .leftJoin(marker, eq(marker.id, registerCase.secrecyMarkedById))
    .where(and(eq(registerCase.municipalityId, municipalityId), match));
  return row;
}

/** The condition of a case key, or null when the key is not exactly one well-formed id or number. */
function caseKeyMatch(key: CaseKey) {
  const { id, number } = key as { id?: unknown; number?: unknown };
  if (id !== undefined && number !== undefined) return null;
  if (typeof id === "string") return isUuid(id) ? eq(registerCase.id, id) : null;
  if (typeof number === "string") return caseNumberProblem(number) ? null : eq(registerCase.number, number);
  return null;
}

/** Cases linked to this one, in one statement: its origin, the cases it is the origin of, and related cases. */
export async function listLinkedCases(
  tx: Tx,
  municipalityId: string,
  c: { id: string; originCaseId: string | null },
) {
  const related = sql<boolean>`exists (select 1 from ${caseRelation} where
    (${caseRelation.caseId} = ${c.id} and ${caseRelation.relatedCaseId} = ${registerCase.id}) or
    (${caseRelation.relatedCaseId} = ${c.id} and ${caseRelation.caseId} = ${registerCase.id}))`;
  const rows = await tx
    .select({ case: registerCase, related })
    .from(registerCase)
    .where(
      and(
        eq(registerCase.municipalityId, municipalityId),
        or(
          c.originCaseId ? eq(registerCase.id, c.originCaseId) : undefined,
          eq(registerCase.originCaseId, c.id),
          related,
        ),
      ),
    )
    .orderBy(asc(registerCase.number));
  return {
    origin: rows.find((r) => r.case.id === c.originCaseId)?.case ?? null,
    derived: rows.filter((r) => r.case.originCaseId === c.id).map((r) => r.case),
    related: rows.filter((r) => r.related).map((r) => r.case),
  };
}

const counterpart = alias(body, "counterpart");
const owner = alias(registerCase, "owner");

/** A case's records in number order, with counterpart and marking body names and their files. */
export async function listCaseRecords(tx: Tx, municipalityId: string, caseId: string) {
  const rows = await tx
    .select({
      record,
      counterpartBodyName: counterpart.name,
      counterpartBodySlug: counterpart.slug,
      markedByName: marker.name,
    })
    .from(record)
    .leftJoin(counterpart, eq(counterpart.id, record.counterpartBodyId))
    .leftJoin(marker, eq(marker.id, record.secrecyMarkedById))
    .where(and(eq(record.municipalityId, municipalityId), eq(record.caseId, caseId)))
    .orderBy(asc(record.sequence));
  return withFiles(tx, municipalityId, rows);
}

/** Records with their files, read for all of them in one statement. */
async function withFiles<R extends { record: { id: string } }>(tx: Tx, municipalityId: string, rows: R[]) {
  const files = rows.length
    ? await listRecordFiles(
        tx,
        municipalityId,
        rows.map((r) => r.record.id),
      )
    : [];
  const byRecord = new Map<string, typeof files>();
  for (const f of files) {
    const list = byRecord.get(f.recordId);
    if (list) list.push(f);
    else byRecord.set(f.recordId, [f]);
  }
  return rows.map((r) => ({ ...r, files: byRecord.get(r.record.id) ?? [] }));
}

/** One record with its case, counterpart and marking body names and its files; undefined when none. */
export async function findRecordDetails(
  tx: Tx,
  municipalityId: string,
  key: { id: string } | { caseNumber: string; sequence: number },
) {
  const match =
    "id" in key
      ? isUuid(key.id)
        ? eq(record.id, key.id)
        : null
      : caseNumberProblem(key.caseNumber) || !Number.isSafeInteger(key.sequence)
        ? null
        : and(eq(owner.number, key.caseNumber), eq(record.sequence, key.sequence));
  if (!match) return undefined;
  const rows = await tx
    .select({
      record,
      counterpartBodyName: counterpart.name,
      counterpartBodySlug: counterpart.slug,
      markedByName: marker.name,
      owner,
    })
    .from(record)
    .innerJoin(owner, and(eq(owner.id, record.caseId), eq(owner.municipalityId, municipalityId)))
    .leftJoin(counterpart, eq(counterpart.id, record.counterpartBodyId))
    .leftJoin(marker, eq(marker.id, record.secrecyMarkedById))
    .where(and(eq(record.municipalityId, municipalityId), match));
  const [found] = await withFiles(tx, municipalityId, rows);
  return found;
}

/** The files of some records, in their order, without their text. */
export function listRecordFiles(tx: Tx, municipalityId: string, recordIds: string[]) {
  return tx
    .select({
      recordId: recordFile.recordId,
      fileId: file.id,
      sha256: file.sha256,
      fileName: recordFile.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      position: recordFile.position,
    })
    .from(recordFile)
    .innerJoin(file, and(eq(file.id, recordFile.fileId), eq(file.municipalityId, municipalityId)))
    .where(inArray(recordFile.recordId, recordIds))
    .orderBy(asc(recordFile.recordId), asc(recordFile.position));
}
