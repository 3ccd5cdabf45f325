import { systemActor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { createBody } from "../organisation/bodies.js";
import { createMunicipality } from "../organisation/create-municipality.js";
import { addMembership } from "../organisation/memberships.js";
import { addOfficial } from "../organisation/officials.js";
import { createParty } from "../organisation/parties.js";
import { createPerson } from "../organisation/persons.js";
import { approveMalmoMinutes } from "./malmo-approval.js";
import { dispatchMalmoDecision } from "./malmo-dispatch.js";
import { loadMalmoFollowUp, sendMalmoConsultation } from "./malmo-followup.js";
import { loadMalmoMeetings } from "./malmo-meetings.js";
import * as malmo from "./malmo-organisation.js";
import { loadCaseRecords, loadRegisterCases } from "./malmo-register.js";
import { loadMalmoReport } from "./malmo-report.js";
import { loadMalmoReserves } from "./malmo-reserves.js";

/**
 * Loads the Malmö example through the same use cases the API calls, so a start with the example is also a test
 * of them. Runs in the caller's transaction: the example is loaded whole or not at all.
 */
export async function loadExample(tx: Tx) {
  const municipality = await createMunicipality(tx, malmo.municipality);
  const actor = systemActor(municipality.id, "Exempeldata (Malmö)");

  const partyIds = new Map<string, string>();
  for (const p of malmo.parties) partyIds.set(p.abbreviation, (await createParty(tx, actor, p)).id);

  const bodyIds = new Map<string, string>();
  for (const b of malmo.bodies) {
    const created = await createBody(tx, actor, {
      name: b.name,
      shortName: b.shortName,
      kind: b.kind,
      parentId: b.parent ? bodyIds.get(b.parent) : null,
      seats: b.seats ?? null,
      openMeetings: b.openMeetings ?? false,
    });
    bodyIds.set(b.shortName, created.id);
  }

  const personIds = new Map<string, string>();
  for (const p of malmo.persons) {
    const created = await createPerson(tx, actor, {
      name: p.name,
      email: p.email,
      partyId: p.party ? partyIds.get(p.party) : null,
    });
    personIds.set(p.name, created.id);
    for (const seat of p.seats ?? []) {
      await addMembership(tx, actor, {
        personId: created.id,
        bodyId: bodyIds.get(seat.body)!,
        role: seat.role,
        startsOn: malmo.term.startsOn,
        endsOn: malmo.term.endsOn,
      });
    }
    if (p.post)
      await addOfficial(tx, actor, {
        personId: created.id,
        bodyId: bodyIds.get(p.post.body)!,
        title: p.post.title,
      });
  }

  // In the order things happened in STK-2024-1374: the case, the consultation's letters (2025-03-24), the
  // decision basis with the answers (from 2025-05-27), the meetings, then the assignments and the answers'
  // details, which cite the minutes.
  const { reportBack } = await loadRegisterCases(tx, actor, { bodyIds, personIds });
  const consultation = await sendMalmoConsultation(tx, actor, bodyIds, personIds);
  await loadCaseRecords(tx, actor, bodyIds, reportBack.id);
  const meetings = await loadMalmoMeetings(tx, actor, { bodyIds, personIds, partyIds });
  await loadMalmoFollowUp(tx, actor, bodyIds, consultation);
  await loadMalmoReport(tx, actor, {
    bodyIds,
    personIds,
    caseId: meetings.theCase.id,
    kf189: { paragraphId: meetings.kf189.id, recordId: meetings.kf189Record.id },
  });
  await loadMalmoReserves(tx, actor, bodyIds);
  await approveMalmoMinutes(tx, actor, { bodyIds, personIds });
  // Last: dispatching § 8 closes STK-2024-1374, and the report and the reserve are written in it while it is open.
  await dispatchMalmoDecision(tx, actor, meetings.kf8.id);

  return { municipality, actor, partyIds, bodyIds, personIds };
}
