import { addDays } from "./dates.js";
import { periodEnd } from "./legal-time.js";

/** The last day a council meeting may be announced on the notice board: one week before the meeting day. KL 5 kap. 12 § (check) */
export function councilNoticeDeadline(meetingDay: string): string {
  return addDays(meetingDay, -7);
}

/** True when a council notice posted on postedOn is in time for the meeting (L1). KL 5 kap. 12 § (check) */
export function isCouncilNoticeInTime(postedOn: string, meetingDay: string): boolean {
  return postedOn <= councilNoticeDeadline(meetingDay);
}

/** The number that must be present for quorum: more than half of the seats. KL 5 kap. 46 § (check), 6 kap. 27 § */
export function quorumThreshold(seats: number): number {
  return Math.floor(seats / 2) + 1;
}

/** A body may handle business only when more than half of its members are present, serving substitutes counted (L2). KL 5 kap. 46 § (check), 6 kap. 27 § */
export function isQuorate(seats: number, present: number): boolean {
  return present * 2 > seats;
}

/**
 * Whether a body's meetings are public (L3): council meetings are; a committee's only when the council allowed it.
 * KL 5 kap. 38 § (check), 6 kap. 25 §
 */
export function meetingIsPublic(bodyKind: string, openingAllowed: boolean): boolean {
  return bodyKind === "council" || openingAllowed;
}

/** The last day the minutes may be approved: 14 days after the meeting, moved past a closed day. KL 5 kap. 69 § (check); Lag (1930:173) */
export function approvalDeadline(meetingDay: string): string {
  return periodEnd(addDays(meetingDay, 14));
}

/** The last day the approval may be announced on the notice board: the second day after approval, calendar days. KL 8 kap. 12 § (check) */
export function noticePostingDeadline(approvedOn: string): string {
  return addDays(approvedOn, 2);
}

/** The last day a legality appeal may reach the court: three weeks after posting, moved past a closed day. KL 13 kap. 5 §; Lag (1930:173) */
export function appealPeriodEnds(postedOn: string): string {
  return periodEnd(addDays(postedOn, 21));
}

/** The day a decision not appealed in time gains legal force: the day after the appeal period ends (L32). KL 13 kap. 5 §, 13 kap. 14 § (check) */
export function legalForceOn(appealEndsOn: string): string {
  return addDays(appealEndsOn, 1);
}

/** True when the approval of minutes from meetingDay is due within `warnDays` days or overdue (L11). KL 5 kap. 69 § (check) */
export function approvalDeadlineNear(meetingDay: string, today: string, warnDays = 3): boolean {
  return addDays(today, warnDays) >= approvalDeadline(meetingDay);
}
