import type { Actor } from "../accounts/actor.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { nextPosition, paragraphForWrite, requireOpen } from "./guards.js";
import { findPersonsByIds } from "./queries.js";
import type { MotionInput } from "./schemas.js";
import { servingOnItem } from "./serving.js";
import { motion, motionPerson } from "./tables.js";

/** Records a motion (yrkande) put by serving members, with those who support it. KL 5 kap. 52 § (check) */
export async function addMotion(tx: Tx, actor: Actor, input: MotionInput) {
  const { paragraph: p, meeting: m, item } = await paragraphForWrite(tx, actor, input.paragraphId);
  requireOpen(m);
  if ((input.kind === "amend" || input.kind === "add") && !input.text)
    throw new DomainError("invalid_input", {}, "text");
  const serving = await servingOnItem(tx, m, item);
  const movers = [...new Set(input.moverIds)];
  const supporters = [...new Set(input.supporterIds ?? [])].filter((id) => !movers.includes(id));
  const persons = await findPersonsByIds(tx, actor.municipalityId, [...movers, ...supporters]);
  for (const id of [...movers, ...supporters]) {
    const who = persons.find((x) => x.id === id);
    if (!who) throw new DomainError("person_not_found", {}, "moverIds");
    if (!serving.named.has(id))
      throw new DomainError(
        "not_serving",
        { person: who.name, act: "yrka" },
        movers.includes(id) ? "moverIds" : "supporterIds",
      );
  }
  const [created] = await tx
    .insert(motion)
    .values({
      paragraphId: p.id,
      position: await nextPosition(tx, motion, p.id),
      kind: input.kind,
      text: input.text ?? null,
    })
    .returning();
  await tx.insert(motionPerson).values([
    ...movers.map((personId, i) => ({
      motionId: created!.id,
      personId,
      role: "mover" as const,
      position: i + 1,
    })),
    ...supporters.map((personId, i) => ({
      motionId: created!.id,
      personId,
      role: "supporter" as const,
      position: movers.length + i + 1,
    })),
  ]);
  await recordAudit(tx, actor, {
    action: "motion.added",
    recordType: "paragraph",
    recordId: p.id,
    after: { ...created, movers, supporters },
  });
  return created!;
}
