import type { Actor } from "../../src/accounts/actor.js";
import type { Database } from "../../src/db/connect.js";
import { addAgendaItem } from "../../src/meetings/add-agenda-item.js";
import { openMeeting } from "../../src/meetings/open-meeting.js";
import { planMeeting } from "../../src/meetings/plan-meeting.js";
import { publishNotice } from "../../src/meetings/publish-notice.js";
import { recordAttendance } from "../../src/meetings/record-attendance.js";
import { addMembership } from "../../src/organisation/memberships.js";
import { createNumberSeries } from "../../src/register/create-number-series.js";
import { registerNewCase } from "../../src/register/register-case.js";
import { tx } from "./db.js";
import { buildBody, buildParty, buildPerson } from "./factories.js";

/**
 * A committee of `seats` members (each with a party), two substitutes, one case on the agenda of an opened meeting
 * on 2026-03-10. Members listed in `present` are recorded as present (all by default).
 */
export async function buildOpenMeeting(
  database: Database,
  actor: Actor,
  options: {
    seats?: number;
    present?: number;
    kind?: "committee" | "council";
    approvalAt?: Date | null;
  } = {},
) {
  const seats = options.seats ?? 5;
  const b = await buildBody(database, actor, { kind: options.kind ?? "committee", seats });
  const s = await buildParty(database, actor, { abbreviation: "S", name: "Socialdemokraterna" });
  const m = await buildParty(database, actor, { abbreviation: "M", name: "Moderaterna" });
  const members = [];
  for (let i = 0; i < seats; i++) {
    const p = await buildPerson(database, actor, {
      name: `Ledamot ${i + 1}`,
      partyId: i % 2 === 0 ? s.id : m.id,
    });
    await tx(database, (t) =>
      addMembership(t, actor, {
        personId: p.id,
        bodyId: b.id,
        role: i === 0 ? "chair" : "member",
        startsOn: "2022-10-15",
      }),
    );
    members.push(p);
  }
  const substitutes = [];
  for (let i = 0; i < 2; i++) {
    const p = await buildPerson(database, actor, { name: `Ersättare ${i + 1}`, partyId: s.id });
    await tx(database, (t) =>
      addMembership(t, actor, { personId: p.id, bodyId: b.id, role: "substitute", startsOn: "2022-10-15" }),
    );
    substitutes.push(p);
  }
  const outsider = await buildPerson(database, actor, { name: "Utomstående", partyId: m.id });
  await tx(database, (t) =>
    createNumberSeries(t, actor, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
  );
  const theCase = await tx(database, (t) =>
    registerNewCase(t, actor, { seriesCode: "STK", title: "Ett ärende", openedOn: "2026-01-10" }),
  );
  const meeting = await tx(database, (t) =>
    planMeeting(t, actor, {
      bodyId: b.id,
      heldOn: "2026-03-10",
      startsAt: "13:00",
      place: "Stadshuset",
      approvalAt:
        options.approvalAt === undefined ? new Date("2026-03-17T10:00:00+01:00") : options.approvalAt,
    }),
  );
  const item = await tx(database, (t) => addAgendaItem(t, actor, meeting.id, { caseId: theCase.id }));
  if (options.kind === "council")
    await tx(database, (t) => publishNotice(t, actor, meeting.id, { publishedOn: "2026-03-01" }));
  await tx(database, (t) => openMeeting(t, actor, meeting.id, { at: new Date("2026-03-10T13:00:00+01:00") }));
  const presentCount = options.present ?? seats;
  for (const [i, p] of members.slice(0, presentCount).entries())
    await tx(database, (t) =>
      recordAttendance(t, actor, meeting.id, { personId: p.id, capacity: "member", presides: i === 0 }),
    );
  return { body: b, parties: { s, m }, members, substitutes, outsider, case: theCase, meeting, item };
}
