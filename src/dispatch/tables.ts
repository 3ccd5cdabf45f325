import { date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const deliveryChannels = ["email", "internal"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export const deliveryStatuses = ["queued", "sent", "failed", "retried", "bounced"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A paragraph's dispatch: the extract exactly as it went out, once per paragraph. */
export const dispatch = pgTable("dispatch", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  paragraphId: uuid("paragraph_id").notNull(),
  dispatchedOn: date("dispatched_on", { mode: "string" }).notNull(),
  dispatchedAt: timestamp("dispatched_at", { withTimezone: true }).notNull().defaultNow(),
  dispatchedBy: text("dispatched_by").notNull(),
  subject: text("subject").notNull(),
  extractText: text("extract_text").notNull(),
  fileName: text("file_name").notNull(),
});

/** One recipient's copy of a dispatch: channel, outgoing record, status. */
export const dispatchDelivery = pgTable("dispatch_delivery", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  dispatchId: uuid("dispatch_id").notNull(),
  position: integer("position").notNull(),
  bodyId: uuid("body_id"),
  name: text("name").notNull(),
  channel: text("channel").$type<DeliveryChannel>().notNull(),
  address: text("address"),
  status: text("status").$type<DeliveryStatus>().notNull(),
  recordId: uuid("record_id").notNull(),
  /** How many times the delivery was queued: 1, and one more for each resend the secretary asked for. */
  round: integer("round").notNull().default(1),
  attempts: integer("attempts").notNull().default(0),
  messageId: text("message_id"),
  smtpResponse: text("smtp_response"),
  lastError: text("last_error"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  bouncedAt: timestamp("bounced_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
