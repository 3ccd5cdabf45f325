import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import {
  buildDecisionRoute,
  buildOpenMeeting,
  minuteParagraph,
  openAnotherMeeting,
} from "../../test/support/meetings.js";
import { countQueries } from "../../test/support/queries.js";
import type { Database } from "../db/connect.js";
import type { SecretAccess } from "../register/access.js";
import { registerNewCase } from "../register/register-case.js";
import { registerRecord } from "../register/register-record.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { meetingView, paragraphView } from "./read-minutes.js";
import { routeView } from "./read-route.js";
import { recordVote } from "./record-vote.js";
import { takeUpItem } from "./take-up-item.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const publicReader: SecretAccess = { all: false, bodyIds: [] };

/** A body's meeting with `paragraphs` fully minuted paragraphs, each citing a paragraph of an earlier meeting. */
async function minutesWith(paragraphs: number) {
  const m = await freshMunicipality(database);
  const f = await buildOpenMeeting(database, m.system, { seats: 3 });
  const earlier = await tx(database, async (t) => {
    const held = await openAnotherMeeting(t, m.system, f, "2026-02-10");
    return minuteParagraph(t, m.system, f, { meeting: held, title: "Bakgrunden" });
  });
  let previous: string | null = null;
  for (let i = 0; i < paragraphs; i++) {
    const cite: string[] = [earlier.paragraph.id, ...(previous ? [previous] : [])];
    const minuted = await tx(database, (t) =>
      minuteParagraph(t, m.system, f, { title: `Ärende ${i + 1}`, cite }),
    );
    previous = minuted.paragraph.id;
  }
  return { m, f, earlier };
}

describe("reading the minutes in a number of queries that does not grow with what they show (issue 9)", () => {
  it("reads the minutes of a meeting with 20 paragraphs in as many queries as with 1", async () => {
    const one = await minutesWith(1);
    const twenty = await minutesWith(20);
    const read = (x: typeof one) =>
      countQueries(database, () => tx(database, (t) => meetingView(t, x.m.id, x.f.meeting.id, publicReader)));
    const small = await read(one);
    const large = await read(twenty);

    expect(small.result!.paragraphs).toHaveLength(1);
    expect(large.result!.paragraphs).toHaveLength(20);
    const last = large.result!.paragraphs.at(-1)!;
    expect(last.title).toBe("Ärende 20");
    expect(last.votes[0]!.ballots).toHaveLength(3);
    expect(last.proceedings).toContain("Ledamot 2 (M) reserverar sig mot beslutet.");
    expect(last.recipients).toEqual([twenty.f.body.name, "Stadskontoret"]);
    expect(last.attachments.map((a) => a.kind)).toEqual(["Särskilt yttrande"]);
    // Basis: the earlier meeting's paragraph, the paragraph before it on the agenda, then the case's record.
    expect(last.basis.map((e) => e.text)).toEqual([
      expect.stringMatching(
        /^Beslut .* 260210 § 1 med reservation \(M\) och särskilt yttrande \(S\+M\) Bakgrunden$/,
      ),
      expect.stringMatching(/ 260310 § 20 med reservation \(M\) och särskilt yttrande \(S\+M\) Ärende 19$/),
      "Skrivelse 1 i Ärende 20",
    ]);
    expect(large.result!.otherAttachments).toEqual([]);

    expect(large.queries).toBe(small.queries);
  });

  it("reads one paragraph with 10 motions and 13 basis entries in as many queries as one with 1 and 2", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const { few, many } = await tx(database, async (t) => {
      const held = await openAnotherMeeting(t, m.system, f, "2026-02-10");
      const cited = [];
      for (const title of ["Första", "Andra", "Tredje"])
        cited.push((await minuteParagraph(t, m.system, f, { meeting: held, title })).paragraph.id);
      return {
        few: await minuteParagraph(t, m.system, f, {
          title: "Litet",
          motions: 1,
          records: 1,
          cite: cited.slice(0, 1),
        }),
        many: await minuteParagraph(t, m.system, f, {
          title: "Stort",
          motions: 10,
          records: 10,
          cite: cited,
        }),
      };
    });
    const read = (id: string) =>
      countQueries(database, () => tx(database, (t) => paragraphView(t, m.id, id, publicReader)));
    const small = await read(few.paragraph.id);
    const large = await read(many.paragraph.id);

    expect(small.result!.basis).toHaveLength(2);
    expect(large.result!.basis).toHaveLength(13);
    expect(large.result!.proceedings.filter((line) => line.includes("yrkar"))).toHaveLength(10);
    expect(large.queries).toBe(small.queries);
  });

  it("reads a paragraph with 1 election of 2 candidates in as many queries as one with 5 elections of 6", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 6 });
    const elect = async (paragraphId: string, count: number, size: number) => {
      const votes = size === 2 ? [4, 2] : [3, 2, 2, 1, 0, 0];
      for (let e = 0; e < count; e++)
        await tx(database, (t) =>
          recordVote(t, m.system, {
            paragraphId,
            election: true,
            seats: size === 2 ? 1 : 3,
            candidates: f.members.slice(0, size).map((x, i) => ({ personId: x.id, votes: votes[i]! })),
            counts: { abstain: size === 2 ? 0 : 3, absent: 0 },
          }),
        );
    };
    const item = await tx(database, (t) => addAgendaItem(t, m.system, f.meeting.id, { caseId: f.case.id }));
    const few = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: f.item.id }));
    const many = await tx(database, (t) => takeUpItem(t, m.system, { agendaItemId: item.id }));
    await elect(few.id, 1, 2);
    await elect(many.id, 5, 6);
    const read = (id: string) =>
      countQueries(database, () => tx(database, (t) => paragraphView(t, m.id, id, publicReader)));
    const small = await read(few.id);
    const large = await read(many.id);
    expect(small.result!.votes[0]!.elected).toEqual(["Ledamot 1 (S)"]);
    expect(large.result!.votes).toHaveLength(5);
    expect(large.result!.votes[4]!.elected).toEqual(["Ledamot 1 (S)", "Ledamot 2 (M)", "Ledamot 3 (S)"]);
    expect(large.queries).toBe(small.queries);
  });

  it("reads a case's decision route through 5 meetings in as many queries as through 1", async () => {
    const route = async (steps: number) => {
      const m = await freshMunicipality(database);
      const f = await buildOpenMeeting(database, m.system, { seats: 3 });
      const theCase = await buildDecisionRoute(database, m.system, f, steps);
      return countQueries(database, () => tx(database, (t) => routeView(t, m.id, theCase.id, publicReader)));
    };
    const small = await route(1);
    const large = await route(5);

    expect(small.result).toHaveLength(1);
    expect(large.result.map((s) => s.paragraph?.label)).toEqual(
      [1, 2, 3, 4, 5].map((n) =>
        expect.stringMatching(new RegExp(` 26040${n} § ${n} med reservation \\(M\\)$`)),
      ),
    );
    expect(large.queries).toBe(small.queries);
  });
});

