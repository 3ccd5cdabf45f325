import { bodyDecisionCode } from "../../domain/citation.js";
import { stockholmInstant } from "../../domain/clock.js";
import { maskPersonalData } from "../../domain/personal-data.js";
import { registerTitle } from "../../domain/secrecy.js";
import { publicFreeText, reviewedTexts, type SecretTextField } from "../../domain/secret-text.js";
import type { ParagraphContext, ParagraphRows } from "../../meetings/present.js";

// A decision in the Popolo vocabulary (motion, vote_event, count, vote; results pass/fail; options
// yes/no/abstain/absent), with what Popolo lacks as Paragraf's own documented extension under the "paragraf:" prefix:
// the paragraph itself, reservations and special statements (docs/open-data.md). Pure.
//
// What the public may see: a secret case shows its public title only (OSL 5 kap. 2 §); free text written on a
// secret case (motion texts, the written reservation and statement texts) is left out, marked as withheld, until a
// secretary has reviewed it (domain/secret-text.ts); every
// published text is screened for personal data (L31). Secret ballots (elections) carry counts, never who voted how.

const motionClass: Record<string, string> = {
  approve: "bifall",
  reject: "avslag",
  amend: "ändring",
  add: "tillägg",
  refer_back: "återremiss",
  table: "bordläggning",
};

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Every paragraph's decision as open data, in the order given. */
export function presentDecisions(contexts: readonly ParagraphContext[], rows: ParagraphRows, base: string) {
  const motions = groupBy(rows.motions, (r) => r.paragraphId);
  const motionPersons = groupBy(rows.motionPersons, (r) => r.motionId);
  const votes = groupBy(rows.votes, (r) => r.paragraphId);
  const ballots = groupBy(rows.ballots, (r) => r.voteEventId);
  const candidates = groupBy(rows.candidates, (r) => r.voteEventId);
  const questions = groupBy(rows.questions, (r) => r.paragraphId);
  const reservations = groupBy(rows.reservations, (r) => r.paragraphId);
  const statements = groupBy(rows.statements, (r) => r.paragraphId);
  const statementParties = groupBy(rows.statementParties, (r) => r.statementId);
  const statementPersons = groupBy(rows.statementPersons, (r) => r.statementId);
  const points = groupBy(rows.decisionPoints, (r) => r.paragraphId);
  const persons = new Map(rows.persons.map((p) => [p.id, p]));
  const parties = new Map(rows.parties.map((p) => [p.id, p]));
  const reviewed = reviewedTexts(rows.reviews);

  return contexts.map((ctx) => {
    const { paragraph: p, body: b, meeting: m, item, case: c } = ctx;
    const secret = c.secrecyProvision !== null;
    const code = bodyDecisionCode(b, m.heldOn, p.number);
    const decidedAt = stockholmInstant(m.heldOn, m.startsAt);
    const url = `${base}/protokoll/${b.slug}/${p.year}/${p.number}`;
    /** Free text the public may read: on a secret case only once reviewed, and screened for personal data. */
    const free = (text: string | null, field: SecretTextField, sourceId: string) =>
      publicFreeText(text, { secret, reviewed, field, sourceId });
    const personRef = (id: string | null) => {
      const x = id ? persons.get(id) : undefined;
      return x
        ? { id: x.id, name: x.name, party: x.partyAbbreviation ?? null, url: `${base}/ledamoter/${x.id}` }
        : null;
    };
    const own = questions.get(p.id) ?? [];
    const resultOf = (motionId: string) => {
      const asked = own.filter((q) => q.motionId === motionId || q.againstMotionId === motionId);
      if (asked.length === 0) return null;
      return asked.some((q) => q.winnerMotionId === motionId) && asked.at(-1)!.winnerMotionId === motionId
        ? "pass"
        : "fail";
    };
    const motionObjects = (motions.get(p.id) ?? []).map((x) => {
      const movers = (motionPersons.get(x.id) ?? []).filter((r) => r.role === "mover");
      return {
        id: x.id,
        organization_id: b.id,
        creator_id: movers[0]?.personId ?? null,
        text: free(x.text, "motion", x.id),
        identifier: `${code} yrkande ${x.position}`,
        classification: motionClass[x.kind] ?? x.kind,
        date: decidedAt,
        result: resultOf(x.id),
        "paragraf:kind": x.kind,
        "paragraf:withheld": x.text !== null && free(x.text, "motion", x.id) === null,
        "paragraf:movers": movers.map((r) => personRef(r.personId)),
        "paragraf:supporters": (motionPersons.get(x.id) ?? [])
          .filter((r) => r.role === "supporter")
          .map((r) => personRef(r.personId)),
      };
    });
    const voteEvents = (votes.get(p.id) ?? []).map((v) => {
      const counts =
        v.seats !== null
          ? [
              { option: "abstain", value: v.abstainCount },
              { option: "absent", value: v.absentCount },
            ]
          : [
              { option: "yes", value: v.yesCount },
              { option: "no", value: v.noCount },
              { option: "abstain", value: v.abstainCount },
              { option: "absent", value: v.absentCount },
            ];
      return {
        id: v.id,
        organization_id: b.id,
        identifier: `${code} omröstning ${v.position}`,
        motion_id: v.yesMotionId,
        classification: v.seats !== null ? "election" : "question",
        start_date: decidedAt,
        result: v.result === null ? null : v.result === "yes" ? "pass" : "fail",
        counts,
        // A secret ballot has no named votes (KL 5 kap. 53 §).
        votes: v.secret
          ? []
          : (ballots.get(v.id) ?? [])
              .map((x) => ({
                vote_event_id: v.id,
                voter_id: x.personId,
                option: x.choice,
                group_id: persons.get(x.personId)?.partyId ?? null,
                "paragraf:voter": personRef(x.personId),
              }))
              .sort((a, c2) =>
                (a["paragraf:voter"]?.name ?? "").localeCompare(c2["paragraf:voter"]?.name ?? "", "sv"),
              ),
        "paragraf:yesMotion": v.yesMotionId,
        "paragraf:noMotion": v.noMotionId,
        "paragraf:decidedBy": v.decidedBy,
        "paragraf:secret": v.secret,
        ...(v.seats !== null
          ? {
              "paragraf:seats": v.seats,
              "paragraf:candidates": (candidates.get(v.id) ?? []).map((x) => ({
                person: personRef(x.personId),
                votes: x.votes,
                elected: x.elected,
                byLot: x.byLot,
              })),
            }
          : {}),
      };
    });
    const party = (id: string) => {
      const x = parties.get(id);
      return x ? { id: x.id, name: x.name, abbreviation: x.abbreviation } : null;
    };
    return {
      "paragraf:paragraph": {
        id: p.id,
        code,
        url,
        body: { id: b.id, name: b.name, slug: b.slug },
        year: p.year,
        number: p.number,
        date: m.heldOn,
        caseNumber: c.number,
        title: maskPersonalData(
          registerTitle({ secret, title: item.title, publicTitle: c.publicTitle }, false),
        ),
        secretCase: secret,
        decision: (points.get(p.id) ?? []).map((x) => maskPersonalData(x.text)),
      },
      motions: motionObjects,
      vote_events: voteEvents,
      "paragraf:reservations": (reservations.get(p.id) ?? []).map((r) => ({
        id: r.id,
        party: party(r.partyId),
        person: personRef(r.personId),
        againstMotion: r.againstMotionId,
        forMotion: r.forMotionId,
        announcedAt: new Date(r.announcedAt).toISOString(),
        written: r.justification !== null,
        text: free(r.justification, "reservation", r.id),
        withheld: r.justification !== null && free(r.justification, "reservation", r.id) === null,
      })),
      "paragraf:statements": (statements.get(p.id) ?? []).map((s) => ({
        id: s.id,
        kind: s.kind,
        parties: (statementParties.get(s.id) ?? []).map((x) => party(x.partyId)),
        persons: (statementPersons.get(s.id) ?? [])
          .filter((x) => x.role === "announcer")
          .map((x) => personRef(x.personId)),
        announcedAt: new Date(s.announcedAt).toISOString(),
        text: free(s.text, "statement", s.id),
        withheld: s.text !== null && free(s.text, "statement", s.id) === null,
      })),
    };
  });
}

