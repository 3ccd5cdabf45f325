import { z } from "@hono/zod-openapi";
import { assignmentStatuses, closingOutcomes } from "./tables.js";

const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2024-09-26" });

/**
 * A decision as data: which body, which day, which §. The link to the minutes' paragraph is added when the
 * minutes are in Paragraf; until then the reference stands on its own.
 */
export const DecisionReferenceInput = z
  .strictObject({
    bodyId: z.uuid({ error: "Välj det organ som fattade beslutet." }),
    decidedOn: isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
    paragraphNumber: z
      .int({ error: "Ange paragrafnumret som ett heltal." })
      .min(1, "Paragrafnumret måste vara minst 1.")
      .max(99_999, "Paragrafnumret är orimligt stort.")
      .nullish()
      .openapi({ description: "Paragrafnumret (§); utelämnas bara när det inte är känt" }),
    caseId: z.uuid({ error: "Välj ett ärende ur listan." }).nullish(),
    recordId: z.uuid({ error: "Välj en handling ur listan." }).nullish(),
  })
  .openapi("DecisionReferenceInput");
export type DecisionReferenceInput = z.infer<typeof DecisionReferenceInput>;

export const AssignmentInput = z
  .strictObject({
    caseId: z.uuid({ error: "Välj det ärende uppdraget hör till." }),
    givenBy: DecisionReferenceInput,
    bodyId: z.uuid({ error: "Välj det organ som får uppdraget." }),
    text: z
      .string({ error: "Skriv uppdragets text." })
      .trim()
      .min(1, "Skriv uppdragets text.")
      .max(5000, "Texten får vara högst 5000 tecken."),
    deadline: isoDate("Ange sista dag som ÅÅÅÅ-MM-DD.").nullish(),
  })
  .openapi("AssignmentInput");
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export const CloseAssignmentInput = z
  .strictObject({
    outcome: z.enum(closingOutcomes, {
      error: "Välj hur uppdraget avslutas: återrapporterat, faller eller avskrivs.",
    }),
    closedBy: DecisionReferenceInput,
  })
  .openapi("CloseAssignmentInput");
export type CloseAssignmentInput = z.infer<typeof CloseAssignmentInput>;

export const DecisionReference = z
  .object({
    id: z.uuid(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    decidedOn: z.string(),
    paragraphNumber: z.int().nullable(),
    code: z.string().openapi({ example: "KF 240926 § 189" }),
  })
  .openapi("DecisionReference");

export const Assignment = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseNumber: z.string(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    text: z.string(),
    deadline: z.string().nullable(),
    status: z.enum(assignmentStatuses),
    overdue: z.boolean(),
    ageDays: z.int().openapi({ description: "Dagar sedan beslutet" }),
    givenBy: DecisionReference,
    closedBy: DecisionReference.nullable(),
  })
  .openapi("Assignment");
