import { bigint, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Not mirrored here on purpose: the generated search vectors (public_tsv, secret_tsv) of register_case and
// record, and record.file_text. Only search.ts and attach-files.ts touch them, in SQL; leaving them out keeps
// them out of every select, returning() and audit entry.

export const numberSeries = pgTable("number_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  code: text("code").notNull(),
  prefix: text("prefix").notNull(),
  pattern: text("pattern").notNull(),
  ownerBodyId: uuid("owner_body_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const numberCounter = pgTable(
  "number_counter",
  {
    seriesId: uuid("series_id").notNull(),
    year: integer("year").notNull(),
    lastValue: integer("last_value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.year] })],
);

export const caseStatuses = ["open", "closed"] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const registerCase = pgTable("register_case", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  seriesId: uuid("series_id").notNull(),
  year: integer("year").notNull(),
  sequence: integer("sequence").notNull(),
  number: text("number").notNull(),
  title: text("title").notNull(),
  publicTitle: text("public_title"),
  status: text("status").$type<CaseStatus>().notNull().default("open"),
  responsibleBodyId: uuid("responsible_body_id"),
  caseOfficerId: uuid("case_officer_id"),
  originCaseId: uuid("origin_case_id"),
  openedOn: date("opened_on", { mode: "string" }).notNull(),
  closedOn: date("closed_on", { mode: "string" }),
  lastRecordSequence: integer("last_record_sequence").notNull().default(0),
  secrecyProvision: text("secrecy_provision"),
  secrecyMarkedOn: date("secrecy_marked_on", { mode: "string" }),
  secrecyMarkedById: uuid("secrecy_marked_by_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const caseRelation = pgTable(
  "case_relation",
  {
    caseId: uuid("case_id").notNull(),
    relatedCaseId: uuid("related_case_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.relatedCaseId] })],
);

export const recordDirections = ["incoming", "drawn_up", "outgoing"] as const;
export type RecordDirection = (typeof recordDirections)[number];
export const recordTypes = [
  "official_report",
  "consultation_response",
  "decision",
  "special_statement",
  "reservation",
  "attachment",
  "letter",
  "other",
] as const;
export type RecordType = (typeof recordTypes)[number];

export const record = pgTable("record", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  caseId: uuid("case_id").notNull(),
  sequence: integer("sequence").notNull(),
  number: text("number").notNull(),
  direction: text("direction").$type<RecordDirection>().notNull(),
  recordType: text("record_type").$type<RecordType>().notNull(),
  datedOn: date("dated_on", { mode: "string" }).notNull(),
  counterpartBodyId: uuid("counterpart_body_id"),
  counterpartName: text("counterpart_name"),
  description: text("description").notNull(),
  publicDescription: text("public_description"),
  secrecyProvision: text("secrecy_provision"),
  secrecyMarkedOn: date("secrecy_marked_on", { mode: "string" }),
  secrecyMarkedById: uuid("secrecy_marked_by_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A stored file: once per municipality and content, however many records it is attached to. */
export const file = pgTable("file", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  sha256: text("sha256").notNull(),
  sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
  mediaType: text("media_type").notNull(),
  textContent: text("text_content"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const recordFile = pgTable(
  "record_file",
  {
    recordId: uuid("record_id").notNull(),
    fileId: uuid("file_id").notNull(),
    fileName: text("file_name").notNull(),
    position: integer("position").notNull(),
    attachedAt: timestamp("attached_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.fileId] })],
);
