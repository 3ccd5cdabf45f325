import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

export const progressMethods = ["weighted", "average"] as const;
export type ProgressMethod = (typeof progressMethods)[number];

/** An appropriation (anslag till förfogande): money a body holds for call-offs. Sums in öre. */
export const appropriation = pgTable("appropriation", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  externalId: text("external_id").notNull(),
  ownerBodyId: uuid("owner_body_id").notNull(),
  caseId: uuid("case_id"),
  decidedById: uuid("decided_by_id").notNull(),
  year: integer("year").notNull(),
  title: text("title").notNull(),
  purpose: text("purpose").notNull(),
  processes: text("processes").array().notNull().default([]),
  targetGroups: text("target_groups").array().notNull().default([]),
  themes: text("themes").array().notNull(),
  amountOre: bigint("amount_ore", { mode: "number" }).notNull(),
  grantedOre: bigint("granted_ore", { mode: "number" }).notNull().default(0),
  paidOre: bigint("paid_ore", { mode: "number" }).notNull().default(0),
  progressMethod: text("progress_method").$type<ProgressMethod>().notNull().default("weighted"),
  progressPermille: integer("progress_permille"),
  illustrative: boolean("illustrative").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const callOffStatuses = ["applied", "granted", "partly_granted", "rejected", "withdrawn"] as const;
export type CallOffStatus = (typeof callOffStatuses)[number];

/** A call-off (avrop): a body's application to draw on a reserve, a case in the diarium. */
export const callOff = pgTable("call_off", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  externalId: text("external_id").notNull(),
  appropriationId: uuid("appropriation_id").notNull(),
  caseId: uuid("case_id").notNull(),
  applyingBodyId: uuid("applying_body_id").notNull(),
  theme: text("theme").notNull(),
  targetGroup: text("target_group").notNull(),
  process: text("process").notNull(),
  description: text("description").notNull(),
  appliedOn: date("applied_on", { mode: "string" }).notNull(),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  endsOn: date("ends_on", { mode: "string" }).notNull(),
  requestedOre: bigint("requested_ore", { mode: "number" }).notNull(),
  status: text("status").$type<CallOffStatus>().notNull().default("applied"),
  decidedById: uuid("decided_by_id"),
  grantedOre: bigint("granted_ore", { mode: "number" }).notNull().default(0),
  paidOre: bigint("paid_ore", { mode: "number" }).notNull().default(0),
  progressMethod: text("progress_method").$type<ProgressMethod>().notNull().default("average"),
  progressPermille: integer("progress_permille"),
  illustrative: boolean("illustrative").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const callOffArea = pgTable(
  "call_off_area",
  {
    callOffId: uuid("call_off_id").notNull(),
    areaId: uuid("area_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.callOffId, t.areaId] })],
);

export const ledgerKinds = ["appropriated", "granted", "paid", "grant_reversed", "payment_reversed"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** One movement of money; append-only (the database refuses UPDATE and DELETE). */
export const ledgerEntry = pgTable("ledger_entry", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  position: bigserial("position", { mode: "number" }).notNull(),
  appropriationId: uuid("appropriation_id").notNull(),
  callOffId: uuid("call_off_id"),
  kind: text("kind").$type<LedgerKind>().notNull(),
  amountOre: bigint("amount_ore", { mode: "number" }).notNull(),
  bookedOn: date("booked_on", { mode: "string" }).notNull(),
  decisionId: uuid("decision_id"),
  note: text("note"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const indicatorUnits = ["percent", "people", "count"] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

export const indicator = pgTable("indicator", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  externalId: text("external_id").notNull(),
  callOffId: uuid("call_off_id").notNull(),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  unit: text("unit").$type<IndicatorUnit>().notNull(),
  baseline: numeric("baseline", { precision: 14, scale: 2, mode: "number" }).notNull(),
  target: numeric("target", { precision: 14, scale: 2, mode: "number" }).notNull(),
  source: text("source").notNull(),
  weight: integer("weight").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const reportPeriods = ["interim", "annual"] as const;
export type ReportPeriod = (typeof reportPeriods)[number];
export const reportStatuses = ["on_track", "at_risk", "off_track", "completed"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const followUpReport = pgTable("follow_up_report", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  externalId: text("external_id").notNull(),
  callOffId: uuid("call_off_id").notNull(),
  year: integer("year").notNull(),
  period: text("period").$type<ReportPeriod>().notNull(),
  status: text("status").$type<ReportStatus>().notNull(),
  progressPermille: integer("progress_permille").notNull(),
  moneyUsedOre: bigint("money_used_ore", { mode: "number" }).notNull(),
  narrative: text("narrative").notNull(),
  reportedOn: date("reported_on", { mode: "string" }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const indicatorValue = pgTable(
  "indicator_value",
  {
    reportId: uuid("report_id").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    value: numeric("value", { precision: 14, scale: 2, mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.indicatorId] })],
);

export const questionRound = pgTable(
  "question_round",
  {
    appropriationId: uuid("appropriation_id").notNull(),
    consultationId: uuid("consultation_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appropriationId, t.consultationId] })],
);

export const importKinds = ["areas", "indicators", "reports", "reserves", "call_offs"] as const;
export type ImportKind = (typeof importKinds)[number];

export const reserveImport = pgTable("reserve_import", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  kind: text("kind").$type<ImportKind>().notNull(),
  content: text("content").notNull(),
  format: text("format").$type<"csv" | "xlsx">().notNull().default("csv"),
  status: text("status").$type<"waiting" | "done" | "refused">().notNull().default("waiting"),
  rowCount: integer("row_count").notNull().default(0),
  errors: jsonb("errors").$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
  requestedBy: text("requested_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** A municipality's follow-up calendar: when each period ends and when its report is due. */
export const followUpCalendar = pgTable(
  "follow_up_calendar",
  {
    municipalityId: uuid("municipality_id").notNull(),
    period: text("period").$type<ReportPeriod>().notNull(),
    endsMonth: integer("ends_month").notNull(),
    endsDay: integer("ends_day").notNull(),
    dueMonth: integer("due_month").notNull(),
    dueDay: integer("due_day").notNull(),
    dueNextYear: boolean("due_next_year").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.period] })],
);
