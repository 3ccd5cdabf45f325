/** What is known about one member's part in one decision. */
export interface Participation {
  /** Served on the item: present as member or serving substitute, and not disqualified. */
  served: boolean;
  /** Abstained in a vote on the item (L7): an abstaining member took no part in the decision. */
  abstained: boolean;
}

/** Only a member who took part in the decision may reserve against it (L8). KL 4 kap. 27 § (check) */
export function mayReserve(p: Participation): boolean {
  return p.served && !p.abstained;
}

/** A reservation must be announced before the meeting that took the decision closes (L8). KL 4 kap. 27 § (check) */
export function reservationAnnouncedInTime(announcedAt: Date, meetingClosedAt: Date | null): boolean {
  return meetingClosedAt === null || announcedAt.getTime() <= meetingClosedAt.getTime();
}

/**
 * A written justification must be handed in before the time set for approving the minutes (L8); local rules
 * usually set the same time for special statements and protocol notes (L9). KL 4 kap. 27 § (check); local practice
 */
export function writtenInTime(submittedAt: Date, approvalAt: Date | null): boolean {
  return approvalAt === null || submittedAt.getTime() <= approvalAt.getTime();
}

/** A disqualified member takes no part in the item; a substitute may serve in their place for that item only (L4). KL 5 kap. 47–48 §§, 6 kap. 28–32 §§ (check) */
export function servesOnItem(p: {
  present: boolean;
  disqualified: boolean;
  substituteForItem: boolean;
}): boolean {
  return (p.present && !p.disqualified) || p.substituteForItem;
}
