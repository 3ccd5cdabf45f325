import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../db/connect.js";
import { preparedOnce } from "../db/prepared.js";
import { body, person } from "../organisation/tables.js";
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

export function findRecordByNumber(tx: Tx, municipalityId: string, number: string) {
  return tx.query.record.findFirst({
    where: and(eq(record.municipalityId, municipalityId), eq(record.number, number)),
  });
}

const responsible = alias(body, "responsible");
const marker = alias(body, "marker");
const origin = alias(registerCase, "origin");

/** A case with the names of its body, officer and marking body. */
export async function findCaseDetails(
  tx: Tx,
  municipalityId: string,
  where: { id?: string; number?: string },
) {
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
    .where(
      and(
        eq(registerCase.municipalityId, municipalityId),
        where.id ? eq(registerCase.id, where.id) : undefined,
        where.number ? eq(registerCase.number, where.number) : undefined,
      ),
    );
  return row;
}

/** Cases linked to this one: its origin, the cases it is the origin of, and related cases. */
export async function listLinkedCases(
  tx: Tx,
  municipalityId: string,
  c: { id: string; originCaseId: string | null },
) {
  const relations = await tx
    .select()
    .from(caseRelation)
    .where(or(eq(caseRelation.caseId, c.id), eq(caseRelation.relatedCaseId, c.id)));
  const relatedIds = relations.map((r) => (r.caseId === c.id ? r.relatedCaseId : r.caseId));
  const rows = await tx
    .select()
    .from(registerCase)
    .where(
      and(
        eq(registerCase.municipalityId, municipalityId),
        or(
          c.originCaseId ? eq(registerCase.id, c.originCaseId) : undefined,
          eq(registerCase.originCaseId, c.id),
          relatedIds.length ? inArray(registerCase.id, relatedIds) : undefined,
        ),
      ),
    )
    .orderBy(asc(registerCase.number));
  return {
    origin: rows.find((r) => r.id === c.originCaseId) ?? null,
    derived: rows.filter((r) => r.originCaseId === c.id),
    related: rows.filter((r) => relatedIds.includes(r.id)),
  };
}

const counterpart = alias(body, "counterpart");

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
  const files = rows.length
    ? await listRecordFiles(
        tx,
        rows.map((r) => r.record.id),
      )
    : [];
  return rows.map((r) => ({ ...r, files: files.filter((f) => f.recordId === r.record.id) }));
}

/** The files of some records, in their order, without their text. */
export function listRecordFiles(tx: Tx, recordIds: string[]) {
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
    .innerJoin(file, eq(file.id, recordFile.fileId))
    .where(inArray(recordFile.recordId, recordIds))
    .orderBy(asc(recordFile.recordId), asc(recordFile.position));
}
