import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findCase } from "../register/queries.js";
import { reportProposalFor } from "./carry-report-proposal.js";
import { meetingForWrite } from "./guards.js";
import { findParagraph, findRecordsByIds, listBasis, listParagraphsOfCase, listRoute } from "./queries.js";
import type { AgendaItemInput } from "./schemas.js";
import { agendaItem, decisionBasisEntry, decisionRouteStep } from "./tables.js";

/**
 * Puts a case on a meeting's agenda as the next item (or at the given number, when the agenda follows a printed one). When the case's decision route leads here, the proposed
 * decision is the latest earlier paragraph on the route and the decision basis is carried forward with it (M6).
 * Otherwise, unless a proposal is written, the case's signed official report is the proposal (issue 13).
 */
export async function addAgendaItem(tx: Tx, actor: Actor, meetingId: string, input: AgendaItemInput) {
  const { meeting: m } = await meetingForWrite(tx, actor, meetingId);
  if (m.status === "closed") throw new DomainError("meeting_closed");
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");

  const earlier = (await listParagraphsOfCase(tx, actor.municipalityId, owner.id)).filter(
    (p) => p.heldOn < m.heldOn,
  );
  let proposedBy = input.proposedByParagraphId ?? null;
  if (proposedBy) {
    const p = await findParagraph(tx, actor.municipalityId, proposedBy);
    if (!p || !earlier.some((e) => e.id === p.id))
      throw new DomainError("proposal_not_earlier", {}, "proposedByParagraphId");
  } else if (!input.proposalText) {
    const route = await listRoute(tx, actor.municipalityId, owner.id);
    const here = route.find(
      (s) => s.meetingId === m.id || (s.bodyId === m.bodyId && s.plannedOn === m.heldOn),
    );
    if (here) {
      proposedBy = earlier.at(-1)?.id ?? null;
      if (!here.meetingId)
        await tx.update(decisionRouteStep).set({ meetingId: m.id }).where(eq(decisionRouteStep.id, here.id));
    }
  }

  let basis = input.basis?.map((e) => ({ recordId: e.recordId ?? null, paragraphId: e.paragraphId ?? null }));
  if (!basis && proposedBy) {
    const proposal = (await findParagraph(tx, actor.municipalityId, proposedBy))!;
    basis = (await listBasis(tx, proposal.agendaItemId)).map((e) => ({
      recordId: e.recordId,
      paragraphId: e.paragraphId,
    }));
  }
  basis ??= [];
  if (proposedBy && !basis.some((e) => e.paragraphId === proposedBy && !e.recordId))
    basis.unshift({ recordId: null, paragraphId: proposedBy });
  const recordIds = basis.flatMap((e) => (e.recordId ? [e.recordId] : []));
  const found = await findRecordsByIds(tx, actor.municipalityId, recordIds);
  if (found.length !== new Set(recordIds).size) throw new DomainError("basis_record_not_found", {}, "basis");
  for (const e of basis)
    if (e.paragraphId && !(await findParagraph(tx, actor.municipalityId, e.paragraphId)))
      throw new DomainError("paragraph_unknown", {}, "basis");

  // With no proposal of an earlier body and none written, the case's signed official report is the proposal.
  const fromReport =
    !proposedBy && !input.proposalText
      ? await reportProposalFor(tx, actor.municipalityId, owner.id, m.heldOn)
      : null;

  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${agendaItem.position}), 0) + 1` })
    .from(agendaItem)
    .where(and(eq(agendaItem.meetingId, m.id)))) as [{ next: number }];
  if (input.position) {
    const [taken] = await tx
      .select({ id: agendaItem.id })
      .from(agendaItem)
      .where(and(eq(agendaItem.meetingId, m.id), eq(agendaItem.position, input.position)));
    if (taken) throw new DomainError("agenda_position_taken", { position: input.position }, "position");
  }
  const [created] = await tx
    .insert(agendaItem)
    .values({
      municipalityId: actor.municipalityId,
      meetingId: m.id,
      position: input.position ?? Number(next),
      caseId: owner.id,
      title: input.title || owner.publicTitle || owner.title,
      proposedByParagraphId: proposedBy,
      proposalText: input.proposalText ?? null,
      ...fromReport,
    })
    .returning();
  if (basis.length > 0)
    await tx
      .insert(decisionBasisEntry)
      .values(basis.map((e, i) => ({ agendaItemId: created!.id, position: i + 1, ...e })));
  await recordAudit(tx, actor, {
    action: "agenda_item.added",
    recordType: "agenda_item",
    recordId: created!.id,
    after: { ...created, basis },
  });
  return created!;
}
