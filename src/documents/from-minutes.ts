import { choiceLabel } from "../meetings/phrases.js";
import type { MeetingView, ParagraphView } from "../meetings/present.js";
import { baseName } from "./file-name.js";
import { type Block, type DocumentModel, paragraphsOf } from "./model.js";

// The minutes' documents made from the presented minutes (meetings/present.ts): the same value the pages show, in
// the order the minutes print a paragraph (L10). Pure.

type Attachment = ParagraphView["attachments"][number];

/** "KF-2026-01-22-§8-Aterrapportering-kring-kraftsamlande-insatser" */
export function paragraphBaseName(p: ParagraphView): string {
  return baseName([p.body.shortName ?? p.body.name, p.meeting.heldOn, `§${p.number}`, p.title]);
}

/** A paragraph's blocks, headed at the given level (1 in an extract, 2 in the minutes). */
export function paragraphBlocks(p: ParagraphView, level: 1 | 2): Block[] {
  const sub = (level + 1) as 2 | 3;
  const out: Block[] = [
    { kind: "heading", level, text: `§ ${p.number} ${p.title}` },
    { kind: "paragraph", text: p.caseNumber },
  ];
  if (p.summary)
    out.push({ kind: "heading", level: sub, text: "Sammanfattning" }, ...paragraphsOf(p.summary));
  if (p.proposalText && !p.proposal) {
    out.push({ kind: "heading", level: sub, text: "Förslag till beslut" }, ...paragraphsOf(p.proposalText));
    if (p.proposalReport) out.push({ kind: "paragraph", text: p.proposalReport.label });
  }
  out.push({ kind: "heading", level: sub, text: "Beslut" });
  if (p.decisionPoints.length > 0)
    out.push(
      { kind: "paragraph", text: p.decisionIntro },
      {
        kind: "list",
        ordered: true,
        label: "Beslutspunkter",
        items: p.decisionPoints.map((d) => ({ text: d.text, value: d.position })),
      },
    );
  else out.push({ kind: "paragraph", text: "Inget beslut är protokollfört ännu." });
  if (p.proceedings.length > 0) {
    out.push({ kind: "heading", level: sub, text: "Beslutsgång" });
    for (const line of p.proceedings) out.push({ kind: "paragraph", text: line });
    for (const v of p.votes.filter((x) => x.ballots.length > 0))
      out.push({
        kind: "table",
        caption: `Omröstning ${v.position}: ${v.counts.yes} ja, ${v.counts.no} nej, ${v.counts.abstain} avstår`,
        head: ["Ledamot", "Röst"],
        rows: v.ballots.map((x) => [x.person, choiceLabel[x.choice]]),
      });
  }
  if (p.written.length > 0) {
    out.push({ kind: "heading", level: sub, text: "Reservationer och särskilda yttranden" });
    for (const line of p.written) out.push({ kind: "paragraph", text: line });
  }
  if (p.recipients.length > 0)
    out.push(
      { kind: "heading", level: sub, text: "Beslutet skickas till" },
      { kind: "list", ordered: false, items: p.recipients.map((text) => ({ text })) },
    );
  if (p.basis.length > 0)
    out.push(
      { kind: "heading", level: sub, text: "Beslutsunderlag" },
      { kind: "list", ordered: false, items: p.basis.map((e) => ({ text: e.text })) },
    );
  return out;
}

/** One attachment's blocks: "Bilaga 12", its kind, the item it belongs to, its text, the meeting and who signed. */
export function attachmentBlocks(a: Attachment, level: 1 | 2 | 3): Block[] {
  return [
    { kind: "heading", level, text: `Bilaga ${a.number}` },
    { kind: "paragraph", text: a.kind, strong: true },
    { kind: "paragraph", text: a.heading, strong: true },
    ...paragraphsOf(a.text),
    { kind: "paragraph", text: a.footer },
    ...(a.signatories.length > 0
      ? [
          {
            kind: "list" as const,
            ordered: false,
            label: "Undertecknat av",
            items: a.signatories.map((text) => ({ text })),
          },
        ]
      : []),
  ];
}

/**
 * A paragraph's extract (protokollsutdrag) with its attachments and the certification an extract carries
 * (utdragsbestyrkande): that it agrees with the minutes, of which body, meeting and paragraph.
 */
export function extractDocument(p: ParagraphView, issuer: string): DocumentModel {
  return {
    title: `Protokollsutdrag ${p.body.name} ${p.meeting.heldOn} § ${p.number} ${p.title}`,
    author: `${issuer}, ${p.body.name}`,
    subject: `Protokollsutdrag ur ${p.body.name}s protokoll ${p.meeting.heldOn}, § ${p.number}`,
    datedOn: p.meeting.heldOn,
    baseName: paragraphBaseName(p),
    blocks: [
      { kind: "paragraph", text: `Protokollsutdrag – ${p.body.name}, sammanträde ${p.meeting.heldOn}` },
      ...paragraphBlocks(p, 1),
      ...p.attachments.flatMap((a) => [{ kind: "pageBreak" as const }, ...attachmentBlocks(a, 2)]),
      { kind: "heading", level: 2, text: "Utdragsbestyrkande" },
      {
        kind: "paragraph",
        text: `Utdraget överensstämmer med ${p.body.name.toLowerCase()}s protokoll från sammanträdet ${p.meeting.heldOn}, § ${p.number}.`,
      },
    ],
  };
}

