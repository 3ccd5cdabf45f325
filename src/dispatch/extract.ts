import { genitive } from "../domain/swedish.js";
import type { ParagraphView } from "../meetings/present.js";

// The extract (protokollsutdrag) a dispatch sends: the paragraph as the minutes print it, in plain text, made
// from the same presented paragraph as the minutes and the public page, read as the public reads it — a letter
// leaves the municipality, so a secret case shows its public title only (OSL 5 kap. 2 §).

/** The subject line of a dispatch, e.g. "Protokollsutdrag KF 260122 § 8: Återrapportering …". */
export function extractSubject(p: ParagraphView): string {
  return `Protokollsutdrag ${p.code}: ${p.title}`;
}

/** The file name of the extract, without characters that mail clients or file systems mangle. */
export function extractFileName(p: ParagraphView): string {
  const body = (p.body.shortName ?? p.body.slug).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `protokollsutdrag-${body}-${p.meeting.heldOn}-paragraf-${p.number}.txt`;
}

/** The extract as text: heading, case, decision, proceedings, statements, recipients, basis, attachments. */
export function extractText(p: ParagraphView): string {
  const lines: string[] = [
    "PROTOKOLLSUTDRAG",
    `${p.body.name}, sammanträde ${p.meeting.heldOn}`,
    "",
    `§ ${p.number} ${p.title}`,
    `Diarienummer ${p.caseNumber}`,
  ];
  const section = (heading: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push("", heading, ...body);
  };
  if (p.summary) section("Sammanfattning", [p.summary]);
  section(
    "Beslut",
    p.decisionPoints.length > 0
      ? [p.decisionIntro, ...p.decisionPoints.map((d) => `${d.position}. ${d.text}`)]
      : ["Inget beslut är protokollfört."],
  );
  section("Beslutsgång", p.proceedings);
  section("Reservationer och särskilda yttranden", p.written);
  section(
    "Beslutet skickas till",
    p.recipients.map((r) => `- ${r}`),
  );
  section(
    "Beslutsunderlag",
    p.basis.map((e) => `- ${e.number ? `${e.number} ` : ""}${e.text}`),
  );
  for (const a of p.attachments)
    section(`Bilaga ${a.number}`, [a.kind, a.heading, a.text, a.footer, ...a.signatories]);
  lines.push("", `Utdraget är gjort ur ${genitive(p.body.name)} protokoll ${p.meeting.heldOn}, ${p.code}.`);
  return `${lines.join("\n")}\n`;
}
