import { addDays, isoDay, weekday } from "./dates.js";

/** Easter Sunday of a year (the Gregorian computus, anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDay(year, month, date);
}

/** The Saturday in the window starting on the given day (midsommardagen, alla helgons dag). */
function saturdayFrom(year: number, month: number, firstDate: number): string {
  const first = isoDay(year, month, firstDate);
  return addDays(first, (6 - weekday(first) + 7) % 7);
}

/** Sweden's public holidays (allmänna helgdagar) of a year, with their names. Lag (1989:253) om allmänna helgdagar. */
export function swedishPublicHolidays(year: number): { day: string; name: string }[] {
  const easter = easterSunday(year);
  return [
    { day: isoDay(year, 1, 1), name: "nyårsdagen" },
    { day: isoDay(year, 1, 6), name: "trettondedag jul" },
    { day: addDays(easter, -2), name: "långfredagen" },
    { day: easter, name: "påskdagen" },
    { day: addDays(easter, 1), name: "annandag påsk" },
    { day: isoDay(year, 5, 1), name: "första maj" },
    { day: addDays(easter, 39), name: "Kristi himmelsfärdsdag" },
    { day: isoDay(year, 6, 6), name: "Sveriges nationaldag" },
    { day: addDays(easter, 49), name: "pingstdagen" },
    { day: saturdayFrom(year, 6, 20), name: "midsommardagen" },
    { day: saturdayFrom(year, 10, 31), name: "alla helgons dag" },
    { day: isoDay(year, 12, 25), name: "juldagen" },
    { day: isoDay(year, 12, 26), name: "annandag jul" },
  ].sort((x, y) => x.day.localeCompare(y.day));
}

/** Midsummer eve: the Friday before midsommardagen. */
export function midsummerEve(year: number): string {
  return addDays(saturdayFrom(year, 6, 20), -1);
}

/**
 * True when a period may not end on this day: Saturday, Sunday, a public holiday, midsummer eve, Christmas eve or
 * New Year's eve. Lag (1930:173) om beräkning av lagstadgad tid, 2 §.
 */
export function isClosedDay(day: string): boolean {
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return true;
  const year = Number(day.slice(0, 4));
  const md = day.slice(5);
  if (md === "12-24" || md === "12-31") return true;
  if (day === midsummerEve(year)) return true;
  return swedishPublicHolidays(year).some((h) => h.day === day);
}

/** The last day of a period, moved to the next weekday when it falls on a closed day (L15). Lag (1930:173) 2 §. */
export function periodEnd(lastDay: string): string {
  let day = lastDay;
  while (isClosedDay(day)) day = addDays(day, 1);
  return day;
}
