import { customType, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Both drivers take a Buffer for bytea and give back a Uint8Array (PGlite) or a Buffer (node-postgres).
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
});

/** A document of approved minutes, rendered once and kept (migration 0020); a correction forgets it. */
export const keptDocument = pgTable(
  "kept_document",
  {
    meetingId: uuid("meeting_id").notNull(),
    approvedSha256: text("approved_sha256").notNull(),
    modelSha256: text("model_sha256").notNull(),
    format: text("format").$type<"pdf" | "docx">().notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.approvedSha256, t.modelSha256, t.format] })],
);
