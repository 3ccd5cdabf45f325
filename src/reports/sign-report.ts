import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { registerRecord } from "../register/register-record.js";
import { record } from "../register/tables.js";
import { contentHash, presentContent, signingStamp } from "./present.js";
import { lockLatestVersion, lockReport } from "./queries.js";
import { loadReport } from "./read-report.js";
import type { SignReportInput } from "./schemas.js";
import { officialReportVersion } from "./tables.js";

/** Who signed and how, as the signing method reports it. */
export interface ReportSignature {
  signer: string;
  userId: string | null;
  method: string;
}

/**
 * The one place a report's signature is made. Today it is the logged-in user's session; when approval's
 * SigningProvider (src/approval/signing.ts) lands, the coordinator routes this through it, and nothing else changes.
 */
export type SignAs = (actor: Actor, sha256: string) => Promise<ReportSignature>;

/** Signs as the logged-in user: their account and session are the method. */
export const signAsLoggedInUser: SignAs = async (actor) => ({
  signer: actor.label,
  userId: actor.userId,
  method: actor.userId ? "Inloggad användare i Paragraf" : "Paragraf (system)",
});

/**
 * Signs the latest version of an official report: only the version the signer read (its number and the SHA-256 of
 * its content as read), never one that changed since. Locks the version with what was signed (signer, time, method,
 * hash and the content itself), stamps it "SIGNERAD 2025-11-17", and registers the signed report as a record in the
 * case, or links the record the registrar already registered for it.
 */
export async function signReport(
  tx: Tx,
  actor: Actor,
  reportId: string,
  input: SignReportInput & { at?: Date; recordId?: string },
  signAs: SignAs = signAsLoggedInUser,
) {
  const report = await lockReport(tx, actor.municipalityId, reportId);
  if (!report) throw new NotFoundError("report");
  const owner = await findCase(tx, actor.municipalityId, report.caseId);
  if (!owner) throw new NotFoundError("report");
  authorize(actor, "case:handle", owner.responsibleBodyId);
  const latest = await lockLatestVersion(tx, report.id);
  if (!latest || latest.version !== input.version)
    throw new DomainError("report_version_changed", { current: latest?.version ?? 0 }, "version");
  if (latest.signedAt) throw new DomainError("report_already_signed", { version: latest.version }, "version");
  // The hash covers what the signer read, the data sections included, so a change of the route or the consultees
  // since the page was read is a changed version too.
  const content = presentContent(
    await loadReport(tx, actor.municipalityId, report.id, { all: true, bodyIds: [] }),
    {
      all: true,
      bodyIds: [],
    },
  );
  const sha256 = contentHash(content);
  if (sha256 !== input.sha256)
    throw new DomainError("report_version_changed", { current: latest.version }, "sha256");
  const signature = await signAs(actor, sha256);
  const at = input.at ?? new Date();

  let recordId = input.recordId ?? null;
  if (recordId) {
    const [found] = await tx
      .select({ id: record.id })
      .from(record)
      .where(and(eq(record.id, recordId), eq(record.caseId, report.caseId)));
    if (!found) throw new DomainError("report_record_not_found", {}, "recordId");
  } else {
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
      datedOn: latest.datedOn,
      counterpartBodyId: report.administrationId,
      description: `Tjänsteskrivelse ${report.title} (version ${latest.version}, signerad ${stockholmDay(at)})`,
    });
    recordId = registered.id;
  }

  const [signed] = await tx
    .update(officialReportVersion)
    .set({
      signedAt: at,
      signedByUserId: signature.userId,
      signedBy: signature.signer,
      signMethod: signature.method,
      sha256,
      signedContent: content,
      recordId,
    })
    .where(eq(officialReportVersion.id, latest.id))
    .returning();
  await recordAudit(tx, actor, {
    action: "report.signed",
    recordType: "official_report",
    recordId: report.id,
    before: { version: latest.version, signedAt: null },
    after: {
      version: latest.version,
      sha256,
      signer: signature.signer,
      method: signature.method,
      at,
      recordId,
    },
  });
  return { version: signed!, stamp: signingStamp(at), sha256 };
}
