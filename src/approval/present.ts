import { stockholmDay, stockholmMinute } from "../domain/clock.js";
import {
  approvalDeadline,
  approvalDeadlineNear,
  legalForceOn,
  noticePostingDeadline,
} from "../domain/law/meetings.js";
import type { findMeetingWithBody, listAttendance } from "../meetings/queries.js";
import type { RequiredSigner } from "./signers.js";
import type {
  appeal,
  approvalArrangement,
  minutesVersion,
  notice,
  SignerRole,
  signature,
  VersionStatus,
} from "./tables.js";

// What the approval pages, the minutes' "Justerat" block, the notice board and the API show, made from the rows the
// read-*.ts files load. Pure: no I/O.

type Version = typeof minutesVersion.$inferSelect;
type Signature = typeof signature.$inferSelect;
type Notice = typeof notice.$inferSelect;
type Appeal = typeof appeal.$inferSelect;
type MeetingWithBody = NonNullable<Awaited<ReturnType<typeof findMeetingWithBody>>>;

export const roleLabel: Record<SignerRole, string> = {
  chair: "Ordförande",
  approver: "Justerare",
  secretary: "Sekreterare",
};

export const versionStatusLabel: Record<VersionStatus, string> = {
  signing: "Signeras",
  refused: "Vägrad av justerare",
  replaced: "Ersatt av en nyare version",
  approved: "Justerad",
  corrected: "Justerad, senare rättad",
};

const signatureStatusLabel: Record<Signature["status"], string> = {
  pending: "Väntar på signering",
  completed: "Signerat",
  failed: "Signeringen misslyckades",
  refused: "Vägrat",
};

function presentSignature(s: Signature) {
  const at = s.completedAt ?? s.startedAt;
  return {
    id: s.id,
    role: s.role,
    roleLabel: roleLabel[s.role],
    name: s.signerName,
    status: s.status,
    statusLabel: signatureStatusLabel[s.status],
    method: s.method,
    coversHash: s.coversHash,
    at: at.toISOString(),
    atText: stockholmMinute(at),
    startedText: stockholmMinute(s.startedAt),
    comment: s.comment,
  };
}

/** One version with its signatures and who still has to sign. */
export function presentVersion(rows: {
  version: Version;
  found: MeetingWithBody;
  signatures: Signature[];
  required: RequiredSigner[];
}) {
  const { version: v, found, signatures, required } = rows;
  const own = signatures.filter((s) => s.versionId === v.id).map(presentSignature);
  const done = (r: RequiredSigner) =>
    own.some(
      (s) =>
        s.status === "completed" &&
        s.role === r.role &&
        (r.role === "secretary" || signatures.some((x) => x.id === s.id && x.personId === r.personId)),
    );
  return {
    id: v.id,
    meetingId: v.meetingId,
    paragraphId: v.paragraphId,
    number: v.number,
    status: v.status,
    statusLabel: versionStatusLabel[v.status],
    hash: v.contentHash,
    reason: v.reason,
    lateReason: v.lateReason,
    createdAt: v.createdAt.toISOString(),
    createdText: stockholmMinute(v.createdAt),
    approvedOn: v.approvedAt ? stockholmDay(v.approvedAt) : null,
    title: `${found.body.name} ${found.meeting.heldOn}`,
    body: { id: found.body.id, name: found.body.name },
    meeting: { id: found.meeting.id, heldOn: found.meeting.heldOn },
    content: v.content,
    signatures: own,
    missing:
      v.status === "signing"
        ? required
            .filter((r) => !done(r))
            .map((r) => ({ role: r.role, roleLabel: roleLabel[r.role], name: r.name }))
        : [],
  };
}
export type VersionPresented = ReturnType<typeof presentVersion>;

