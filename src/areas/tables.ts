import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const areaKinds = ["district", "neighbourhood", "city"] as const;
export type AreaKind = (typeof areaKinds)[number];

/** An area of the municipality (Malmö's districts), for targeting call-offs and reporting by area. */
export const area = pgTable("area", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  externalId: text("external_id").notNull(),
  name: text("name").notNull(),
  kind: text("kind").$type<AreaKind>().notNull().default("district"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
