import { boolean, date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { BodyKind } from "../domain/bodies.js";

// The kinds of body are a rule other capabilities apply too; they live in src/domain/bodies.ts.
export { type BodyKind, bodyKinds } from "../domain/bodies.js";

const stamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};
const softDelete = { deletedAt: timestamp("deleted_at", { withTimezone: true }) };

export const municipality = pgTable("municipality", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull(),
  name: text("name").notNull(),
  organisationNumber: text("organisation_number"),
  /** The host name its public site answers at (lower case, no port); null: only as the installation's default. */
  host: text("host"),
  ...stamps,
});

export const body = pgTable("body", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  kind: text("kind").$type<BodyKind>().notNull(),
  name: text("name").notNull(),
  shortName: text("short_name"),
  slug: text("slug").notNull(),
  parentId: uuid("parent_id"),
  openMeetings: boolean("open_meetings").notNull().default(false),
  seats: integer("seats"),
  email: text("email"),
  ...stamps,
  ...softDelete,
});

export const party = pgTable("party", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  name: text("name").notNull(),
  abbreviation: text("abbreviation").notNull(),
  ...stamps,
  ...softDelete,
});

export const person = pgTable("person", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  name: text("name").notNull(),
  email: text("email"),
  partyId: uuid("party_id"),
  ...stamps,
  ...softDelete,
});

export const membershipRoles = ["chair", "vice_chair", "member", "substitute"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export const membership = pgTable("membership", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  personId: uuid("person_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  role: text("role").$type<MembershipRole>().notNull(),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  endsOn: date("ends_on", { mode: "string" }),
  ...stamps,
  ...softDelete,
});

export const official = pgTable("official", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  personId: uuid("person_id").notNull(),
  bodyId: uuid("body_id").notNull(),
  title: text("title").notNull(),
  ...stamps,
  ...softDelete,
});
