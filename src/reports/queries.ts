import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/connect.js";
import { body, municipality, person } from "../organisation/tables.js";
import { record, registerCase } from "../register/tables.js";
import {
  officialReport,
  officialReportBasis,
  officialReportImage,
  officialReportRecipient,
  officialReportResponsible,
  officialReportSigning,
  officialReportVersion,
  reportTemplate,
} from "./tables.js";

// Small queries of official reports; no rules here.

/** A person's title in the municipality (the first post they hold), or null. */
const titleOf = (personId: unknown) =>
  sql<
    string | null
  >`(select o.title from official o where o.person_id = ${personId} and o.deleted_at is null order by o.created_at limit 1)`;

/** A report with its case, administration, reference person and municipality, in one statement. */
export async function findReportHead(tx: Tx, municipalityId: string, reportId: string) {
  const [row] = await tx
    .select({
      report: officialReport,
      municipalityName: municipality.name,
      caseNumber: registerCase.number,
      caseTitle: registerCase.title,
      casePublicTitle: registerCase.publicTitle,
      caseSecrecy: registerCase.secrecyProvision,
      caseResponsibleBodyId: registerCase.responsibleBodyId,
      administrationName: body.name,
      referenceName: person.name,
      referenceEmail: person.email,
      referenceTitle: titleOf(person.id),
    })
    .from(officialReport)
    .innerJoin(municipality, eq(municipality.id, officialReport.municipalityId))
    .innerJoin(registerCase, eq(registerCase.id, officialReport.caseId))
    .innerJoin(body, eq(body.id, officialReport.administrationId))
    .innerJoin(person, eq(person.id, officialReport.referencePersonId))
    .where(and(eq(officialReport.municipalityId, municipalityId), eq(officialReport.id, reportId)));
  return row;
}

export function listVersions(tx: Tx, reportId: string) {
  return tx
    .select()
    .from(officialReportVersion)
    .where(eq(officialReportVersion.reportId, reportId))
    .orderBy(asc(officialReportVersion.version));
}

/** The latest version, locked, so that a save or a signature waits for one running beside it. */
export async function lockLatestVersion(tx: Tx, reportId: string) {
  const [row] = await tx
    .select()
    .from(officialReportVersion)
    .where(eq(officialReportVersion.reportId, reportId))
    .orderBy(sql`${officialReportVersion.version} desc`)
    .limit(1)
    .for("update");
  return row;
}

export async function lockReport(tx: Tx, municipalityId: string, reportId: string) {
  const [row] = await tx
    .select()
    .from(officialReport)
    .where(and(eq(officialReport.municipalityId, municipalityId), eq(officialReport.id, reportId)))
    .for("update");
  return row;
}

export async function findTemplate(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(reportTemplate)
    .where(and(eq(reportTemplate.municipalityId, municipalityId), eq(reportTemplate.id, id)));
  return row;
}

/** The body's own template, else the municipality's. */
export async function findTemplateFor(tx: Tx, municipalityId: string, bodyId: string | null) {
  const rows = await tx
    .select()
    .from(reportTemplate)
    .where(
      and(
        eq(reportTemplate.municipalityId, municipalityId),
        bodyId
          ? or(eq(reportTemplate.bodyId, bodyId), isNull(reportTemplate.bodyId))
          : isNull(reportTemplate.bodyId),
      ),
    );
  return rows.find((r) => r.bodyId === bodyId) ?? rows.find((r) => r.bodyId === null);
}

export function listTemplates(tx: Tx, municipalityId: string) {
  return tx
    .select()
    .from(reportTemplate)
    .where(eq(reportTemplate.municipalityId, municipalityId))
    .orderBy(asc(reportTemplate.name));
}

/** The decision basis of a version, each record with the case that owns it (for its secrecy). */
export function listBasis(tx: Tx, versionId: string) {
  return tx
    .select({
      position: officialReportBasis.position,
      paragraphId: officialReportBasis.paragraphId,
      record: {
        id: record.id,
        number: record.number,
        description: record.description,
        publicDescription: record.publicDescription,
        secrecyProvision: record.secrecyProvision,
        counterpartName: record.counterpartName,
        counterpartBodyId: record.counterpartBodyId,
      },
      responsibleBodyId: registerCase.responsibleBodyId,
    })
    .from(officialReportBasis)
    .innerJoin(record, eq(record.id, officialReportBasis.recordId))
    .innerJoin(registerCase, eq(registerCase.id, record.caseId))
    .where(eq(officialReportBasis.versionId, versionId))
    .orderBy(asc(officialReportBasis.position));
}

const parent = alias(body, "parent");

