import type { ReportPart, ReportView } from "../reports/present.js";
import { baseName } from "./file-name.js";
import type { Block, DocumentModel } from "./model.js";

// The official report's document (tjänsteskrivelse) from the presented report (reports/present.ts): the stamp of a
// signed version, the header (municipality, administration, kind, date, "Vår referens"), the title and case number,
// then the template's sections in order. Pure.

function partBlocks(part: ReportPart, images: Map<string, Uint8Array>): Block[] {
  switch (part.kind) {
    case "paragraph":
      return [{ kind: "paragraph", text: part.text }];
    case "subheading":
      return [{ kind: "heading", level: 3, text: part.text }];
    case "list":
      return part.items.length > 0 ? [{ kind: "list", ordered: part.ordered, items: part.items }] : [];
    case "rows":
      return part.rows.length > 0 ? [{ kind: "facts", caption: "", rows: part.rows }] : [];
    case "image": {
      const data = images.get(part.sha256);
      if (!data) throw new Error(`the bytes of image ${part.sha256} were not loaded`);
      const { alt, mediaType, width, height } = part;
      return [{ kind: "image", alt, data, mediaType, width, height }];
    }
  }
}

/** "STK-2024-1374-Tjansteskrivelse-2025-12-03-Aterrapportering-kring-kraftsamlande-insatser-v1" */
export function reportBaseName(r: ReportView): string {
  return baseName([r.caseNumber, "Tjansteskrivelse", r.datedOn, r.title, `v${r.version}`]);
}

/** The official report as a document; `images` holds the bytes of the images it shows, by SHA-256. */
export function reportDocument(r: ReportView, images: Map<string, Uint8Array> = new Map()): DocumentModel {
  const reference = [r.reference.name, r.reference.title, r.reference.email].filter(Boolean).join("\n");
  return {
    title: `Tjänsteskrivelse ${r.title} ${r.caseNumber}`,
    author: `${r.municipalityName}, ${r.administration}`,
    subject: `Tjänsteskrivelse ${r.datedOn}, version ${r.version}${r.signature ? `, ${r.signature.stamp.toLowerCase()}` : ", utkast"}`,
    datedOn: r.datedOn,
    baseName: reportBaseName(r),
    blocks: [
      ...(r.signature ? [{ kind: "stamp" as const, text: r.signature.stamp }] : []),
      { kind: "paragraph", text: r.municipalityName, strong: true },
      { kind: "paragraph", text: r.administration },
      { kind: "paragraph", text: "Tjänsteskrivelse", strong: true },
      {
        kind: "facts",
        caption: "",
        rows: [
          ["Datum", r.datedOn],
          ["Vår referens", reference],
        ],
      },
      { kind: "heading", level: 1, text: r.title },
      { kind: "paragraph", text: r.caseNumber },
      ...r.sections.flatMap((s) => [
        { kind: "heading" as const, level: 2 as const, text: s.heading },
        ...s.parts.flatMap((p) => partBlocks(p, images)),
      ]),
    ],
  };
}
