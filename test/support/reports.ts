import type { Database } from "../../src/db/connect.js";
import { draftReport } from "../../src/reports/draft-report.js";
import { saveTemplate } from "../../src/reports/save-template.js";
import { freshMunicipality, tx } from "./db.js";
import { buildOpenMeeting } from "./meetings.js";

/**
 * A municipality of its own with an open meeting, a template of three sections and an official report drafted in
 * the meeting's case: the start of every report test.
 */
export async function draftReportInOpenMeeting(
  database: Database,
  draft: { title: string; texts: { summary: string; proposal: string } },
) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system);
  await tx(database, (t) =>
    saveTemplate(t, m.system, {
      name: "Kommunens mall",
      sections: [
        { kind: "summary", heading: "Sammanfattning" },
        { kind: "proposal", heading: "Förslag till beslut" },
        { kind: "basis", heading: "Beslutsunderlag" },
      ],
    }),
  );
  const { report } = await tx(database, (t) =>
    draftReport(t, m.system, {
      caseId: f.case.id,
      title: draft.title,
      administrationId: f.body.id,
      referencePersonId: f.members[0]!.id,
      datedOn: "2026-02-20",
      texts: draft.texts,
      basis: [],
      recipients: [],
      responsibleIds: [],
    }),
  );
  return { m, f, reportId: report.id };
}
