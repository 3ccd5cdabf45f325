import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import type { SecretAccess } from "../register/access.js";
import { notifyKey } from "./job-kinds.js";
import { type ConsultationView, presentConsultation } from "./present.js";
import {
  findConsultationHead,
  listAnswers,
  listConsulteeRows,
  listMailStates,
  listPositionParties,
  listQuestions,
  listReminders,
} from "./queries.js";

/**
 * Everything a consultation's views need, in seven queries however many consultees, answers, reservations and
 * statements it has: the consultation with its case and decision, its questions, its reminders, its consultees
 * (with records and decisions joined in), then the positions, answers and letters of all consultees at once.
 * Nothing is decided here about what a reader may see; presentConsultation does that.
 */
export async function loadConsultation(tx: Tx, municipalityId: string, id: string) {
  const head = await findConsultationHead(tx, municipalityId, id);
  if (!head) return undefined;
  const questions = await listQuestions(tx, id);
  const reminders = await listReminders(tx, id);
  const consultees = await listConsulteeRows(tx, id);
  const ids = consultees.map((r) => r.c.id);
  const positions = await listPositionParties(tx, ids);
  const answers = await listAnswers(tx, ids);
  const letters = await listMailStates(tx, ids.map(notifyKey));
  return { head, questions, reminders, consultees, positions, answers, letters };
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
