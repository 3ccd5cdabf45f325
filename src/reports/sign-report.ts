import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import {
  builtInSigning,
  type SigningProvider,
  type SigningState,
  signingTimedOut,
  signingTimedOutReason,
} from "../approval/signing.js";
import { enqueueCollection } from "../approval/signing-jobs.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { carryReportProposal } from "../meetings/carry-report-proposal.js";
import { findCase } from "../register/queries.js";
import { registerRecord } from "../register/register-record.js";
import { record } from "../register/tables.js";
import { collectReportSignatureJobKind } from "./job-kinds.js";
import { contentHash, presentContent, type ReportContent, signingStamp } from "./present.js";
import { findPendingSigning, lockLatestVersion, lockPendingSigning, lockReport } from "./queries.js";
import { loadReport } from "./read-report.js";
import type { SignReportInput } from "./schemas.js";
import { officialReportSigning, officialReportVersion } from "./tables.js";

// Official reports are signed through the same SigningProvider as the minutes (src/approval/signing.ts): a provider
// that signs at once locks the version in the same transaction; one that waits for its signer (a qualified
// e-signature service) leaves a pending signing, and in the same transaction the job that collects it
// (collectReportSignature, src/reports/signing-jobs.ts).

/** The method a signature records: Paragraf's own signing says who acted in Swedish, another provider its name. */
function methodOf(provider: SigningProvider, actor: Actor) {
  if (provider.method !== builtInSigning.method) return provider.method;
  return actor.userId ? "Inloggad användare i Paragraf" : "Paragraf (system)";
}

async function ownerOf(tx: Tx, actor: Actor, reportId: string) {
  const report = await lockReport(tx, actor.municipalityId, reportId);
  if (!report) throw new NotFoundError("report");
  const owner = await findCase(tx, actor.municipalityId, report.caseId);
  if (!owner) throw new NotFoundError("report");
  authorize(actor, "case:handle", owner.responsibleBodyId);
  return { report, owner };
}

/**
 * Signs the latest version of an official report: only the version the signer read (its number and the SHA-256 of
 * its content as read), never one that changed since. The signature is asked of the provider for that SHA-256; when
 * it completes, the version is locked with what was signed (signer, time, method, hash and the content itself),
 * stamped "SIGNERAD 2025-11-17", registered as a record in the case (or linked to the record the registrar already
 * registered for it), and its proposal becomes the proposal of the case's agenda items (carryReportProposal).
 */
export async function signReport(
  tx: Tx,
  actor: Actor,
  reportId: string,
  input: SignReportInput & { at?: Date; recordId?: string },
  provider: SigningProvider = builtInSigning,
) {
  const { report, owner } = await ownerOf(tx, actor, reportId);
  const latest = await lockLatestVersion(tx, report.id);
  if (!latest || latest.version !== input.version)
    throw new DomainError("report_version_changed", { current: latest?.version ?? 0 }, "version");
  if (latest.signedAt) throw new DomainError("report_already_signed", { version: latest.version }, "version");
  if (await findPendingSigning(tx, latest.id))
    throw new DomainError("report_signing_pending", { version: latest.version }, "version");
  // The hash covers what the signer read, the data sections included, so a change of the route or the consultees
  // since the page was read is a changed version too.
  const all = { all: true, bodyIds: [] };
  const content = presentContent(await loadReport(tx, actor.municipalityId, report.id, all), all);
  const sha256 = contentHash(content);
  if (sha256 !== input.sha256)
    throw new DomainError("report_version_changed", { current: latest.version }, "sha256");
  if (input.recordId) {
    const [found] = await tx
      .select({ id: record.id })
      .from(record)
      .where(and(eq(record.id, input.recordId), eq(record.caseId, report.caseId)));
    if (!found) throw new DomainError("report_record_not_found", {}, "recordId");
  }

  const state = await provider.start({
    subject: `official_report_version:${latest.id}`,
    hash: sha256,
    signer: { userId: actor.userId, name: actor.label },
  });
  // A provider that refuses at once has signed nothing: nothing is written.
  if (state.status === "failed") throw new DomainError("report_signing_failed", { reason: state.reason });
  const at = input.at ?? (state.status === "completed" ? state.signedAt : new Date());
  const [signing] = await tx
    .insert(officialReportSigning)
    .values({
      versionId: latest.id,
      method: methodOf(provider, actor),
      reference: state.reference,
      status: state.status,
      sha256,
      content,
      signerName: actor.label,
      userId: actor.userId,
      recordId: input.recordId ?? null,
      startedAt: at,
      finishedAt: state.status === "completed" ? at : null,
    })
    .returning();
  if (state.status === "pending") {
    await recordAudit(tx, actor, {
      action: "report.signing_started",
      recordType: "official_report",
      recordId: report.id,
      after: { version: latest.version, sha256, method: signing!.method, reference: state.reference },
    });
    await enqueueCollection(tx, {
      municipalityId: actor.municipalityId,
      kind: collectReportSignatureJobKind,
      subject: signing!.id,
      payload: { reportId: report.id, signingId: signing!.id },
      startedAt: signing!.startedAt,
      poll: 0,
      now: new Date(),
    });
    return { status: "pending" as const, version: latest, stamp: null, sha256 };
  }
  const signed = await lockSignedVersion(tx, actor, report, owner, latest, signing!, at);
  return { status: "signed" as const, version: signed, stamp: signingStamp(at), sha256 };
}

