import type { Actor } from "../../src/accounts/actor.js";
import { appointApprovers } from "../../src/approval/appoint-approvers.js";
import { freezeMinutes } from "../../src/approval/freeze-minutes.js";
import { signMinutes } from "../../src/approval/sign-minutes.js";
import type { Database } from "../../src/db/connect.js";
import { tx } from "./db.js";

/**
 * Approves a closed meeting's minutes as a secretary, its chair and one approver would: the chair is the first
 * member who served and the approver the second (as buildOpenMeeting records them), the secretary signs last.
 */
export async function approveMinutes(
  database: Database,
  actor: Actor,
  f: { meeting: { id: string }; members: { id: string }[] },
) {
  return tx(database, async (t) => {
    const [chair, approver] = f.members;
    await appointApprovers(t, actor, f.meeting.id, {
      chairId: chair!.id,
      approverIds: [approver!.id],
      approvalAt: new Date("2026-03-17T10:00:00+01:00"),
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
    });
    const version = await freezeMinutes(t, actor, f.meeting.id, { lateReason: "Testet körs efter fristen." });
    for (const personId of [chair!.id, approver!.id])
      await signMinutes(t, actor, version.id, { hash: version.contentHash }, undefined, { personId });
    await signMinutes(t, actor, version.id, { hash: version.contentHash, role: "secretary" });
    return version;
  });
}
