import { and, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { stockholmDay } from "../domain/clock.js";
import { findSignedReportProposal } from "./queries.js";
import { agendaItem, meeting } from "./tables.js";

// A signed official report is the proposal an agenda item carries (issue 13): "Förslag till beslut" of the signed
// version becomes the item's proposal, and the item links to the report.

/** What an item carries from a signed report: its text, the report and version, and how the link reads. */
export interface ReportProposal {
  proposalText: string | null;
  proposalReportId: string;
  proposalReportVersion: number;
  proposalReportLabel: string;
}

/** "Tjänsteskrivelse 2025-12-03, version 1, SIGNERAD 2025-11-17": the link an item's proposal shows. */
export function reportProposalLabel(datedOn: string, version: number, signedAt: Date) {
  return `Tjänsteskrivelse ${datedOn}, version ${version}, SIGNERAD ${stockholmDay(signedAt)}`;
}

function proposalOf(
  signed: NonNullable<Awaited<ReturnType<typeof findSignedReportProposal>>>,
): ReportProposal {
  return {
    proposalText: signed.texts.proposal?.trim() || null,
    proposalReportId: signed.reportId,
    proposalReportVersion: signed.version,
    proposalReportLabel: reportProposalLabel(signed.datedOn, signed.version, signed.signedAt!),
  };
}

/**
 * The proposal a case's signed report gives an item of a meeting held on the given day, or null: a report dated
 * after the meeting was not before it.
 */
export async function reportProposalFor(
  tx: Tx,
  municipalityId: string,
  caseId: string,
  heldOn: string,
): Promise<ReportProposal | null> {
  const signed = await findSignedReportProposal(tx, municipalityId, caseId);
  return signed && signed.datedOn <= heldOn ? proposalOf(signed) : null;
}

/**
 * Gives the agenda items of a case the proposal of its latest signed report: each item that has no proposing
 * paragraph of an earlier body (a route's later bodies decide on that paragraph, M6) and no proposal the secretary
 * wrote by hand, on a meeting held on or after the report's date. An item whose paragraph stands in approved minutes
 * is left as it is (the database refuses the change anyway, migration 0020), so approved minutes never change.
 */
export async function carryReportProposal(tx: Tx, actor: Actor, caseId: string) {
  const signed = await findSignedReportProposal(tx, actor.municipalityId, caseId);
  if (!signed) return [];
  const carried = proposalOf(signed);
  const items = await tx
    .select({
      id: agendaItem.id,
      proposalText: agendaItem.proposalText,
      proposalReportId: agendaItem.proposalReportId,
      proposalReportVersion: agendaItem.proposalReportVersion,
    })
    .from(agendaItem)
    .innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
    .where(
      and(
        eq(agendaItem.municipalityId, actor.municipalityId),
        eq(agendaItem.caseId, caseId),
        isNull(agendaItem.proposedByParagraphId),
        or(isNull(agendaItem.proposalText), sql`${agendaItem.proposalReportId} is not null`),
        gte(meeting.heldOn, signed.datedOn),
        sql`not agenda_item_locked(${agendaItem.id})`,
      ),
    )
    .for("update", { of: agendaItem });
  const changed = items.filter(
    (i) =>
      i.proposalReportId !== carried.proposalReportId ||
      i.proposalReportVersion !== carried.proposalReportVersion ||
      i.proposalText !== carried.proposalText,
  );
  for (const item of changed) {
    await tx.update(agendaItem).set(carried).where(eq(agendaItem.id, item.id));
    await recordAudit(tx, actor, {
      action: "agenda_item.proposal_from_report",
      recordType: "agenda_item",
      recordId: item.id,
      before: item,
      after: carried,
    });
  }
  return changed.map((i) => i.id);
}
