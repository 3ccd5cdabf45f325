// The sections an official report can have. Written sections hold the case officer's text; the others are filled
// from Paragraf's data when the report is read (decision basis, route, recipients, consultees, those responsible),
// so they stay in step with the case until the report is signed. Pure.

export const writtenKinds = [
  "summary",
  "proposal",
  "background",
  "consultation",
  "assessment",
  "other",
] as const;
export const dataKinds = ["basis", "route", "recipients", "responsible"] as const;
export const sectionKinds = [...writtenKinds, ...dataKinds] as const;
export type SectionKind = (typeof sectionKinds)[number];
export type WrittenKind = (typeof writtenKinds)[number];

/** Sections no template may leave out: what is proposed, why, and on what basis. */
export const requiredKinds: readonly SectionKind[] = ["summary", "proposal", "basis"];

/** One section of a template: what it holds, its heading, and how long its text may be. */
export interface TemplateSection {
  kind: SectionKind;
  heading: string;
  /** Characters a written section may hold. */
  maxLength?: number;
}

export function isWritten(kind: SectionKind): kind is WrittenKind {
  return (writtenKinds as readonly string[]).includes(kind);
}

/** Where the consultees' list and the consultation's questions go inside a written section. */
export const consulteesMarker = "[[remissinstanser]]";
export const questionsMarker = "[[frågor]]";

/** A written section's text as blocks: paragraphs, "## " sub-headings, "- " bullets, "1. " numbered points, markers. */
export type TextPart =
  | { kind: "paragraph"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "numbered"; items: { value: number; text: string }[] }
  | { kind: "consultees" }
  | { kind: "questions" };

const fold = (s: string) => s.replace(/\s+/g, " ").trim();

/** Reads the light markup of a written section (blank lines part blocks). */
export function parseSectionText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  for (const block of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = block
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    for (let i = 0; i < lines.length; ) {
      const line = lines[i]!;
      if (line === consulteesMarker) {
        parts.push({ kind: "consultees" });
        i++;
      } else if (line === questionsMarker) {
        parts.push({ kind: "questions" });
        i++;
      } else if (line.startsWith("## ")) {
        parts.push({ kind: "subheading", text: fold(line.slice(3)) });
        i++;
      } else if (/^[-•] /.test(line)) {
        const items: string[] = [];
        while (i < lines.length && /^[-•] /.test(lines[i]!)) {
          let item = lines[i]!.slice(2);
          i++;
          while (i < lines.length && !/^([-•] |\d+\. |## |\[\[)/.test(lines[i]!)) item += ` ${lines[i++]}`;
          items.push(fold(item));
        }
        parts.push({ kind: "bullets", items });
      } else if (/^\d+\. /.test(line)) {
        const items: { value: number; text: string }[] = [];
        while (i < lines.length && /^\d+\. /.test(lines[i]!)) {
          const m = /^(\d+)\. (.*)$/.exec(lines[i]!)!;
          let item = m[2]!;
          i++;
          while (i < lines.length && !/^([-•] |\d+\. |## |\[\[)/.test(lines[i]!)) item += ` ${lines[i++]}`;
          items.push({ value: Number(m[1]), text: fold(item) });
        }
        parts.push({ kind: "numbered", items });
      } else {
        let para = line;
        i++;
        while (i < lines.length && !/^([-•] |\d+\. |## |\[\[)/.test(lines[i]!)) para += ` ${lines[i++]}`;
        parts.push({ kind: "paragraph", text: fold(para) });
      }
    }
  }
  return parts;
}
