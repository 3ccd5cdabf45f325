import type { Actor } from "../accounts/actor.js";
import { appointApprovers } from "../approval/appoint-approvers.js";
import { freezeMinutes } from "../approval/freeze-minutes.js";
import { signMinutes } from "../approval/sign-minutes.js";
import type { Tx } from "../db/connect.js";
import { listMeetings } from "../meetings/queries.js";

// The approval of KF 2026-01-22's minutes (M9, M10). The seed names neither the chair who signed nor the
// approvers: the choice below is illustrative (members who served at the meeting), and the data says so
// (approval_arrangement.illustrative), as the minutes page does. Approved Thursday 2026-01-29 at 10:00, within
// the 14 days (L11); the notice goes up that day, so the appeal period ends 2026-02-19 and the decision gains
// legal force on 2026-02-20 (L13–L15, L32).

export const kfApproval = {
  chair: "Katrin Stjernfeldt Jammeh",
  approvers: ["Farishta Sulaiman", "Roko Kursar"],
  approvalAt: new Date("2026-01-29T10:00:00+01:00"),
  place: "Stadskontoret, August Palms plats 1, Malmö",
  minutesKeptAt: "Stadskontoret, August Palms plats 1, Malmö",
};

/** Appoints the (illustrative) approvers of KF 2026-01-22, freezes the minutes and signs them as approved. */
export async function approveMalmoMinutes(
  tx: Tx,
  actor: Actor,
  ids: { bodyIds: Map<string, string>; personIds: Map<string, string> },
) {
  const person = (name: string) => ids.personIds.get(name)!;
  const kf = (await listMeetings(tx, actor.municipalityId, { bodyId: ids.bodyIds.get("KF")! })).find(
    (m) => m.heldOn === "2026-01-22",
  )!;
  await appointApprovers(tx, actor, kf.id, {
    chairId: person(kfApproval.chair),
    approverIds: kfApproval.approvers.map(person),
    approvalAt: kfApproval.approvalAt,
    place: kfApproval.place,
    minutesKeptAt: kfApproval.minutesKeptAt,
    illustrative: true,
  });
  const at = kfApproval.approvalAt;
  const version = await freezeMinutes(tx, actor, kf.id, {}, new Date("2026-01-28T16:00:00+01:00"));
  const hash = version.contentHash;
  for (const name of [kfApproval.chair, ...kfApproval.approvers])
    await signMinutes(tx, actor, version.id, { hash }, undefined, { personId: person(name), at });
  const last = await signMinutes(tx, actor, version.id, { hash, role: "secretary" }, undefined, { at });
  return { meetingId: kf.id, version, approved: last.approved };
}
