import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { lockMeeting } from "../meetings/queries.js";
import { lockVersion } from "./queries.js";
import type { RefuseMinutesInput } from "./schemas.js";
import { resolveSigner } from "./signers.js";
import { minutesVersion, signature } from "./tables.js";

/**
 * A signer refuses to sign a version, saying what is wrong: the version stops being signed, and the refusal stays
 * readable beside it. The secretary corrects the minutes and freezes a new version. KL 5 kap. 69 § (check)
 */
export async function refuseMinutes(
  tx: Tx,
  actor: Actor,
  versionId: string,
  input: RefuseMinutesInput,
  options: { personId?: string | null; at?: Date } = {},
) {
  const version = await lockVersion(tx, actor.municipalityId, versionId);
  if (!version) throw new DomainError("version_not_found");
  await lockMeeting(tx, actor.municipalityId, version.meetingId);
  if (version.status !== "signing") throw new DomainError("version_not_signing", { status: version.status });
  if (input.hash !== version.contentHash) throw new DomainError("version_changed", {}, "hash");
  const signer = await resolveSigner(tx, actor, version, { personId: options.personId });
  const at = options.at ?? new Date();
  const [created] = await tx
    .insert(signature)
    .values({
      versionId: version.id,
      role: signer.role,
      personId: signer.personId,
      userId: signer.userId,
      signerName: signer.signerName,
      method: "refusal",
      status: "refused",
      coversHash: version.contentHash,
      comment: input.comment,
      startedAt: at,
      completedAt: at,
    })
    .returning();
  await tx.update(minutesVersion).set({ status: "refused" }).where(eq(minutesVersion.id, version.id));
  await recordAudit(tx, actor, {
    action: "minutes.refused",
    recordType: "minutes_version",
    recordId: version.id,
    after: created,
  });
  return created!;
}
