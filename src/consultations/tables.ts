import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const consultationStatuses = ["draft", "sent"] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export const consultation = pgTable("consultation", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  caseId: uuid("case_id").notNull(),
  decidedById: uuid("decided_by_id").notNull(),
  title: text("title").notNull(),
  coverText: text("cover_text").notNull(),
  deadline: date("deadline", { mode: "string" }).notNull(),
  status: text("status").$type<ConsultationStatus>().notNull().default("draft"),
  sentOn: date("sent_on", { mode: "string" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const consultationQuestion = pgTable("consultation_question", {
  id: uuid("id").primaryKey().defaultRandom(),
  consultationId: uuid("consultation_id").notNull(),
  position: integer("position").notNull(),
  text: text("text").notNull(),
});

/** Stored statuses; "overdue" is derived when read (see consulteeState). */
export const consulteeStatuses = ["pending", "sent", "answered", "declined"] as const;
export type ConsulteeStatus = (typeof consulteeStatuses)[number];

export const consultee = pgTable("consultee", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  consultationId: uuid("consultation_id").notNull(),
  position: integer("position").notNull(),
  bodyId: uuid("body_id"),
  organisationName: text("organisation_name"),
  contactEmail: text("contact_email"),
  status: text("status").$type<ConsulteeStatus>().notNull().default("pending"),
  outgoingRecordId: uuid("outgoing_record_id"),
  responseRecordId: uuid("response_record_id"),
  decisionId: uuid("decision_id"),
  answeredOn: date("answered_on", { mode: "string" }),
  declinedReason: text("declined_reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const positionKinds = ["reservation", "special_statement"] as const;
export type PositionKind = (typeof positionKinds)[number];

export const consulteePosition = pgTable("consultee_position", {
  id: uuid("id").primaryKey().defaultRandom(),
  consulteeId: uuid("consultee_id").notNull(),
  position: integer("position").notNull(),
  kind: text("kind").$type<PositionKind>().notNull(),
});

export const consulteePositionParty = pgTable(
  "consultee_position_party",
  {
    positionId: uuid("position_id").notNull(),
    partyId: uuid("party_id").notNull(),
    ordinal: integer("ordinal").notNull(),
  },
  (t) => [primaryKey({ columns: [t.positionId, t.partyId] })],
);

export const consultationAnswer = pgTable(
  "consultation_answer",
  {
    consulteeId: uuid("consultee_id").notNull(),
    questionId: uuid("question_id").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.consulteeId, t.questionId] })],
);

export const consultationReminder = pgTable("consultation_reminder", {
  id: uuid("id").primaryKey().defaultRandom(),
  consultationId: uuid("consultation_id").notNull(),
  remindAt: timestamp("remind_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
