import { date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A reference to a decision (body, date, § number); see migration 0005 for why it is data of its own. */
export const decisionReference = pgTable("decision_reference", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  decidedOn: date("decided_on", { mode: "string" }).notNull(),
  decisionYear: integer("decision_year").notNull(),
  paragraphNumber: integer("paragraph_number"),
  paragraphId: uuid("paragraph_id"),
  caseId: uuid("case_id"),
  recordId: uuid("record_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const assignmentStatuses = ["open", "reported", "lapsed", "written_off"] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
export const closingOutcomes = ["reported", "lapsed", "written_off"] as const;
export type ClosingOutcome = (typeof closingOutcomes)[number];

export const assignment = pgTable("assignment", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  caseId: uuid("case_id").notNull(),
  givenById: uuid("given_by_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  text: text("text").notNull(),
  deadline: date("deadline", { mode: "string" }),
  status: text("status").$type<AssignmentStatus>().notNull().default("open"),
  closedById: uuid("closed_by_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
