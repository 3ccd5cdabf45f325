// The days Paragraf takes in any date a person or another system gives it: 1900-01-01 to 2199-12-31.
//
// Why these bounds: every date Paragraf keeps is a day in a municipality's decision process — a record's date, a
// meeting, a term of office, a deadline, a reminder. The oldest a diarium holds are records migrated from an
// earlier register (Swedish municipalities in today's form date from 1971, their predecessors from 1862, and
// no diarium Paragraf takes over reaches back past 1900); the latest are deadlines and planned dates, never
// more than a few terms ahead. Outside that window a date is a typing error (20266 for 2026) or a probe, and
// the machinery behind it stops being exact: PostgreSQL's date has no year 0 (0000-01-01 is an error), the
// Swedish holiday rules in law/legal-time.ts are today's law, Stockholm's clock (clock.ts) maps instants
// through the time zone database, and the ISO form ÅÅÅÅ-MM-DD every page and the API use has four digits.

export const earliestDay = "1900-01-01";
export const latestDay = "2199-12-31";

// An ISO day, optionally followed by a time (2026-01-22, 2026-01-22T17:00+01:00, 2026-01-22 17:00), or an
// extended year with a sign (+010000-01-01) as JavaScript writes years past 9999.
const datePrefix = /^([+-]\d{4,6}|\d{4,})-(\d{2})-(\d{2})(?:$|[T ]\d)/;

/** Whether an ISO day (ÅÅÅÅ-MM-DD) lies in the range Paragraf takes; a day outside it is refused. */
export function isDayInRange(day: string): boolean {
  return day.length === 10 && day >= earliestDay && day <= latestDay;
}

/**
 * The day a text names when the whole text is an ISO date or date and time (the forms Paragraf's fields take),
 * else null. Used to refuse out-of-range dates wherever they come in, whatever field carries them.
 */
export function dayOf(text: string): string | null {
  if (text.length > 40) return null;
  const match = datePrefix.exec(text);
  if (!match) return null;
  // A year that is not four plain digits (+010000, 20266) makes a day that is never in range.
  const [, year, month, day] = match;
  return `${year}-${month}-${day}`;
}

/** Whether a text is a date or date and time outside the range Paragraf takes. */
export function isDateOutOfRange(text: string): boolean {
  const day = dayOf(text);
  return day !== null && !isDayInRange(day);
}
