import type { Tx } from "../db/connect.js";
import type { SecretAccess } from "../register/access.js";
import { compilationByQuestion, compilationTable } from "./present.js";
import { readConsultation } from "./read-consultation.js";

/** A consultation's compilation: the answers side by side per question, and as one table for CSV and XLSX. */
export async function readCompilation(tx: Tx, municipalityId: string, access: SecretAccess, id: string) {
  const consultation = await readConsultation(tx, municipalityId, access, id);
  return {
    consultation,
    byQuestion: compilationByQuestion(consultation),
    table: compilationTable(consultation),
  };
}
