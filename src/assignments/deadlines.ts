// When an assignment is late, and how old it is: day arithmetic on ISO days, no clock inside. The caller passes
// "today" (todayInStockholm() in a request), so a test can fix the day.

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An open assignment whose deadline has passed stands out as overdue (KL 6 kap. 4 §: the body carries it out). */
export function isOverdue(status: string, deadline: string | null, today: string): boolean {
  return status === "open" && deadline !== null && deadline < today;
}
