import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { MinutesSeals } from "../meetings/pages.js";
import { minutesApproval, minutesEtag, paragraphApproval, paragraphEtag } from "./read-approval.js";
import { ApprovalStamp } from "./render.js";

/** What approval adds to the public minutes and paragraph pages: strong ETags and the "Justerat" block. */
export const approvalSeals: MinutesSeals = {
  paragraphEtag: (tx, municipalityId, ref) => paragraphEtag(tx, municipalityId, ref),
  minutesEtag: (tx, municipalityId, meetingId) => minutesEtag(tx, municipalityId, meetingId),
  async paragraphStamp(tx, municipalityId, paragraphId, actor: Actor | null) {
    const a = await paragraphApproval(tx, municipalityId, paragraphId);
    if (!a) return null;
    return (
      <>
        <ApprovalStamp a={a} />
        {can(actor, "register:write") && a.notice ? (
          <p class="actions">
            <a href={`/paragrafer/${paragraphId}/overklagande`}>Registrera ett överklagande</a>
          </p>
        ) : null}
      </>
    );
  },
  async minutesStamp(tx, municipalityId, meetingId, paragraphIds) {
    const a = await minutesApproval(tx, municipalityId, meetingId, paragraphIds);
    return a ? <ApprovalStamp a={a} legalForce={false} /> : null;
  },
};
