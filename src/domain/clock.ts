// The Stockholm clock. Swedish municipalities count days, deadlines and meeting times in Europe/Stockholm; a day
// taken from a UTC instant is wrong between midnight and 01:00 (winter) or 02:00 (summer). Every capability asks
// these functions, never `toISOString().slice(0, 10)`.

const zone = "Europe/Stockholm";

const dayFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const minuteFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(format: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** The ISO day ("2026-01-22") an instant falls on in Stockholm. */
export function stockholmDay(instant: Date): string {
  const p = parts(dayFormat, instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today in Stockholm, as an ISO day. */
export function todayInStockholm(now: Date = new Date()): string {
  return stockholmDay(now);
}

/** "2026-01-22 17:00": an instant as Stockholm's date and time to the minute. */
export function stockholmMinute(instant: Date): string {
  const p = parts(minuteFormat, instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The UTC offset of Stockholm at an instant, in minutes (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const p = parts(minuteFormat, instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a Stockholm day and wall-clock time ("2025-06-20", "08:00"), as an ISO string in UTC. A time that
 * does not exist (the hour skipped in March) is taken as the same wall time after the change.
 */
export function stockholmInstant(day: string, time: string): string {
  const wall = Date.parse(`${day}T${time}:00Z`);
  let guess = wall - offsetMinutes(new Date(wall)) * 60_000;
  guess = wall - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess).toISOString();
}
