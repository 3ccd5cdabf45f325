// Id formats. Every row's id is a UUID; a lookup by id checks the format before it reaches the database, so a
// malformed id is a 404 or 400 with a Swedish message rather than a database error.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID as PostgreSQL stores it. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