/** One attachment of the minutes as a document of its own. */
export function attachmentDocument(v: MeetingView, a: Attachment, issuer: string): DocumentModel {
  return {
    title: `Bilaga ${a.number} ${v.body.name} ${v.meeting.heldOn}`,
    author: `${issuer}, ${v.body.name}`,
    subject: a.title,
    datedOn: v.meeting.heldOn,
    baseName: baseName([v.body.shortName ?? v.body.name, v.meeting.heldOn, `Bilaga-${a.number}`, a.title]),
    blocks: attachmentBlocks(a, 1),
  };
}

/** The attachments of the minutes that have their text here (statements and written reservations). */
export function attachmentsOf(v: MeetingView): Attachment[] {
  return v.paragraphs.flatMap((p) => p.attachments).sort((a, b) => a.number - b.number);
}

/** The whole minutes: time, place, paragraphs, attendance and quorum, every paragraph, the attachments. */
export function minutesDocument(v: MeetingView, issuer: string): DocumentModel {
  const first = v.paragraphs[0];
  const last = v.paragraphs.at(-1);
  const span = !first ? "–" : first === last ? `§ ${first.number}` : `§ ${first.number}–${last!.number}`;
  const attachments = attachmentsOf(v);
  return {
    title: `Protokoll ${v.body.name} ${v.meeting.heldOn}`,
    author: `${issuer}, ${v.body.name}`,
    subject: `${v.body.name}s protokoll från sammanträdet ${v.meeting.heldOn}`,
    datedOn: v.meeting.heldOn,
    baseName: baseName([v.body.shortName ?? v.body.name, v.meeting.heldOn, "Protokoll"]),
    blocks: [
      { kind: "heading", level: 1, text: `Protokoll ${v.body.name} ${v.meeting.heldOn}` },
      {
        kind: "facts",
        caption: "",
        rows: [
          ["Tid", `${v.meeting.heldOn} kl. ${v.meeting.startsAt}`],
          ["Plats", v.meeting.place],
          ["Paragrafer", span],
        ],
      },
      { kind: "heading", level: 2, text: "Närvarande" },
      v.attendance.length > 0
        ? {
            kind: "table",
            caption: "Närvarande ledamöter och tjänstgörande ersättare",
            head: ["Namn", "Egenskap", "Närvarande vid"],
            rows: v.attendance.map((r) => [r.label, r.role, r.span ?? "hela sammanträdet"]),
          }
        : { kind: "paragraph", text: "Ingen närvaro är protokollförd med namn." },
      ...(v.counted !== null
        ? [{ kind: "paragraph" as const, text: `Antal tjänstgörande ledamöter enligt upprop: ${v.counted}.` }]
        : []),
      {
        kind: "paragraph",
        text:
          v.seats === null
            ? "Organets antal platser är inte känt, så beslutförheten kan inte anges."
            : `${v.quorate ? "Beslutfört" : "Inte beslutfört"}: ${v.serving} av ${v.seats} platser är besatta, minst ${v.needed} krävs (KL 5 kap. 46 §, 6 kap. 27 §).`,
      },
      ...v.paragraphs.flatMap((p) => paragraphBlocks(p, 2)),
      ...(attachments.length > 0
        ? [
            { kind: "pageBreak" as const },
            { kind: "heading" as const, level: 2 as const, text: "Bilagor" },
            ...attachments.flatMap((a) => attachmentBlocks(a, 3)),
          ]
        : []),
    ],
  };
}

/** The meeting notice (kallelse) with its agenda: each item's number, title, case number and proposal. */
export function noticeDocument(v: MeetingView, issuer: string): DocumentModel {
  return {
    title: `Kallelse ${v.body.name} ${v.meeting.heldOn}`,
    author: `${issuer}, ${v.body.name}`,
    subject: `Kallelse till ${v.body.name.toLowerCase()}s sammanträde ${v.meeting.heldOn} med föredragningslista`,
    datedOn: v.meeting.noticePublishedOn ?? v.meeting.heldOn,
    baseName: baseName([v.body.shortName ?? v.body.name, v.meeting.heldOn, "Kallelse"]),
    blocks: [
      { kind: "heading", level: 1, text: `Kallelse ${v.body.name} ${v.meeting.heldOn}` },
      {
        kind: "facts",
        caption: "",
        rows: [
          ["Tid", `${v.meeting.heldOn} kl. ${v.meeting.startsAt}`],
          ["Plats", v.meeting.place],
          ...(v.meeting.noticePublishedOn
            ? [["Kallelsen utfärdad", v.meeting.noticePublishedOn] as [string, string]]
            : []),
        ],
      },
      { kind: "heading", level: 2, text: "Föredragningslista" },
      v.items.length > 0
        ? {
            kind: "list",
            ordered: true,
            label: "Ärenden",
            items: v.items.map((i) => ({
              value: i.position,
              text: `${i.title} (${i.caseNumber})`,
              note:
                i.proposal?.label ??
                (i.proposalReport ? `Förslag till beslut: ${i.proposalReport.label}` : undefined) ??
                i.proposalText?.split("\n")[0] ??
                undefined,
            })),
          }
        : { kind: "paragraph", text: "Föredragningslistan är tom." },
    ],
  };
}