describe("what a reader may see of a secret case in the minutes (OSL 5 kap. 2 §)", () => {
  it("shows the public title and record entry to the public, and the real ones to a reader with access", async () => {
    const m = await freshMunicipality(database);
    const f = await buildOpenMeeting(database, m.system, { seats: 3 });
    const secrecy = { provision: "OSL 26 kap. 1 §", markedOn: "2026-02-01", markedById: f.body.id };
    const p = await tx(database, async (t) => {
      const secret = await registerNewCase(t, m.system, {
        seriesCode: "STK",
        title: "Bistånd till Anna Andersson",
        publicTitle: "Ansökan om bistånd",
        openedOn: "2026-02-01",
        responsibleBodyId: f.body.id,
        secrecy,
      });
      const letter = await registerRecord(t, m.system, {
        caseId: secret.id,
        direction: "incoming",
        recordType: "letter",
        datedOn: "2026-02-01",
        description: "Läkarintyg för Anna Andersson",
        publicDescription: "Läkarintyg",
        secrecy,
      });
      const item = await addAgendaItem(t, m.system, f.meeting.id, {
        caseId: secret.id,
        // The secretary writes the real title on the agenda; a reader without access still sees the public one.
        title: "Bistånd till Anna Andersson",
        basis: [{ recordId: letter.id }],
      });
      return takeUpItem(t, m.system, { agendaItemId: item.id });
    });
    const read = (access: SecretAccess) =>
      tx(database, async (t) => ({
        paragraph: (await paragraphView(t, m.id, p.id, access))!,
        meeting: (await meetingView(t, m.id, f.meeting.id, access))!,
      }));

    const visitor = await read(publicReader);
    expect(visitor.paragraph.title).toBe("Ansökan om bistånd");
    expect(visitor.paragraph.basis.map((e) => e.text)).toEqual(["Läkarintyg"]);
    expect(visitor.meeting.items.map((i) => i.title)).toEqual(["Ett ärende", "Ansökan om bistånd"]);
    expect(JSON.stringify(visitor)).not.toContain("Anna Andersson");

    const officer = await read({ all: false, bodyIds: [f.body.id] });
    expect(officer.paragraph.title).toBe("Bistånd till Anna Andersson");
    expect(officer.paragraph.basis.map((e) => e.text)).toEqual(["Läkarintyg för Anna Andersson"]);
    expect(officer.meeting.items.at(-1)!.title).toBe("Bistånd till Anna Andersson");
  });
});
