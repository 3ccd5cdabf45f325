import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { SecretTextField } from "../domain/secret-text.js";

export const meetingStatuses = ["planned", "notice_published", "opened", "closed"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meeting = pgTable("meeting", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  heldOn: date("held_on", { mode: "string" }).notNull(),
  startsAt: text("starts_at").notNull(),
  place: text("place").notNull(),
  isPublic: boolean("is_public").notNull(),
  status: text("status").$type<MeetingStatus>().notNull().default("planned"),
  noticePublishedOn: date("notice_published_on", { mode: "string" }),
  openedAt: timestamp("opened_at", { withTimezone: true }),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  approvalAt: timestamp("approval_at", { withTimezone: true }),
  countedPresent: integer("counted_present"),
  lastAttachmentNumber: integer("last_attachment_number").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const agendaItem = pgTable("agenda_item", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  meetingId: uuid("meeting_id").notNull(),
  position: integer("position").notNull(),
  caseId: uuid("case_id").notNull(),
  title: text("title").notNull(),
  proposedByParagraphId: uuid("proposed_by_paragraph_id"),
  proposalText: text("proposal_text"),
  /** The signed official report the proposal comes from (migration 0020), with its version and how the link reads. */
  proposalReportId: uuid("proposal_report_id"),
  proposalReportVersion: integer("proposal_report_version"),
  proposalReportLabel: text("proposal_report_label"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const paragraphCounter = pgTable(
  "paragraph_counter",
  {
    bodyId: uuid("body_id").notNull(),
    year: integer("year").notNull(),
    lastValue: integer("last_value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.year] })],
);

export const paragraph = pgTable("paragraph", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  meetingId: uuid("meeting_id").notNull(),
  agendaItemId: uuid("agenda_item_id").notNull(),
  year: integer("year").notNull(),
  number: integer("number").notNull(),
  summary: text("summary"),
  decisionIntro: text("decision_intro"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const decisionBasisEntry = pgTable("decision_basis_entry", {
  id: uuid("id").primaryKey().defaultRandom(),
  agendaItemId: uuid("agenda_item_id").notNull(),
  position: integer("position").notNull(),
  recordId: uuid("record_id"),
  paragraphId: uuid("paragraph_id"),
});

export const routeRoles = ["prepare", "decide", "note"] as const;
export type RouteRole = (typeof routeRoles)[number];

export const decisionRouteStep = pgTable("decision_route_step", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  caseId: uuid("case_id").notNull(),
  position: integer("position").notNull(),
  bodyId: uuid("body_id").notNull(),
  plannedOn: date("planned_on", { mode: "string" }).notNull(),
  meetingId: uuid("meeting_id"),
  role: text("role").$type<RouteRole>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const capacities = ["member", "serving_substitute", "substitute", "official", "other"] as const;
export type Capacity = (typeof capacities)[number];

export const attendance = pgTable("attendance", {
  id: uuid("id").primaryKey().defaultRandom(),
  meetingId: uuid("meeting_id").notNull(),
  personId: uuid("person_id").notNull(),
  capacity: text("capacity").$type<Capacity>().notNull(),
  presides: boolean("presides").notNull().default(false),
  replacesPersonId: uuid("replaces_person_id"),
  fromPosition: integer("from_position"),
  toPosition: integer("to_position"),
  note: text("note"),
});

export const disqualification = pgTable("disqualification", {
  id: uuid("id").primaryKey().defaultRandom(),
  agendaItemId: uuid("agenda_item_id").notNull(),
  personId: uuid("person_id").notNull(),
  reason: text("reason").notNull(),
  substitutePersonId: uuid("substitute_person_id"),
});

export const motionKinds = ["approve", "reject", "amend", "add", "refer_back", "table"] as const;
export type MotionKind = (typeof motionKinds)[number];

export const motion = pgTable("motion", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  kind: text("kind").$type<MotionKind>().notNull(),
  text: text("text"),
});

export const motionPerson = pgTable(
  "motion_person",
  {
    motionId: uuid("motion_id").notNull(),
    personId: uuid("person_id").notNull(),
    role: text("role").$type<"mover" | "supporter">().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.personId] })],
);

export const ballotChoices = ["yes", "no", "abstain"] as const;
export type BallotChoice = (typeof ballotChoices)[number];

export const voteEvent = pgTable("vote_event", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  yesMotionId: uuid("yes_motion_id"),
  noMotionId: uuid("no_motion_id"),
  election: boolean("election").notNull().default(false),
  secret: boolean("secret").notNull().default(false),
  yesCount: integer("yes_count").notNull(),
  noCount: integer("no_count").notNull(),
  abstainCount: integer("abstain_count").notNull(),
  absentCount: integer("absent_count").notNull(),
  /** The side that won an ordinary question; null in an election, whose result is its elected candidates. */
  result: text("result").$type<"yes" | "no">(),
  decidedBy: text("decided_by").$type<"majority" | "casting_vote" | "lots">().notNull(),
  /** The step of the order of questions this vote answers; null in an election (and in votes from before 0011). */
  questionId: uuid("question_id"),
  /** The seats an election fills; null for an ordinary question. */
  seats: integer("seats"),
});

/** A candidate in an election, with the votes counted for them and whether they were elected (by lot or not). */
export const voteCandidate = pgTable(
  "vote_candidate",
  {
    voteEventId: uuid("vote_event_id").notNull(),
    personId: uuid("person_id").notNull(),
    position: integer("position").notNull(),
    votes: integer("votes").notNull(),
    elected: boolean("elected").notNull(),
    byLot: boolean("by_lot").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.voteEventId, t.personId] })],
);

export const ballot = pgTable(
  "ballot",
  {
    voteEventId: uuid("vote_event_id").notNull(),
    personId: uuid("person_id").notNull(),
    choice: text("choice").$type<BallotChoice>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteEventId, t.personId] })],
);

