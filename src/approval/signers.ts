import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findMeeting, findPersonsByIds } from "../meetings/queries.js";
import { findArrangement, findPersonOfUser, listApprovers, listSignatures } from "./queries.js";
import type { minutesVersion, SignerRole, signature } from "./tables.js";

type Version = typeof minutesVersion.$inferSelect;
type Signature = typeof signature.$inferSelect;

/** One signature the approval of a version needs. */
export interface RequiredSigner {
  role: SignerRole;
  personId: string | null;
  name: string;
}

/** Who must sign a version of a meeting's minutes: the chair, each approver, and the secretary. KL 5 kap. 69 § (check) */
export async function requiredSigners(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
): Promise<RequiredSigner[]> {
  const arrangement = await findArrangement(tx, meetingId);
  if (!arrangement) return [];
  const approvers = await listApprovers(tx, [meetingId]);
  const [chair] = await findPersonsByIds(tx, municipalityId, [arrangement.chairPersonId]);
  return [
    { role: "chair", personId: arrangement.chairPersonId, name: chair?.name ?? "" },
    ...approvers.map((a) => ({ role: "approver" as const, personId: a.personId, name: a.name })),
    { role: "secretary", personId: null, name: "Sekreteraren" },
  ];
}

const sameSigner = (s: Pick<Signature, "role" | "personId">, r: RequiredSigner) =>
  s.role === r.role && (r.role === "secretary" || s.personId === r.personId);

/** True when every required signer has a completed signature on the version. */
export function allSigned(required: RequiredSigner[], signatures: Signature[]): boolean {
  return (
    required.length > 0 &&
    required.every((r) => signatures.some((s) => s.status === "completed" && sameSigner(s, r)))
  );
}

/**
 * The signer the actor is for this version: the appointed chair or approver its account is (by person), or the
 * secretary (an account that keeps the body's minutes). Paragraf itself (the example loader) names the person.
 */
export async function resolveSigner(
  tx: Tx,
  actor: Actor,
  version: Version,
  options: { role?: SignerRole | null; personId?: string | null },
): Promise<RequiredSigner & { userId: string | null; signerName: string }> {
  const m = (await findMeeting(tx, actor.municipalityId, version.meetingId))!;
  const required = await requiredSigners(tx, actor.municipalityId, m.id);
  const signed = (await listSignatures(tx, [version.id])).filter((s) => s.status !== "failed");
  let personId: string | null = null;
  let displayName = actor.label;
  if (actor.userId) {
    const me = await findPersonOfUser(tx, actor.municipalityId, actor.userId);
    personId = me?.personId ?? null;
    displayName = me?.name ?? me?.displayName ?? actor.label;
  } else personId = options.personId ?? null;
  // The secretary's place is for whoever keeps this body's minutes. An actor without an account (an API key, or
  // Paragraf itself) is no person either, so it takes that place only when it asks for it, and only with that right:
  // naming the role in the request was once enough, and any key of any role or body signed as the secretary.
  const mayKeepMinutes =
    can(actor, "meeting:write", m.bodyId) && (actor.userId !== null || options.role === "secretary");
  const mine = required.filter((r) => (r.role === "secretary" ? mayKeepMinutes : r.personId === personId));
  const candidates = options.role ? mine.filter((r) => r.role === options.role) : mine;
  if (candidates.length === 0) throw new DomainError("signer_not_appointed");
  const open = candidates.find((r) => !signed.some((s) => sameSigner(s, r)));
  if (!open) {
    const waiting = candidates.some((r) => signed.some((s) => s.status === "pending" && sameSigner(s, r)));
    throw new DomainError(waiting ? "signature_already_pending" : "already_signed");
  }
  return {
    ...open,
    userId: actor.userId,
    signerName: open.role === "secretary" ? displayName : open.name,
  };
}
