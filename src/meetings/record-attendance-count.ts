import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { meetingForWrite } from "./guards.js";
import { listAttendance } from "./queries.js";
import type { AttendanceCountInput } from "./schemas.js";
import { seatsOf } from "./serving.js";
import { meeting } from "./tables.js";

/**
 * Records how many members and serving substitutes are present, for minutes that state a count rather than every
 * name (a large council). Quorum is then counted from this number (L2). KL 5 kap. 46 § (check)
 */
export async function recordAttendanceCount(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  input: AttendanceCountInput,
) {
  const { meeting: before, body: b } = await meetingForWrite(tx, actor, meetingId);
  if (before.status === "closed") throw new DomainError("meeting_closed");
  const named = (await listAttendance(tx, before.id)).filter(
    (r) => r.capacity === "member" || r.capacity === "serving_substitute",
  ).length;
  if (input.countedPresent < named)
    throw new DomainError("counted_below_named", { count: input.countedPresent, named }, "countedPresent");
  const seats = await seatsOf(tx, b, before.heldOn);
  if (seats !== null && input.countedPresent > seats)
    throw new DomainError("counted_above_seats", { count: input.countedPresent, seats }, "countedPresent");
  const [after] = await tx
    .update(meeting)
    .set({ countedPresent: input.countedPresent, updatedAt: new Date() })
    .where(eq(meeting.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "attendance.counted",
    recordType: "meeting",
    recordId: before.id,
    before: { countedPresent: before.countedPresent },
    after: { countedPresent: after!.countedPresent },
  });
  return after!;
}
