// Terms of office (mandatperioder, uppdrag) as day ranges: first day and last day, the last open when not yet set.
// Pure rules the organisation register applies to memberships.

/** A term from startsOn to endsOn, both days included; endsOn null means still running. */
export interface Term {
  startsOn: string;
  endsOn: string | null;
}

/** Whether two terms share at least one day. */
export function termsOverlap(a: Term, b: Term): boolean {
  return (b.endsOn === null || a.startsOn <= b.endsOn) && (a.endsOn === null || b.startsOn <= a.endsOn);
}

/**
 * The most persons holding a term on any one day within `within`, and the first such day. The count is of distinct
 * persons, so one person holding two roles at once counts once.
 */
export function mostAtOnce(
  terms: readonly (Term & { personId: string })[],
  within: Term,
): { count: number; day: string } {
  const inside = terms.filter((t) => termsOverlap(t, within));
  // The count only rises on a day a term starts, so those days (and the first day) are the ones to look at.
  const days = [within.startsOn, ...inside.map((t) => t.startsOn).filter((d) => d > within.startsOn)].filter(
    (d) => within.endsOn === null || d <= within.endsOn,
  );
  let best = { count: 0, day: within.startsOn };
  for (const day of [...new Set(days)].sort()) {
    const holders = new Set(
      inside
        .filter((t) => t.startsOn <= day && (t.endsOn === null || t.endsOn >= day))
        .map((t) => t.personId),
    );
    if (holders.size > best.count) best = { count: holders.size, day };
  }
  return best;
}
