import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block, DocumentModel } from "./model.js";

// Word files for those who edit in Word: real heading styles (Rubrik 1–3 in a Swedish Word), real numbered and
// bulleted lists through a numbering definition, real tables with a repeated header row, and Swedish as the
// language of the text. The same blocks as the HTML and the PDF.

/**
 * docx 9.7.1 puts each numbered list's numbering in place with one regular-expression pass over the whole document
 * per list (`NumberingReplacer.replace`), a fresh copy of the XML each time: for the minutes of 60 paragraphs that
 * was a third of the DOCX's time, and much of its garbage (node --cpu-prof, BENCHMARKS.md). The same replacement in
 * one pass, looking each placeholder up: "{decision-points-3}" becomes its numbering's id, as before. Left alone if a
 * later docx no longer has the replacer where 9.7.1 keeps it (ADR 0012 pins the version).
 */
function replaceNumberingInOnePass() {
  const compiler = (Packer as unknown as { compiler?: { numberingReplacer?: unknown } }).compiler;
  if (!compiler || typeof compiler.numberingReplacer !== "object") return;
  compiler.numberingReplacer = {
    replace(xml: string, concrete: readonly { reference: string; instance: number; numId: number }[]) {
      if (concrete.length === 0) return xml;
      const ids = new Map(concrete.map((c) => [`${c.reference}-${c.instance}`, String(c.numId)]));
      return xml.replace(/\{([^{}]+)\}/g, (placeholder, key: string) => ids.get(key) ?? placeholder);
    },
  };
}
replaceNumberingInOnePass();

const headingLevel = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

function cell(text: string, header: boolean): TableCell {
  const lines = text.split("\n");
  return new TableCell({
    children: [
      new Paragraph({
        children: lines.map(
          (line, i) => new TextRun({ text: line, bold: header, break: i > 0 ? 1 : undefined }),
        ),
      }),
    ],
  });
}

// A page's text is 6.3 inches wide at Word's default A4 margins: 600 pixels at 96 to the inch.
const textWidthPx = 600;

function blocks(b: Block, listIndex: () => number): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ text: b.text, heading: headingLevel[b.level] })];
    case "paragraph":
      return [new Paragraph({ children: [new TextRun({ text: b.text, bold: b.strong })] })];
    case "stamp":
      return [
        new Paragraph({
          border: {
            top: { style: BorderStyle.SINGLE, size: 8, color: "000000" },
            bottom: { style: BorderStyle.SINGLE, size: 8, color: "000000" },
            left: { style: BorderStyle.SINGLE, size: 8, color: "000000" },
            right: { style: BorderStyle.SINGLE, size: 8, color: "000000" },
          },
          children: [new TextRun({ text: b.text, bold: true })],
        }),
      ];
    case "list": {
      // Word numbers a list 1, 2, 3 …; items numbered otherwise (agenda items "Ärende 9") print their own number.
      if (b.ordered && b.items.some((item, i) => item.value !== undefined && item.value !== i + 1))
        return b.items.map(
          (item, i) =>
            new Paragraph({
              indent: { left: 480, hanging: 360 },
              children: [
                new TextRun(`${item.value ?? i + 1}.\t${item.text}`),
                ...(item.note ? [new TextRun({ text: item.note, break: 1 })] : []),
              ],
            }),
        );
      const instance = listIndex();
      return b.items.map(
        (item) =>
          new Paragraph({
            numbering: {
              reference: b.ordered ? "decision-points" : "bullets",
              level: 0,
              instance: b.ordered ? instance : 0,
            },
            children: [
              new TextRun(item.text),
              ...(item.note ? [new TextRun({ text: item.note, break: 1 })] : []),
            ],
          }),
      );
    }
    case "table":
    case "facts": {
      const head = b.kind === "table" ? b.head : null;
      const rows = b.kind === "table" ? b.rows : b.rows.map(([k, v]) => [k, v]);
      return [
        ...(b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] })] : []),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            ...(head ? [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) })] : []),
            ...rows.map((r) => new TableRow({ children: r.map((x, i) => cell(x, i === 0)) })),
          ],
        }),
      ];
    }
    case "pageBreak":
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
    case "image": {
      const scale = Math.min(1, textWidthPx / b.width);
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: b.mediaType === "image/png" ? "png" : "jpg",
              data: b.data,
              transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) },
              // Word reads the description as the picture's alternative text.
              altText: { name: "Bild", title: b.alt, description: b.alt },
            }),
          ],
        }),
      ];
    }
  }
}

/** The document as a .docx file. */
export async function renderDocx(d: DocumentModel): Promise<Buffer> {
  let lists = 0;
  const children = d.blocks.flatMap((b) => blocks(b, () => ++lists));
  const file = new Document({
    title: d.title,
    creator: d.author,
    subject: d.subject,
    description: d.subject,
    styles: {
      default: {
        document: { run: { font: "Noto Sans", size: 21, language: { value: "sv-SE" } } },
      },
    },
    numbering: {
      config: [
        {
          reference: "decision-points",
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 360 } } },
            },
          ],
        },
        {
          reference: "bullets",
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}
