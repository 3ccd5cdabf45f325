import { z } from "@hono/zod-openapi";
import { parseKronor } from "../domain/money.js";
import type { Field, Option } from "../http/forms.js";

// The pieces the reserves' forms share: kronor as typed, dates, a decision's body, date and paragraph.

/** What is wrong with kronor as typed, in Swedish, by the problem parseKronor names. */
export const kronorMessages: Record<string, string> = {
  blank: "Ange beloppet i kronor.",
  malformed: "Skriv beloppet i kronor, t.ex. 250 000 eller 1 234,50.",
  negative: "Beloppet kan inte vara negativt.",
  fraction_of_ore: "Beloppet ska anges i hela öre (högst två decimaler).",
  too_large: "Beloppet är orimligt stort.",
};

/** Kronor as a person types them, in öre; the problem as a Swedish message on the field. */
export const kronor = (allowZero = false) =>
  z.string({ error: kronorMessages.blank }).transform((text, ctx) => {
    const parsed = parseKronor(text);
    if ("problem" in parsed) {
      ctx.addIssue({ code: "custom", message: kronorMessages[parsed.problem]! });
      return z.NEVER;
    }
    if (!allowZero && parsed.ore === 0) {
      ctx.addIssue({ code: "custom", message: "Beloppet måste vara större än noll." });
      return z.NEVER;
    }
    return parsed.ore;
  });

export const isoDate = (message: string) => z.iso.date({ error: message });
export const paragraphNumber = z
  .int({ error: "Ange paragrafnumret som ett heltal." })
  .min(1, "Paragrafnumret måste vara minst 1.")
  .max(99_999, "Paragrafnumret är orimligt stort.")
  .nullish();

export const decisionFields = (bodies: Option[]): Field[] => [
  { name: "decidedBy.bodyId", label: "Beslutande organ", type: "select", required: true, options: bodies },
  { name: "decidedBy.decidedOn", label: "Beslutsdatum", type: "date", required: true },
  { name: "decidedBy.paragraphNumber", label: "Paragraf (§)", type: "number" },
];
