import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { joinAnd } from "../domain/swedish.js";
import { countBodies } from "./queries.js";
import type { SaveTemplateInput } from "./schemas.js";
import { requiredKinds } from "./sections.js";
import { reportTemplate } from "./tables.js";

const requiredHeadings: Record<string, string> = {
  summary: "Sammanfattning",
  proposal: "Förslag till beslut",
  basis: "Beslutsunderlag",
};

/**
 * Saves the municipality's template for official reports, or a body's own: which sections, in which order, under
 * which headings, how long. A template must keep the sections every report needs.
 */
export async function saveTemplate(tx: Tx, actor: Actor, input: SaveTemplateInput) {
  authorize(actor, "organisation:write");
  const kinds = input.sections.map((s) => s.kind);
  const twice = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (twice) throw new DomainError("report_template_duplicate_section", { kind: twice }, "sections");
  for (const kind of requiredKinds)
    if (!kinds.includes(kind))
      throw new DomainError(
        "report_template_missing_section",
        {
          heading: requiredHeadings[kind],
          required: joinAnd(requiredKinds.map((k) => requiredHeadings[k]!)),
        },
        "sections",
      );
  const bodyId = input.bodyId ?? null;
  if (bodyId && (await countBodies(tx, actor.municipalityId, [bodyId])) !== 1)
    throw new DomainError("report_reference_not_found", {}, "bodyId");
  const [before] = await tx
    .select()
    .from(reportTemplate)
    .where(
      and(
        eq(reportTemplate.municipalityId, actor.municipalityId),
        bodyId ? eq(reportTemplate.bodyId, bodyId) : isNull(reportTemplate.bodyId),
      ),
    )
    .for("update");
  const [saved] = before
    ? await tx
        .update(reportTemplate)
        .set({ name: input.name, sections: input.sections })
        .where(eq(reportTemplate.id, before.id))
        .returning()
    : await tx
        .insert(reportTemplate)
        .values({ municipalityId: actor.municipalityId, bodyId, name: input.name, sections: input.sections })
        .returning();
  await recordAudit(tx, actor, {
    action: "report_template.saved",
    recordType: "report_template",
    recordId: saved!.id,
    before: before ?? null,
    after: saved,
  });
  return saved!;
}