export function listRecipients(tx: Tx, versionId: string) {
  return tx
    .select({
      position: officialReportRecipient.position,
      bodyId: officialReportRecipient.bodyId,
      label: officialReportRecipient.label,
      body: { kind: body.kind, name: body.name, shortName: body.shortName },
      parentName: parent.name,
    })
    .from(officialReportRecipient)
    .leftJoin(body, eq(body.id, officialReportRecipient.bodyId))
    .leftJoin(parent, eq(parent.id, body.parentId))
    .where(eq(officialReportRecipient.versionId, versionId))
    .orderBy(asc(officialReportRecipient.position));
}

export function listResponsible(tx: Tx, versionId: string) {
  return tx
    .select({
      position: officialReportResponsible.position,
      personId: person.id,
      name: person.name,
      title: titleOf(person.id),
    })
    .from(officialReportResponsible)
    .innerJoin(person, eq(person.id, officialReportResponsible.personId))
    .where(eq(officialReportResponsible.versionId, versionId))
    .orderBy(asc(officialReportResponsible.position));
}

/** The reports of a case, for its page. */
export function listReportsOfCase(tx: Tx, municipalityId: string, caseId: string) {
  return tx
    .select({ id: officialReport.id, title: officialReport.title })
    .from(officialReport)
    .where(and(eq(officialReport.municipalityId, municipalityId), eq(officialReport.caseId, caseId)))
    .orderBy(asc(officialReport.createdAt));
}

/** How many of the ids are records, persons, bodies of this municipality (for the use cases' checks). */
export async function countRecords(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ id: record.id })
    .from(record)
    .where(and(eq(record.municipalityId, municipalityId), inArray(record.id, [...new Set(ids)])));
  return rows.length;
}

export async function countPersons(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ id: person.id })
    .from(person)
    .where(and(eq(person.municipalityId, municipalityId), inArray(person.id, [...new Set(ids)])));
  return rows.length;
}

export async function countBodies(tx: Tx, municipalityId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ id: body.id })
    .from(body)
    .where(and(eq(body.municipalityId, municipalityId), inArray(body.id, [...new Set(ids)])));
  return rows.length;
}

/** The signing of one of a report's versions that waits for its signer, locked, or undefined. */
export async function lockPendingSigning(tx: Tx, reportId: string) {
  const [row] = await tx
    .select({ signing: officialReportSigning, version: officialReportVersion })
    .from(officialReportSigning)
    .innerJoin(officialReportVersion, eq(officialReportVersion.id, officialReportSigning.versionId))
    .where(and(eq(officialReportVersion.reportId, reportId), eq(officialReportSigning.status, "pending")))
    .for("update", { of: officialReportSigning });
  return row;
}

/** The signing of a version that waits for its signer, or undefined. */
export async function findPendingSigning(tx: Tx, versionId: string) {
  const [row] = await tx
    .select()
    .from(officialReportSigning)
    .where(and(eq(officialReportSigning.versionId, versionId), eq(officialReportSigning.status, "pending")));
  return row;
}

/** The last signing started of a version (pending, completed or failed), or undefined. */
export async function findLatestSigning(tx: Tx, versionId: string) {
  const [row] = await tx
    .select()
    .from(officialReportSigning)
    .where(eq(officialReportSigning.versionId, versionId))
    .orderBy(desc(officialReportSigning.startedAt))
    .limit(1);
  return row;
}

/** A report's images without their bytes, in the order they were added; none taken out of the drafts. */
export function listImages(tx: Tx, reportId: string) {
  return tx
    .select({
      id: officialReportImage.id,
      sectionKind: officialReportImage.sectionKind,
      sha256: officialReportImage.sha256,
      mediaType: officialReportImage.mediaType,
      width: officialReportImage.width,
      height: officialReportImage.height,
      alt: officialReportImage.alt,
    })
    .from(officialReportImage)
    .where(and(eq(officialReportImage.reportId, reportId), isNull(officialReportImage.removedAt)))
    .orderBy(asc(officialReportImage.createdAt), asc(officialReportImage.id));
}

/** The bytes of a report's images with the given SHA-256s, in one statement. */
export function listImageData(tx: Tx, reportId: string, sha256s: string[]) {
  if (sha256s.length === 0) return Promise.resolve([]);
  return tx
    .selectDistinctOn([officialReportImage.sha256], {
      sha256: officialReportImage.sha256,
      data: officialReportImage.data,
    })
    .from(officialReportImage)
    .where(and(eq(officialReportImage.reportId, reportId), inArray(officialReportImage.sha256, sha256s)));
}

/** One image of a report with its bytes, or undefined; also one taken out of the drafts, which a signed version shows. */
export async function findImage(tx: Tx, reportId: string, imageId: string) {
  const [row] = await tx
    .select()
    .from(officialReportImage)
    .where(and(eq(officialReportImage.reportId, reportId), eq(officialReportImage.id, imageId)));
  return row;
}
