import type { Actor } from "../../src/accounts/actor.js";
import { appointApprovers } from "../../src/approval/appoint-approvers.js";
import { freezeMinutes } from "../../src/approval/freeze-minutes.js";
import { signMinutes } from "../../src/approval/sign-minutes.js";
import type { Database, Tx } from "../../src/db/connect.js";
import { closeMeeting } from "../../src/meetings/close-meeting.js";
import { tx } from "./db.js";

type Minuted = { meeting: { id: string }; members: { id: string }[] };

/**
 * Appoints a closed meeting's chair (the first member who served) and `approvers` approvers (the next ones), to sign
 * on 2026-03-17 at 10:00; returns who they are.
 */
async function appointFirstApprovers(t: Tx, actor: Actor, f: Minuted, approvers: number) {
  const [chair, ...others] = f.members;
  const chosen = others.slice(0, approvers);
  await appointApprovers(t, actor, f.meeting.id, {
    chairId: chair!.id,
    approverIds: chosen.map((a) => a.id),
    approvalAt: new Date("2026-03-17T10:00:00+01:00"),
    place: "Stadshuset",
    minutesKeptAt: "Stadskontoret",
  });
  return { chair: chair!, approvers: chosen };
}

/** Closes an opened meeting at 17:00 on its day and appoints its chair and approvers (one by default). */
export async function closeWithApprovers(
  database: Database,
  actor: Actor,
  f: Minuted & { meeting: { heldOn: string } },
  options: { approvers?: number } = {},
) {
  await tx(database, async (t) => {
    await closeMeeting(t, actor, f.meeting.id, { at: new Date(`${f.meeting.heldOn}T17:00:00+01:00`) });
    await appointFirstApprovers(t, actor, f, options.approvers ?? 1);
  });
}

/**
 * Approves a closed meeting's minutes as a secretary, its chair and its approvers would: the chair is the first
 * member who served and the approvers the next `approvers` (one by default), as buildOpenMeeting records them; the
 * secretary signs last.
 */
export async function approveMinutes(
  database: Database,
  actor: Actor,
  f: Minuted,
  options: { approvers?: number } = {},
) {
  return tx(database, async (t) => {
    const { chair, approvers } = await appointFirstApprovers(t, actor, f, options.approvers ?? 1);
    const version = await freezeMinutes(t, actor, f.meeting.id, { lateReason: "Testet körs efter fristen." });
    for (const personId of [chair.id, ...approvers.map((a) => a.id)])
      await signMinutes(t, actor, version.id, { hash: version.contentHash }, undefined, { personId });
    await signMinutes(t, actor, version.id, { hash: version.contentHash, role: "secretary" });
    return version;
  });
}

/** Closes an opened meeting at 17:00 on its day and approves its minutes (approveMinutes): its notice goes up. */
export async function closeAndApprove(
  database: Database,
  actor: Actor,
  f: { meeting: { id: string; heldOn: string }; members: { id: string }[] },
  options: { approvers?: number } = {},
) {
  await tx(database, (t) =>
    closeMeeting(t, actor, f.meeting.id, { at: new Date(`${f.meeting.heldOn}T17:00:00+01:00`) }),
  );
  return approveMinutes(database, actor, f, options);
}
