import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Approval of the minutes (M9), the notice board (M10) and appeals (legal force): migration 0013.

/** Who approves a meeting's minutes besides the secretary, and where; the time is meeting.approval_at. */
export const approvalArrangement = pgTable("approval_arrangement", {
  meetingId: uuid("meeting_id").primaryKey(),
  municipalityId: uuid("municipality_id").notNull(),
  chairPersonId: uuid("chair_person_id").notNull(),
  place: text("place").notNull(),
  minutesKeptAt: text("minutes_kept_at").notNull(),
  illustrative: boolean("illustrative").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const approver = pgTable(
  "approver",
  {
    meetingId: uuid("meeting_id").notNull(),
    personId: uuid("person_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

export const versionStatuses = ["signing", "refused", "replaced", "approved", "corrected"] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export const minutesVersion = pgTable("minutes_version", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  meetingId: uuid("meeting_id").notNull(),
  paragraphId: uuid("paragraph_id"),
  number: integer("number").notNull(),
  content: text("content").notNull(),
  contentHash: text("content_hash").notNull(),
  status: text("status").$type<VersionStatus>().notNull().default("signing"),
  reason: text("reason"),
  lateReason: text("late_reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
});

export const signerRoles = ["chair", "approver", "secretary"] as const;
export type SignerRole = (typeof signerRoles)[number];
export const signatureStatuses = ["pending", "completed", "failed", "refused"] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

export const signature = pgTable("signature", {
  id: uuid("id").primaryKey().defaultRandom(),
  versionId: uuid("version_id").notNull(),
  role: text("role").$type<SignerRole>().notNull(),
  personId: uuid("person_id"),
  userId: uuid("user_id"),
  signerName: text("signer_name").notNull(),
  method: text("method").notNull(),
  reference: text("reference"),
  status: text("status").$type<SignatureStatus>().notNull(),
  coversHash: text("covers_hash").notNull(),
  comment: text("comment"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp("completed_at", { withTimezone: true }),
});

export const notice = pgTable("notice", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  versionId: uuid("version_id").notNull(),
  approvedOn: date("approved_on", { mode: "string" }).notNull(),
  postedOn: date("posted_on", { mode: "string" }).notNull(),
  appealEndsOn: date("appeal_ends_on", { mode: "string" }).notNull(),
  takeDownOn: date("take_down_on", { mode: "string" }).notNull(),
  minutesKeptAt: text("minutes_kept_at").notNull(),
  takenDownAt: timestamp("taken_down_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const appeal = pgTable("appeal", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  paragraphId: uuid("paragraph_id").notNull(),
  court: text("court").notNull(),
  receivedOn: date("received_on", { mode: "string" }).notNull(),
  caseNumber: text("case_number").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