export type DecisionData = ReturnType<typeof presentDecisions>[number];

const csvColumns = [
  "paragraf",
  "datum",
  "organ",
  "diarienummer",
  "rubrik",
  "omröstning",
  "resultat",
  "ja",
  "nej",
  "avstår",
  "frånvarande",
  "ledamot",
  "parti",
  "röst",
  "adress",
];

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // A cell that starts with = + - @ would be a formula in a spreadsheet; a leading quote keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The votes of a year's decisions as CSV: one row per named vote, or one per vote event without named votes. */
export function decisionsCsv(decisions: readonly DecisionData[]): string {
  const lines = [csvColumns.join(",")];
  for (const d of decisions) {
    const p = d["paragraf:paragraph"];
    for (const v of d.vote_events) {
      const count = (option: string) => v.counts.find((x) => x.option === option)?.value ?? null;
      const head = [
        p.code,
        p.date,
        p.body.name,
        p.caseNumber,
        p.title,
        v.identifier,
        v.result,
        count("yes"),
        count("no"),
        count("abstain"),
        count("absent"),
      ];
      const named = v.votes.length > 0 ? v.votes : [null];
      for (const x of named)
        lines.push(
          [
            ...head,
            x?.["paragraf:voter"]?.name ?? null,
            x?.["paragraf:voter"]?.party ?? null,
            x?.option ?? null,
            p.url,
          ]
            .map(csvCell)
            .join(","),
        );
    }
    if (d.vote_events.length === 0)
      lines.push(
        [
          p.code,
          p.date,
          p.body.name,
          p.caseNumber,
          p.title,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          p.url,
        ]
          .map(csvCell)
          .join(","),
      );
  }
  return `${lines.join("\r\n")}\r\n`;
}