export const question = pgTable("question", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  motionId: uuid("motion_id").notNull(),
  againstMotionId: uuid("against_motion_id"),
  winnerMotionId: uuid("winner_motion_id").notNull(),
});

export const decisionPoint = pgTable("decision_point", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  text: text("text").notNull(),
});

export const minutesAttachment = pgTable("minutes_attachment", {
  id: uuid("id").primaryKey().defaultRandom(),
  meetingId: uuid("meeting_id").notNull(),
  number: integer("number").notNull(),
  title: text("title").notNull(),
  recordId: uuid("record_id"),
});

export const reservation = pgTable("reservation", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  partyId: uuid("party_id").notNull(),
  personId: uuid("person_id"),
  againstMotionId: uuid("against_motion_id"),
  forMotionId: uuid("for_motion_id"),
  announcedAt: timestamp("announced_at", { withTimezone: true }).notNull(),
  justification: text("justification"),
  justificationSubmittedAt: timestamp("justification_submitted_at", { withTimezone: true }),
  attachmentId: uuid("attachment_id"),
});

export const statementKinds = ["special_statement", "protocol_note"] as const;
export type StatementKind = (typeof statementKinds)[number];

export const statement = pgTable("statement", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  kind: text("kind").$type<StatementKind>().notNull(),
  announcedAt: timestamp("announced_at", { withTimezone: true }).notNull(),
  text: text("text"),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  attachmentId: uuid("attachment_id"),
});

export const statementParty = pgTable(
  "statement_party",
  {
    statementId: uuid("statement_id").notNull(),
    partyId: uuid("party_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.partyId] })],
);

export const statementPerson = pgTable(
  "statement_person",
  {
    statementId: uuid("statement_id").notNull(),
    personId: uuid("person_id").notNull(),
    role: text("role").$type<"announcer" | "signatory">().notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.personId, t.role] })],
);

export const recipient = pgTable("recipient", {
  id: uuid("id").primaryKey().defaultRandom(),
  paragraphId: uuid("paragraph_id").notNull(),
  position: integer("position").notNull(),
  bodyId: uuid("body_id"),
  label: text("label"),
  /** An external recipient's e-mail address, for dispatch (0014). */
  email: text("email"),
  /** A person as recipient (0014); label holds the name the minutes print. */
  personId: uuid("person_id"),
});

/**
 * A secretary's review of one free text on a secret case (L31, migration 0022): the public versions show the text
 * only while it is still the text reviewed, whose SHA-256 is kept here.
 */
export const secretTextReview = pgTable("secret_text_review", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  paragraphId: uuid("paragraph_id").notNull(),
  field: text("field").$type<SecretTextField>().notNull(),
  sourceId: uuid("source_id").notNull(),
  textSha256: text("text_sha256").notNull(),
  reviewedByUserId: uuid("reviewed_by_user_id"),
  reviewedBy: text("reviewed_by").notNull(),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
});