/**
 * Asks the provider how a report's pending signing stands and records the answer. A completed signature locks the
 * version as signReport does, unless a newer version was saved meanwhile: then the signing fails, since the signer
 * signed a version that is no longer the report. A signing still pending past the time limit (signingTimedOut)
 * fails, so the signer can sign again. `signingId` names the signing a job collects: another one is not its own.
 */
export async function collectReportSignature(
  tx: Tx,
  actor: Actor,
  reportId: string,
  provider: SigningProvider,
  now: Date = new Date(),
  signingId?: string,
) {
  const { report, owner } = await ownerOf(tx, actor, reportId);
  const latest = await lockLatestVersion(tx, report.id);
  const pending = await lockPendingSigning(tx, report.id);
  if (!pending || !latest || (signingId && pending.signing.id !== signingId))
    throw new DomainError("report_signing_not_pending");
  let state: SigningState = await provider.check(pending.signing.reference);
  if (state.status === "pending" && signingTimedOut(pending.signing.startedAt, now))
    state = { status: "failed", reference: pending.signing.reference, reason: signingTimedOutReason };
  if (state.status === "pending")
    return { status: "pending" as const, stamp: null, startedAt: pending.signing.startedAt };
  const superseded = state.status === "completed" && pending.version.id !== latest.id;
  if (state.status === "failed" || superseded) {
    const reason =
      state.status === "failed" ? state.reason : "En nyare version sparades medan signeringen pågick.";
    await tx
      .update(officialReportSigning)
      .set({ status: "failed", finishedAt: now, reason })
      .where(eq(officialReportSigning.id, pending.signing.id));
    await recordAudit(tx, actor, {
      action: "report.signing_failed",
      recordType: "official_report",
      recordId: report.id,
      after: { version: pending.version.version, reference: pending.signing.reference, reason },
    });
    return { status: "failed" as const, reason, stamp: null };
  }
  const at = state.signedAt;
  await tx
    .update(officialReportSigning)
    .set({ status: "completed", finishedAt: at })
    .where(eq(officialReportSigning.id, pending.signing.id));
  await lockSignedVersion(tx, actor, report, owner, latest, pending.signing, at);
  return { status: "signed" as const, stamp: signingStamp(at) };
}

/** Locks a version with its completed signature, registers it in the case and carries its proposal. */
async function lockSignedVersion(
  tx: Tx,
  actor: Actor,
  report: { id: string; caseId: string; title: string; administrationId: string },
  owner: { responsibleBodyId: string | null },
  version: typeof officialReportVersion.$inferSelect,
  signing: typeof officialReportSigning.$inferSelect,
  at: Date,
) {
  let recordId = signing.recordId;
  if (!recordId) {
    // Registering the signed report belongs to signing it (a drawn-up record is registered when it is finished,
    // OSL 5 kap. 1 §), so the signer registers it without needing the registrar's role.
    const registrar: Actor = {
      ...actor,
      grants: [...actor.grants, { role: "registrar", bodyId: owner.responsibleBodyId }],
    };
    const registered = await registerRecord(tx, registrar, {
      caseId: report.caseId,
      direction: "drawn_up",
      recordType: "official_report",
      datedOn: version.datedOn,
      counterpartBodyId: report.administrationId,
      description: `Tjänsteskrivelse ${report.title} (version ${version.version}, signerad ${stockholmDay(at)})`,
    });
    recordId = registered.id;
  }
  const [signed] = await tx
    .update(officialReportVersion)
    .set({
      signedAt: at,
      signedByUserId: signing.userId,
      signedBy: signing.signerName,
      signMethod: signing.method,
      sha256: signing.sha256,
      signedContent: signing.content as ReportContent,
      recordId,
    })
    .where(eq(officialReportVersion.id, version.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "report.signed",
    recordType: "official_report",
    recordId: report.id,
    before: { version: version.version, signedAt: null },
    after: {
      version: version.version,
      sha256: signing.sha256,
      signer: signing.signerName,
      method: signing.method,
      reference: signing.reference,
      at,
      recordId,
    },
  });
  await carryReportProposal(tx, actor, report.caseId);
  return signed!;
}
