import { bigint, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditEntry = pgTable("audit_entry", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  municipalityId: uuid("municipality_id").notNull(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid("actor_user_id"),
  actorLabel: text("actor_label").notNull(),
  action: text("action").notNull(),
  recordType: text("record_type").notNull(),
  recordId: text("record_id").notNull(),
  before: jsonb("before"),
  after: jsonb("after"),
});
