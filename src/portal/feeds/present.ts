import ical from "ical-generator";
import { stockholmInstant } from "../../domain/clock.js";
import { maskPersonalData } from "../../domain/personal-data.js";
import { meetingAddress, presentDecisionLink } from "../present.js";
import type { readCalendar, readDecisionFeed } from "./read-feeds.js";

// The feeds (X9): iCalendar of meetings, Atom of new decisions and of the notice board. Pure. Titles are public
// titles, screened for personal data, as on the pages.

type Loaded<F extends (...args: never[]) => unknown> = NonNullable<Awaited<ReturnType<F>>>;

const statusWord: Record<string, string> = {
  planned: "planerat",
  notice_published: "kallat",
  opened: "pågår",
  closed: "avslutat",
};

/** A calendar of meetings; each event's UID is the meeting's id, so calendars update instead of duplicating. */
export function calendarText(
  loaded: Loaded<typeof readCalendar>,
  municipalityName: string,
  base: string,
  host: string,
): string {
  const cal = ical({
    name: loaded.bodyName ? `${loaded.bodyName} – sammanträden` : `${municipalityName} – sammanträden`,
    prodId: { company: "Paragraf", product: "Paragraf", language: "SV" },
  });
  for (const m of loaded.meetings) {
    const start = new Date(stockholmInstant(m.heldOn, m.startsAt));
    const url = `${base}${meetingAddress(m.bodySlug, m.heldOn)}`;
    cal.createEvent({
      id: `${m.id}@${host}`,
      start,
      end: m.closedAt && m.closedAt > start ? m.closedAt : new Date(start.getTime() + 3 * 3600 * 1000),
      stamp: m.updatedAt,
      summary: `${m.bodyName} sammanträder`,
      location: m.place,
      url,
      description: `${m.bodyName} ${m.heldOn} kl. ${m.startsAt} (${statusWord[m.status] ?? m.status}${m.isPublic ? ", offentligt" : ""}). Kallelse, föredragningslista och protokoll: ${url}`,
    });
  }
  return cal.toString();
}

export function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  summary: string;
}

/** An Atom 1.0 document (RFC 4287). */
export function atomText(feed: {
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: AtomEntry[];
}) {
  const updated = new Date(Math.max(0, ...feed.entries.map((e) => e.updated.getTime())));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternate)}"/>`,
    "  <author><name>Paragraf</name></author>",
  ];
  for (const e of feed.entries)
    lines.push(
      "  <entry>",
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <summary>${escapeXml(e.summary)}</summary>`,
      "  </entry>",
    );
  lines.push("</feed>");
  return `${lines.join("\n")}\n`;
}

/** The Atom feed of new decisions, of one body or all. */
export function decisionFeedText(
  loaded: Loaded<typeof readDecisionFeed>,
  municipalityName: string,
  base: string,
  self: string,
) {
  const points = new Map<string, string[]>();
  for (const p of loaded.points) points.set(p.paragraphId, [...(points.get(p.paragraphId) ?? []), p.text]);
  return atomText({
    id: self,
    title: loaded.bodyName ? `Beslut från ${loaded.bodyName}` : `Beslut i ${municipalityName}`,
    self,
    alternate: `${base}/sammantraden`,
    entries: loaded.decisions.map((d) => {
      const link = presentDecisionLink(d);
      return {
        id: `urn:uuid:${d.id}`,
        title: `${link.code} ${link.title}`,
        link: `${base}${link.path}`,
        updated: d.updatedAt,
        summary:
          (points.get(d.id) ?? []).map(maskPersonalData).join(" ") || `${link.bodyName} ${link.heldOn}`,
      };
    }),
  });
}
