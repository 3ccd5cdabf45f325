import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { findMeetingWithBody, listAttendance } from "../meetings/queries.js";
import { currentMinutesContent } from "./canonical.js";
import { presentApproval, presentDesk, presentVersion } from "./present.js";
import {
  approvedHashOfMeeting,
  approvedHashOfParagraph,
  approvedHashOfScope,
  findArrangement,
  findVersion,
  listAppeals,
  listApprovalsOfParagraphs,
  listApprovers,
  listSignatures,
  listVersions,
} from "./queries.js";
import { requiredSigners } from "./signers.js";

// The reads of approval: the secretary's approval page, one version with its signatures, and the approval a
// minutes or paragraph page shows ("Justerat", legal force). Each in a fixed number of statements.

/** The secretary's approval page of a meeting: approvers, versions, signatures, the 14-day warning; null if none. */
export async function approvalDesk(tx: Tx, actor: Actor, meetingId: string, now: Date = new Date()) {
  const found = await findMeetingWithBody(tx, actor.municipalityId, meetingId);
  if (!found) return null;
  const arrangement = await findArrangement(tx, meetingId);
  const approvers = await listApprovers(tx, [meetingId]);
  const attendance = await listAttendance(tx, meetingId);
  const versions = await listVersions(tx, actor.municipalityId, meetingId);
  const signatures = await listSignatures(
    tx,
    versions.map((v) => v.id),
  );
  const live = await currentMinutesContent(tx, actor.municipalityId, meetingId, null);
  const required = await requiredSigners(tx, actor.municipalityId, meetingId);
  return presentDesk({
    found,
    arrangement: arrangement ?? null,
    approvers,
    attendance,
    versions,
    signatures,
    required,
    liveHash: live!.hash,
    paragraphs: live!.view.paragraphs.map((p) => ({
      id: p.id,
      number: p.number,
      title: p.title,
      decided: p.decisionPoints.length > 0,
    })),
    today: todayInStockholm(now),
    mayKeepMinutes: can(actor, "meeting:write", found.body.id),
  });
}
export type ApprovalDesk = NonNullable<Awaited<ReturnType<typeof approvalDesk>>>;

/** One version of the minutes with its canonical content, hash and signatures; null when it does not exist. */
export async function versionView(tx: Tx, municipalityId: string, versionId: string) {
  const version = await findVersion(tx, municipalityId, versionId);
  if (!version) return null;
  const found = (await findMeetingWithBody(tx, municipalityId, version.meetingId))!;
  const signatures = await listSignatures(tx, [version.id]);
  const required = await requiredSigners(tx, municipalityId, version.meetingId);
  return presentVersion({ version, found, signatures, required });
}
export type VersionView = NonNullable<Awaited<ReturnType<typeof versionView>>>;

/**
 * The ids of a version's pending signatures the actor may collect now (collectSignature's rule): their own, or any
 * for whoever keeps the body's minutes.
 */
export async function collectableSignatures(tx: Tx, actor: Actor, versionId: string): Promise<Set<string>> {
  const version = await findVersion(tx, actor.municipalityId, versionId);
  if (!version) return new Set();
  const found = await findMeetingWithBody(tx, actor.municipalityId, version.meetingId);
  const keeps = can(actor, "meeting:write", found?.body.id ?? null);
  const pending = (await listSignatures(tx, [version.id])).filter((s) => s.status === "pending");
  return new Set(
    pending.filter((s) => keeps || (actor.userId !== null && s.userId === actor.userId)).map((s) => s.id),
  );
}

/** The approval a paragraph shows: signers, date, hash, notice, legal force or appeals (L13–L15, L32). */
export async function paragraphApproval(
  tx: Tx,
  municipalityId: string,
  paragraphId: string,
  now: Date = new Date(),
) {
  const approvals = await listApprovalsOfParagraphs(tx, municipalityId, [paragraphId]);
  if (approvals.length === 0) return null;
  const signatures = await listSignatures(
    tx,
    approvals.map((a) => a.version.id),
  );
  const appeals = await listAppeals(tx, [paragraphId]);
  const arrangement = await findArrangement(tx, approvals[0]!.version.meetingId);
  return presentApproval({
    approvals,
    signatures,
    appeals,
    illustrative: !!arrangement?.illustrative,
    today: todayInStockholm(now),
  });
}
export type ApprovalStamp = NonNullable<Awaited<ReturnType<typeof paragraphApproval>>>;

/** The approval of a meeting's whole minutes, for the minutes page; null until approved. */
export async function minutesApproval(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphIds: string[],
  now = new Date(),
) {
  const approvals = (await listApprovalsOfParagraphs(tx, municipalityId, paragraphIds)).filter(
    (a) => a.version.paragraphId === null,
  );
  const unique = [...new Map(approvals.map((a) => [a.version.id, a])).values()];
  if (unique.length === 0) return null;
  const signatures = await listSignatures(
    tx,
    unique.map((a) => a.version.id),
  );
  const arrangement = await findArrangement(tx, meetingId);
  return presentApproval({
    approvals: unique,
    signatures,
    appeals: [],
    illustrative: !!arrangement?.illustrative,
    today: todayInStockholm(now),
  });
}

/** The strong ETag of an approved paragraph page, from the signed hash, in one statement; null when not approved. */
export async function paragraphEtag(
  tx: Tx,
  municipalityId: string,
  ref: { bodySlug: string; year: number; number: number },
  now: Date = new Date(),
) {
  const row = await approvedHashOfParagraph(tx, municipalityId, ref);
  if (!row) return null;
  // The page also shows legal force, which changes with the day and with appeals, never the signed content.
  const today = todayInStockholm(now);
  const state =
    Number(row.appeals) > 0 ? `a${row.appeals}` : row.appealEndsOn && today > row.appealEndsOn ? "k" : "p";
  // A review of a secret case's free text shows it on the page (L31): the tag changes with each review.
  const reviews = Number(row.reviews);
  return `${row.hash}-${state}${reviews > 0 ? `-g${reviews}` : ""}`;
}

/** The strong ETag of approved minutes, from the signed hash; null when not approved. */
export async function minutesEtag(tx: Tx, municipalityId: string, meetingId: string) {
  const row = await approvedHashOfMeeting(tx, municipalityId, meetingId);
  if (!row) return null;
  const reviews = Number(row.reviews);
  return reviews > 0 ? `${row.hash}-g${reviews}` : row.hash;
}

/**
 * The SHA-256 of the approved version a document of the minutes shows: the whole minutes' (paragraphId null), or
 * for one paragraph the version that approved it, at once or with the whole minutes. Null when not approved.
 */
export async function approvedHashCovering(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphId: string | null,
) {
  return (await approvedHashOfScope(tx, municipalityId, meetingId, paragraphId))?.hash ?? null;
}
