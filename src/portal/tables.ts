import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** An e-mail address following a body's meetings or a case's decisions, once confirmed, until unsubscribed. */
export const subscription = pgTable("subscription", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  email: text("email").notNull(),
  bodyId: uuid("body_id"),
  caseId: uuid("case_id"),
  token: text("token").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
});