/** The secretary's approval page: arrangement, versions, the 14-day warning (L11, KL 5 kap. 69 § (check)). */
export function presentDesk(rows: {
  found: MeetingWithBody;
  arrangement: typeof approvalArrangement.$inferSelect | null;
  approvers: { personId: string; name: string; position: number }[];
  attendance: Awaited<ReturnType<typeof listAttendance>>;
  versions: Version[];
  signatures: Signature[];
  required: RequiredSigner[];
  liveHash: string;
  paragraphs: { id: string; number: number; title: string; decided: boolean }[];
  today: string;
  mayKeepMinutes: boolean;
}) {
  const { found, arrangement } = rows;
  const m = found.meeting;
  const deadline = approvalDeadline(m.heldOn);
  const versions = rows.versions.map((version) => ({
    ...presentVersion({ version, found, signatures: rows.signatures, required: rows.required }),
    scope: version.paragraphId
      ? `§ ${rows.paragraphs.find((p) => p.id === version.paragraphId)?.number ?? ""} (omedelbar justering)`
      : "Hela protokollet",
    changedSince:
      version.paragraphId === null && version.status === "signing" && version.contentHash !== rows.liveHash,
  }));
  const whole = versions.filter((v) => v.paragraphId === null);
  const approved = whole.some((v) => v.status === "approved");
  const served = rows.attendance.filter(
    (a) => a.capacity === "member" || a.capacity === "serving_substitute",
  );
  const chair = served.find((a) => a.personId === arrangement?.chairPersonId);
  return {
    meeting: {
      id: m.id,
      heldOn: m.heldOn,
      status: m.status,
      approvalAt: m.approvalAt,
      approvalAtText: m.approvalAt ? stockholmMinute(m.approvalAt) : null,
    },
    body: { id: found.body.id, name: found.body.name },
    title: `${found.body.name} ${m.heldOn}`,
    deadline,
    warn: !approved && approvalDeadlineNear(m.heldOn, rows.today),
    overdue: !approved && rows.today > deadline,
    arrangement: arrangement
      ? {
          chairId: arrangement.chairPersonId,
          chair: chair?.personName ?? rows.required.find((r) => r.role === "chair")?.name ?? "",
          approvers: rows.approvers.map((a) => ({ personId: a.personId, name: a.name })),
          place: arrangement.place,
          minutesKeptAt: arrangement.minutesKeptAt,
          illustrative: arrangement.illustrative,
        }
      : null,
    eligible: served.map((a) => ({
      value: a.personId,
      label: a.partyAbbreviation ? `${a.personName} (${a.partyAbbreviation})` : a.personName,
    })),
    versions: versions.reverse(),
    current: whole.find((v) => v.status === "signing") ?? null,
    approved,
    mayFreeze: m.status === "closed" && !!arrangement && !whole.some((v) => v.status === "approved"),
    liveHash: rows.liveHash,
    paragraphs: rows.paragraphs,
    mayKeepMinutes: rows.mayKeepMinutes,
  };
}

/** The approval a minutes or paragraph page shows: "Justerat", signers, hash, the notice and legal force (L32). */
export function presentApproval(rows: {
  approvals: { version: Version; notice: Notice | null }[];
  signatures: Signature[];
  appeals: Appeal[];
  illustrative: boolean;
  today: string;
}) {
  const standing = rows.approvals.filter((a) => a.version.status === "approved");
  const shown = standing.at(-1) ?? rows.approvals.at(-1)!;
  // The appeal period runs from the first notice of an approval of the paragraph (an immediate approval's own).
  const first = rows.approvals.map((a) => a.notice).find((n): n is Notice => n !== null) ?? null;
  const signers = rows.signatures
    .filter((s) => s.versionId === shown.version.id && s.status === "completed")
    .map(presentSignature);
  const appeals = rows.appeals.map((a) => ({
    court: a.court,
    receivedOn: a.receivedOn,
    caseNumber: a.caseNumber,
  }));
  const legalForce =
    appeals.length > 0
      ? ({ state: "appealed" } as const)
      : first && rows.today > first.appealEndsOn
        ? ({ state: "in_force", on: legalForceOn(first.appealEndsOn) } as const)
        : first
          ? ({ state: "pending", appealEndsOn: first.appealEndsOn } as const)
          : ({ state: "not_posted" } as const);
  return {
    versionId: shown.version.id,
    number: shown.version.number,
    corrected: shown.version.status === "corrected",
    immediate: shown.version.paragraphId !== null,
    hash: shown.version.contentHash,
    approvedOn: stockholmDay(shown.version.approvedAt!),
    signers,
    illustrative: rows.illustrative,
    notice: first
      ? {
          postedOn: first.postedOn,
          appealEndsOn: first.appealEndsOn,
          takeDownOn: first.takeDownOn,
          minutesKeptAt: first.minutesKeptAt,
          postingDeadline: noticePostingDeadline(first.approvedOn),
        }
      : null,
    legalForce,
    appeals,
  };
}
export type ApprovalPresented = ReturnType<typeof presentApproval>;
