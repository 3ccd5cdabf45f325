import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { isQuorate, quorumThreshold } from "../domain/law/meetings.js";
import { servesOnItem } from "../domain/law/participation.js";
import { listAttendance, listDisqualifications, membershipsOn } from "./queries.js";
import type { agendaItem, attendance, disqualification, meeting } from "./tables.js";

type MeetingRow = typeof meeting.$inferSelect;
type ItemRow = typeof agendaItem.$inferSelect;
type AttendanceRow = Pick<
  typeof attendance.$inferSelect,
  "personId" | "capacity" | "presides" | "fromPosition" | "toPosition"
>;
type DisqualificationRow = Pick<typeof disqualification.$inferSelect, "personId" | "substitutePersonId">;

/** Who serves on one agenda item, worked out from attendance, disqualification and serving substitutes. */
export interface Serving {
  /** Named persons serving on the item: members and serving substitutes present, less the disqualified, plus the substitutes for them. */
  named: Set<string>;
  /** Everyone present at the item, in any capacity. */
  present: Set<string>;
  /** Members serving, counting those the minutes record only by number. */
  count: number;
  /** Whether members beyond the named ones are serving (attendance recorded by count). */
  hasUnnamed: boolean;
  /** The member presiding, when recorded. */
  chairId: string | null;
}

function presentAt(row: { fromPosition: number | null; toPosition: number | null }, position: number) {
  return (row.fromPosition ?? 1) <= position && (row.toPosition ?? Number.MAX_SAFE_INTEGER) >= position;
}

/** Who serves on an item (L2, L4). KL 5 kap. 46–48 §§ (check), 6 kap. 27–28 §§ */
export async function servingOnItem(tx: Tx, m: MeetingRow, item: ItemRow): Promise<Serving> {
  return servingFrom(m, item, await listAttendance(tx, m.id), await listDisqualifications(tx, [item.id]));
}

/** The same rule, given the meeting's attendance and the item's disqualifications already loaded. */
export function servingFrom(
  m: Pick<MeetingRow, "countedPresent">,
  item: Pick<ItemRow, "position">,
  attendance: AttendanceRow[],
  disqualified: DisqualificationRow[],
): Serving {
  const rows = attendance.filter((r) => presentAt(r, item.position));
  const disqualifiedIds = new Set(disqualified.map((d) => d.personId));
  const substituteIds = new Set(
    disqualified.flatMap((d) => (d.substitutePersonId ? [d.substitutePersonId] : [])),
  );
  const named = new Set<string>();
  for (const r of rows) {
    const seated = r.capacity === "member" || r.capacity === "serving_substitute";
    if (
      servesOnItem({
        present: seated,
        disqualified: disqualifiedIds.has(r.personId),
        substituteForItem: substituteIds.has(r.personId),
      })
    )
      named.add(r.personId);
  }
  const unreplaced = disqualified.filter((d) => !d.substitutePersonId).length;
  const count = m.countedPresent === null ? named.size : Math.max(named.size, m.countedPresent - unreplaced);
  return {
    named,
    present: new Set(rows.map((r) => r.personId)),
    count,
    hasUnnamed: count > named.size,
    chairId: rows.find((r) => r.presides)?.personId ?? null,
  };
}

/** The seats quorum is counted against: the body's seats, or else its members in office on the day. */
export async function seatsOf(
  tx: Tx,
  b: { id: string; seats: number | null },
  day: string,
): Promise<number | null> {
  if (b.seats) return b.seats;
  const members = (await membershipsOn(tx, b.id, day)).filter((x) => x.role !== "substitute");
  return members.length > 0 ? new Set(members.map((x) => x.personId)).size : null;
}

/** Refuses business unless more than half of the seats are served (L2). KL 5 kap. 46 § (check), 6 kap. 27 § */
export async function requireQuorum(
  tx: Tx,
  b: { id: string; name: string; seats: number | null },
  m: MeetingRow,
  serving: Serving,
) {
  const seats = await seatsOf(tx, b, m.heldOn);
  if (seats === null) throw new DomainError("quorum_seats_unknown", { body: b.name });
  if (!isQuorate(seats, serving.count))
    throw new DomainError("quorum_missing", {
      body: b.name,
      present: serving.count,
      seats,
      needed: quorumThreshold(seats),
    });
}
