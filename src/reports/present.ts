import { createHash } from "node:crypto";
import { stockholmDay, stockholmMinute } from "../domain/clock.js";
import { registerRecordEntry, registerTitle } from "../domain/secrecy.js";
import { recipientName } from "../meetings/phrases.js";
import type { RouteStepView } from "../meetings/present.js";
import { mayReadSecret, type SecretAccess } from "../register/access.js";
import type {
  findReportHead,
  listBasis,
  listImages,
  listRecipients,
  listResponsible,
  listVersions,
} from "./queries.js";
import { isWritten, parseSectionText, type TemplateSection } from "./sections.js";

// An official report as a reader sees it: the header, each section of its template in order with the written text
// or the data Paragraf holds, the version and its signature. The page, the API and the documents take this value.
// Pure: no I/O.

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** A part of a section, in print order. */
export type ReportPart =
  | { kind: "paragraph"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "list"; ordered: boolean; items: { text: string; value?: number; note?: string }[] }
  | { kind: "rows"; rows: [string, string][] }
  /** An image with its alternative text; the bytes are served and embedded by its id and SHA-256. */
  | {
      kind: "image";
      id: string;
      sha256: string;
      alt: string;
      mediaType: "image/png" | "image/jpeg";
      width: number;
      height: number;
    };

export interface ReportSection {
  kind: string;
  heading: string;
  parts: ReportPart[];
}

/** What a signer reads and what the signature's SHA-256 covers. */
export interface ReportContent {
  title: string;
  caseNumber: string;
  administration: string;
  datedOn: string;
  reference: { name: string; title: string | null; email: string | null };
  sections: ReportSection[];
}

export interface ReportRows {
  head: NonNullable<Rows<typeof findReportHead>>;
  versions: Rows<typeof listVersions>;
  /** The version shown. */
  version: Rows<typeof listVersions>[number];
  template: TemplateSection[];
  basis: Rows<typeof listBasis>;
  recipients: Rows<typeof listRecipients>;
  responsible: Rows<typeof listResponsible>;
  /** The version's signing that waits for its signer (a provider that answered pending), if any. */
  pendingSigning: { method: string; startedAt: Date } | null;
  /** The version's last signing, when it failed (the service's reason, or the time limit's). */
  failedSigning: { reason: string | null; finishedAt: Date | null; startedAt: Date } | null;
  /** The report's images (without bytes), in the order they were added. */
  images: Rows<typeof listImages>;
  route: RouteStepView[];
  /** Each consultation of the case: who answered with their reservations and statements, and the questions. */
  consultations: { respondents: { name: string; lines: string[] }[]; questions: string[] }[];
  /** The decisions the basis cites, as presentCitations gives them. */
  citations: Map<string, { label: string; title: string; caseId: string; path: string } | null>;
}

/** The SHA-256 of a report's content, hex: the same content gives the same hash on every machine. */
export function contentHash(content: ReportContent): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

function writtenParts(text: string, rows: ReportRows): ReportPart[] {
  const parts: ReportPart[] = [];
  for (const p of parseSectionText(text)) {
    switch (p.kind) {
      case "paragraph":
      case "subheading":
        parts.push(p);
        break;
      case "bullets":
        parts.push({ kind: "list", ordered: false, items: p.items.map((t) => ({ text: t })) });
        break;
      case "numbered":
        parts.push({
          kind: "list",
          ordered: true,
          items: p.items.map((i) => ({ text: i.text, value: i.value })),
        });
        break;
      case "consultees":
        parts.push({
          kind: "list",
          ordered: false,
          items: rows.consultations.flatMap((c) =>
            c.respondents.map((r) => ({ text: r.name, note: r.lines.join(" ") || undefined })),
          ),
        });
        break;
      case "questions":
        parts.push({
          kind: "list",
          ordered: false,
          items: rows.consultations.flatMap((c) => c.questions.map((q) => ({ text: q }))),
        });
        break;
    }
  }
  return parts;
}

function dataParts(kind: string, rows: ReportRows, access: SecretAccess): ReportPart[] {
  switch (kind) {
    case "basis":
      return [
        {
          kind: "list",
          ordered: false,
          items: rows.basis.map((b) => {
            const cited = b.paragraphId ? rows.citations.get(b.paragraphId) : null;
            if (cited) {
              const word = cited.caseId === rows.head.report.caseId ? "Förslag till beslut" : "Beslut";
              return { text: `${word} ${cited.label} ${cited.title} (${b.record.number})` };
            }
            const entry = registerRecordEntry(
              { secret: b.record.secrecyProvision !== null, ...b.record },
              mayReadSecret(access, b.responsibleBodyId),
            );
            return { text: entry.description };
          }),
        },
      ];
    case "route":
      return [
        {
          kind: "list",
          ordered: false,
          items: rows.route.map((s) => ({ text: `${s.bodyName} ${s.plannedOn}` })),
        },
      ];
    case "recipients":
      return [
        {
          kind: "list",
          ordered: false,
          items: rows.recipients.map((r) => ({
            text:
              r.label ??
              (r.body?.name ? recipientName(r.body, r.parentName ? { name: r.parentName } : null) : ""),
          })),
        },
      ];
    case "responsible":
      return [
        { kind: "rows", rows: rows.responsible.map((r) => [r.name, r.title ?? ""] as [string, string]) },
      ];
    default:
      return [];
  }
}

