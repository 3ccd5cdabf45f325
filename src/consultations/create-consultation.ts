import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { resolveDecisionReference } from "../assignments/resolve-decision-reference.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { findBody } from "../organisation/queries.js";
import { findCase } from "../register/queries.js";
import type { ConsultationInput } from "./schemas.js";
import { consultation, consultationQuestion, consultationReminder, consultee } from "./tables.js";

/**
 * Prepares a consultation (remiss) in a case as the deciding body decided it: cover text, questions, consultees,
 * deadline and reminder times. Nothing is sent yet; sendConsultation does that.
 */
export async function createConsultation(tx: Tx, actor: Actor, input: ConsultationInput) {
  const owner = await findCase(tx, actor.municipalityId, input.caseId);
  if (!owner) throw new DomainError("case_not_found", {}, "caseId");
  authorize(actor, "consultation:write", owner.responsibleBodyId);
  if (input.deadline < input.decidedBy.decidedOn)
    throw new DomainError("deadline_before_decision", { date: input.decidedBy.decidedOn }, "deadline");
  const seenBodies = new Set<string>();
  const seenNames = new Set<string>();
  const rows: { bodyId: string | null; organisationName: string | null; contactEmail: string | null }[] = [];
  for (const [i, c] of input.consultees.entries()) {
    if (c.bodyId) {
      const b = await findBody(tx, actor.municipalityId, c.bodyId);
      if (!b) throw new DomainError("body_not_found", {}, `consultees.${i}.bodyId`);
      if (seenBodies.has(b.id))
        throw new DomainError("consultee_twice", { name: b.name }, `consultees.${i}.bodyId`);
      seenBodies.add(b.id);
      rows.push({ bodyId: b.id, organisationName: null, contactEmail: c.contactEmail ?? b.email ?? null });
    } else {
      const name = c.organisationName!;
      if (seenNames.has(name.toLowerCase()))
        throw new DomainError("consultee_twice", { name }, `consultees.${i}.organisationName`);
      seenNames.add(name.toLowerCase());
      rows.push({ bodyId: null, organisationName: name, contactEmail: c.contactEmail! });
    }
  }
  const decidedBy = await resolveDecisionReference(tx, actor, input.decidedBy, "decidedBy");
  const [created] = await tx
    .insert(consultation)
    .values({
      municipalityId: actor.municipalityId,
      caseId: owner.id,
      decidedById: decidedBy.id,
      title: input.title,
      coverText: input.coverText,
      deadline: input.deadline,
    })
    .returning();
  const questions = input.questions ?? [];
  if (questions.length > 0)
    await tx
      .insert(consultationQuestion)
      .values(questions.map((text, i) => ({ consultationId: created!.id, position: i + 1, text })));
  await tx.insert(consultee).values(
    rows.map((r, i) => ({
      ...r,
      municipalityId: actor.municipalityId,
      consultationId: created!.id,
      position: i + 1,
    })),
  );
  const reminders = [...new Set((input.reminders ?? []).map((r) => new Date(r).toISOString()))];
  if (reminders.length > 0)
    await tx
      .insert(consultationReminder)
      .values(reminders.map((r) => ({ consultationId: created!.id, remindAt: new Date(r) })));
  await recordAudit(tx, actor, {
    action: "consultation.created",
    recordType: "consultation",
    recordId: created!.id,
    after: { ...created, questions, consultees: rows, reminders },
  });
  return created!;
}
