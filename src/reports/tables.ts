import {
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { TemplateSection } from "./sections.js";

export const reportTemplate = pgTable("report_template", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  bodyId: uuid("body_id"),
  name: text("name").notNull(),
  sections: jsonb("sections").$type<TemplateSection[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const officialReport = pgTable("official_report", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  caseId: uuid("case_id").notNull(),
  templateId: uuid("template_id").notNull(),
  administrationId: uuid("administration_id").notNull(),
  referencePersonId: uuid("reference_person_id").notNull(),
  title: text("title").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const officialReportVersion = pgTable("official_report_version", {
  id: uuid("id").primaryKey().defaultRandom(),
  reportId: uuid("report_id").notNull(),
  version: integer("version").notNull(),
  datedOn: date("dated_on", { mode: "string" }).notNull(),
  texts: jsonb("texts").$type<Record<string, string>>().notNull(),
  writtenBy: text("written_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  signedAt: timestamp("signed_at", { withTimezone: true }),
  signedByUserId: uuid("signed_by_user_id"),
  signedBy: text("signed_by"),
  signMethod: text("sign_method"),
  sha256: text("sha256"),
  signedContent: jsonb("signed_content").$type<unknown>(),
  recordId: uuid("record_id"),
});

export const officialReportBasis = pgTable(
  "official_report_basis",
  {
    versionId: uuid("version_id").notNull(),
    position: integer("position").notNull(),
    recordId: uuid("record_id").notNull(),
    paragraphId: uuid("paragraph_id"),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.position] })],
);

export const officialReportRecipient = pgTable(
  "official_report_recipient",
  {
    versionId: uuid("version_id").notNull(),
    position: integer("position").notNull(),
    bodyId: uuid("body_id"),
    label: text("label"),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.position] })],
);

export const officialReportResponsible = pgTable(
  "official_report_responsible",
  {
    versionId: uuid("version_id").notNull(),
    position: integer("position").notNull(),
    personId: uuid("person_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.position] })],
);

/** A signing transaction of a report version through a SigningProvider (migration 0020). */
export const officialReportSigning = pgTable("official_report_signing", {
  id: uuid("id").primaryKey().defaultRandom(),
  versionId: uuid("version_id").notNull(),
  method: text("method").notNull(),
  reference: text("reference").notNull(),
  status: text("status").$type<"pending" | "completed" | "failed">().notNull(),
  sha256: text("sha256").notNull(),
  content: jsonb("content").$type<unknown>().notNull(),
  signerName: text("signer_name").notNull(),
  userId: uuid("user_id"),
  recordId: uuid("record_id"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  reason: text("reason"),
});

// Both drivers take a Buffer for bytea and give back a Uint8Array (PGlite) or a Buffer (node-postgres).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
});

/** An image in a report's written section, with its alternative text (migration 0020). */
export const officialReportImage = pgTable("official_report_image", {
  id: uuid("id").primaryKey().defaultRandom(),
  reportId: uuid("report_id").notNull(),
  sectionKind: text("section_kind").notNull(),
  sha256: text("sha256").notNull(),
  mediaType: text("media_type").$type<"image/png" | "image/jpeg">().notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  alt: text("alt").notNull(),
  data: bytea("data").notNull(),
  addedBy: text("added_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Taken out of the drafts (migration 0023); a signed version still shows it. */
  removedAt: timestamp("removed_at", { withTimezone: true }),
  removedBy: text("removed_by"),
});