function imageParts(kind: string, rows: ReportRows): ReportPart[] {
  return rows.images
    .filter((i) => i.sectionKind === kind)
    .map((i) => ({
      kind: "image" as const,
      id: i.id,
      sha256: i.sha256,
      alt: i.alt,
      mediaType: i.mediaType,
      width: i.width,
      height: i.height,
    }));
}

/** The images a report's sections show, in print order. */
export function imagesOf(sections: ReportSection[]) {
  return sections.flatMap((s) => s.parts.flatMap((p) => (p.kind === "image" ? [p] : [])));
}

/** The content of the shown version as it reads now: written text, and the data sections as the data stands. */
export function presentContent(rows: ReportRows, access: SecretAccess): ReportContent {
  const { head, version } = rows;
  const sections = rows.template.map((t) => ({
    kind: t.kind,
    heading: t.heading,
    parts: isWritten(t.kind)
      ? [...writtenParts(version.texts[t.kind] ?? "", rows), ...imageParts(t.kind, rows)]
      : dataParts(t.kind, rows, access),
  }));
  return {
    title: head.report.title,
    caseNumber: head.caseNumber,
    administration: head.administrationName,
    datedOn: version.datedOn,
    reference: { name: head.referenceName, title: head.referenceTitle, email: head.referenceEmail },
    sections,
  };
}

/** "SIGNERAD 2025-11-17": the stamp a signed version carries, its day in Stockholm. */
export function signingStamp(signedAt: Date): string {
  return `SIGNERAD ${stockholmDay(signedAt)}`;
}

/** An official report as this reader may see it. A signed version shows what was signed, never today's data. */
export function presentReport(rows: ReportRows, access: SecretAccess) {
  const { head, version } = rows;
  const signed = version.signedAt !== null;
  const content = signed ? (version.signedContent as ReportContent) : presentContent(rows, access);
  const latest = rows.versions.at(-1)!;
  return {
    id: head.report.id,
    caseId: head.report.caseId,
    caseTitle: registerTitle(
      { secret: head.caseSecrecy !== null, title: head.caseTitle, publicTitle: head.casePublicTitle },
      mayReadSecret(access, head.caseResponsibleBodyId),
    ),
    municipalityName: head.municipalityName,
    path: `/tjansteskrivelser/${head.report.id}`,
    version: version.version,
    latestVersion: latest.version,
    status: signed ? ("signed" as const) : ("draft" as const),
    texts: version.texts,
    sha256: signed ? version.sha256! : contentHash(content),
    signature: signed
      ? {
          by: version.signedBy!,
          at: version.signedAt!.toISOString(),
          method: version.signMethod!,
          stamp: signingStamp(version.signedAt!),
        }
      : null,
    /** A signature asked of a provider that has not answered yet. */
    pendingSigning: rows.pendingSigning
      ? {
          method: rows.pendingSigning.method,
          startedAt: rows.pendingSigning.startedAt.toISOString(),
          startedText: stockholmMinute(rows.pendingSigning.startedAt),
        }
      : null,
    /** The last signing of an unsigned version, when it failed: why, so the signer knows to sign again. */
    failedSigning:
      rows.failedSigning && !version.signedAt
        ? {
            reason: rows.failedSigning.reason ?? "okänt skäl",
            atText: stockholmMinute(rows.failedSigning.finishedAt ?? rows.failedSigning.startedAt),
          }
        : null,
    versions: rows.versions.map((v) => ({
      version: v.version,
      datedOn: v.datedOn,
      writtenBy: v.writtenBy,
      signed: v.signedAt !== null,
      stamp: v.signedAt ? signingStamp(v.signedAt) : null,
    })),
    template: rows.template,
    /** The version's links, for writing the next version from this one. */
    links: {
      basis: rows.basis.map((b) => ({ recordId: b.record.id, paragraphId: b.paragraphId })),
      recipients: rows.recipients.map((r) => ({ bodyId: r.bodyId, label: r.label })),
      responsibleIds: rows.responsible.map((r) => r.personId),
    },
    ...content,
  };
}
export type ReportView = ReturnType<typeof presentReport>;
