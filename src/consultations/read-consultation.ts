import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "../register/access.js";
import { notifyKey } from "./job-kinds.js";
import { type ConsultationView, presentConsultation } from "./present.js";
import {
  listAnswers,
  listConsultationHeads,
  listConsulteeRows,
  listMailStates,
  listPositionParties,
  listQuestions,
  listReminders,
} from "./queries.js";

/**
 * Everything the views of some consultations need, in seven queries however many consultations, consultees, answers,
 * reservations and statements there are: the consultations with their case and decision, their questions, their
 * reminders, their consultees (with records and decisions joined in), then the positions, answers and letters of all
 * consultees at once. Nothing is decided here about what a reader may see; presentConsultation does that.
 */
export async function loadConsultations(
  tx: Tx,
  municipalityId: string,
  which: { ids: string[] } | { caseId: string },
) {
  const heads = await listConsultationHeads(tx, municipalityId, which);
  const ids = heads.map((h) => h.c.id);
  const questions = await listQuestions(tx, ids);
  const reminders = await listReminders(tx, ids);
  const consultees = await listConsulteeRows(tx, ids);
  const consulteeIds = consultees.map((r) => r.c.id);
  const positions = await listPositionParties(tx, consulteeIds);
  const answers = await listAnswers(tx, consulteeIds);
  const letters = await listMailStates(tx, consulteeIds.map(notifyKey));
  return heads.map((head) => {
    const id = head.c.id;
    const own = consultees.filter((r) => r.c.consultationId === id);
    const ownIds = new Set(own.map((r) => r.c.id));
    const ownKeys = new Set(own.map((r) => notifyKey(r.c.id)));
    return {
      head,
      questions: questions.filter((q) => q.consultationId === id),
      reminders: reminders.filter((r) => r.consultationId === id),
      consultees: own,
      positions: positions.filter((p) => ownIds.has(p.consulteeId)),
      answers: answers.filter((a) => ownIds.has(a.consulteeId)),
      letters: letters.filter((l) => ownKeys.has(l.key)),
    };
  });
}

/** One consultation's rows (see loadConsultations); undefined when the municipality has no such consultation. */
export async function loadConsultation(tx: Tx, municipalityId: string, id: string) {
  const [loaded] = await loadConsultations(tx, municipalityId, { ids: [id] });
  return loaded;
}

export type LoadedConsultation = NonNullable<Awaited<ReturnType<typeof loadConsultation>>>;

/** One consultation as this reader may see it; not found when the municipality has no such consultation. */
export async function readConsultation(
  tx: Tx,
  municipalityId: string,
  access: SecretAccess,
  id: string,
  today: string = todayInStockholm(),
): Promise<ConsultationView> {
  const loaded = await loadConsultation(tx, municipalityId, id);
  if (!loaded) throw new NotFoundError("consultation");
  return presentConsultation(loaded, access, today);
}
