import type { Table } from "../assignments/tabular.js";
import { stateLabel } from "./format.js";
import type { ConsultationOverview } from "./queries.js";

/**
 * The compilation of a consultation: one row per consultee, one column per question, every answer side by
 * side, with the consultee's decision and its reservations and special statements.
 */
export function compilationTable(o: ConsultationOverview): Table {
  return {
    sheet: "Sammanställning",
    header: [
      "Remissinstans",
      "Status",
      "Svarsdatum",
      "Beslut",
      "Reservationer och särskilda yttranden",
      "Remissvar",
      ...o.questions.map((q) => `Fråga ${q.position}: ${q.text}`),
    ],
    rows: o.consultees.map((c) => [
      c.name,
      stateLabel[c.state],
      c.answeredOn,
      c.decisionTitle,
      c.positionLines.join("; "),
      c.responseRecord ? `${c.responseRecord.number} ${c.responseRecord.description}` : null,
      ...o.questions.map((q) => c.answers.get(q.id) ?? null),
    ]),
  };
}
