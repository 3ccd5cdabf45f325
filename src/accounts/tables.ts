import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The roles a municipality's admin grants: to accounts, and to API tokens. */
export const roles = ["admin", "registrar", "case_officer", "secretary", "member"] as const;
export type Role = (typeof roles)[number];
/** Creates municipalities and sets their hosts; granted only from the command line (user add --installation-admin). */
export const installationAdminRole = "installation_admin";
/** Every role an account may hold: the municipality's roles and the installation admin. */
export type AccountRole = Role | typeof installationAdminRole;

export const appUser = pgTable("app_user", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  personId: uuid("person_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
});

export const roleGrant = pgTable("role_grant", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  role: text("role").$type<AccountRole>().notNull(),
  bodyId: uuid("body_id"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const userSession = pgTable("user_session", {
  id: text("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** An integration's key: only the SHA-256 of the token is kept; it acts with its roles, for one body if set. */
export const apiToken = pgTable("api_token", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id").notNull(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull(),
  roles: text("roles").array().$type<Role[]>().notNull(),
  bodyId: uuid("body_id"),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** Failed logins per account, per client address and per pair of both (migration 0010). */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  succeededAt: timestamp("succeeded_at", { withTimezone: true }),
});
