import PDFDocument from "pdfkit";
import { documentFonts } from "./fonts.js";
import type { Block, DocumentModel } from "./model.js";

// PDF/A-2a through pdfkit: tagged (Document → H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD), language sv-SE, the
// title shown instead of the file name, Noto Sans embedded, page numbers marked as artifacts so a screen reader and
// pdftotext's reading order skip nothing and add nothing. The XMP also says PDF/UA-1 (ISO 14289-1), which holds for
// what these documents contain: text, lists, simple tables with header cells and images tagged as Figures with
// their alternative text; no forms.

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc["struct"]>;

const size = { 1: 17, 2: 13.5, 3: 11.5 } as const;
const body = 10.5;
const margin = 64;

const pdfUa = `
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>`;

function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function heading(doc: Doc, root: Struct, b: Extract<Block, { kind: "heading" }>) {
  doc.font("Bold").fontSize(size[b.level]);
  ensureRoom(doc, doc.currentLineHeight(true) * 3);
  doc.moveDown(b.level === 1 ? 0.2 : 0.6);
  root.add(
    doc.struct(`H${b.level}`, {}, () => {
      doc.text(b.text, margin, doc.y, { width: width(doc) });
    }),
  );
  doc.moveDown(0.25);
}

function paragraph(doc: Doc, root: Struct, text: string, strong = false) {
  doc.font(strong ? "Bold" : "Regular").fontSize(body);
  root.add(
    doc.struct("P", {}, () => {
      doc.text(text, margin, doc.y, { width: width(doc) });
    }),
  );
  doc.moveDown(0.45);
}

function stamp(doc: Doc, root: Struct, text: string) {
  doc.font("Bold").fontSize(body);
  ensureRoom(doc, 30);
  const w = doc.widthOfString(text) + 16;
  const top = doc.y;
  doc.markContent("Artifact", { type: "Layout" });
  doc
    .rect(margin, top, w, doc.currentLineHeight(true) + 8)
    .lineWidth(1.2)
    .stroke();
  doc.endMarkedContent();
  root.add(
    doc.struct("P", {}, () => {
      doc.text(text, margin + 8, top + 4, { lineBreak: false });
    }),
  );
  doc.x = margin;
  doc.y = top + doc.currentLineHeight(true) + 14;
}

function list(doc: Doc, root: Struct, b: Extract<Block, { kind: "list" }>) {
  doc.font("Regular").fontSize(body);
  const indent = b.ordered ? 22 : 14;
  const l = doc.struct("L");
  root.add(l);
  b.items.forEach((item, i) => {
    const text = item.note ? `${item.text}\n${item.note}` : item.text;
    ensureRoom(doc, doc.heightOfString(text, { width: width(doc) - indent }) > 200 ? 40 : 28);
    const top = doc.y;
    const label = b.ordered ? `${item.value ?? i + 1}.` : "•";
    l.add(
      doc.struct("LI", {}, [
        doc.struct("Lbl", {}, () => {
          doc.text(label, margin, top, { width: indent, lineBreak: false });
        }),
        doc.struct("LBody", {}, () => {
          doc.text(text, margin + indent, top, { width: width(doc) - indent });
        }),
      ]),
    );
    doc.moveDown(0.2);
  });
  l.end();
  doc.x = margin;
  doc.moveDown(0.35);
}

function table(
  doc: Doc,
  root: Struct,
  caption: string,
  head: string[] | null,
  rows: string[][],
  ruled: boolean,
) {
  const columns = head?.length ?? rows[0]?.length ?? 1;
  const colWidth = width(doc) / columns;
  const t = doc.struct("Table");
  root.add(t);
  ensureRoom(doc, 40);
  if (caption) {
    doc.font("Bold").fontSize(body);
    t.add(
      doc.struct("Caption", {}, () => {
        doc.text(caption, margin, doc.y, { width: width(doc) });
      }),
    );
    doc.moveDown(0.2);
  }
  const row = (cells: string[], header: boolean) => {
    const heights = cells.map((cell, i) => {
      doc.font(header || i === 0 ? "Bold" : "Regular").fontSize(body);
      return doc.heightOfString(cell || " ", { width: colWidth - 8 });
    });
    const h = Math.max(...heights) + 6;
    ensureRoom(doc, h);
    const top = doc.y;
    const tr = doc.struct("TR");
    t.add(tr);
    cells.forEach((cell, i) => {
      const kind = header || i === 0 ? "TH" : "TD";
      doc.font(kind === "TH" ? "Bold" : "Regular").fontSize(body);
      tr.add(
        doc.struct(kind, {}, () => {
          doc.text(cell, margin + i * colWidth + 4, top + 3, { width: colWidth - 8 });
        }),
      );
    });
    tr.end();
    if (ruled) {
      doc.markContent("Artifact", { type: "Layout" });
      doc
        .moveTo(margin, top + h)
        .lineTo(margin + width(doc), top + h)
        .lineWidth(0.5)
        .stroke();
      doc.endMarkedContent();
    }
    doc.x = margin;
    doc.y = top + h;
  };
  if (head) row(head, true);
  for (const r of rows) row(r, false);
  t.end();
  doc.moveDown(0.6);
}

/**
 * An image as a tagged Figure with its alternative text (Alt) and its bounding box, so PDF/A-2a and PDF/UA hold:
 * printed at 96 pixels to the inch, narrowed to the text's width and to half a page's height.
 */
function image(doc: Doc, root: Struct, b: Extract<Block, { kind: "image" }>) {
  const scale = Math.min(0.75, width(doc) / b.width, 380 / b.height);
  const w = b.width * scale;
  const h = b.height * scale;
  ensureRoom(doc, h + 8);
  const top = doc.y;
  // The Figure's BBox (in page coordinates, which pdfkit converts) is what a checker asks of a tagged image.
  const options = { alt: b.alt, bbox: [margin, top, margin + w, top + h], placement: "Block" };
  root.add(
    doc.struct("Figure", options as { alt: string }, () => {
      doc.image(Buffer.from(b.data), margin, top, { width: w, height: h });
    }),
  );
  doc.x = margin;
  doc.y = top + h + 8;
}

/** Writes "Sida 1 av 3" in every page's foot, marked as a pagination artifact. */
function paginate(doc: Doc, title: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Regular").fontSize(8);
    doc.markContent("Artifact", { type: "Pagination" });
    doc.text(`${title} – sida ${i + 1} av ${range.count}`, margin, doc.page.height - 40, {
      width: width(doc),
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/** The document as a PDF/A-2a file (and PDF/UA-1), the same bytes for the same data. */
export function renderPdf(d: DocumentModel): Promise<Buffer> {
  const dated = new Date(`${d.datedOn}T12:00:00Z`);
  const doc = new PDFDocument({
    pdfVersion: "1.7",
    subset: "PDF/A-2a",
    tagged: true,
    lang: "sv-SE",
    displayTitle: true,
    bufferPages: true,
    size: "A4",
    margin,
    info: {
      Title: d.title,
      Author: d.author,
      Subject: d.subject,
      Creator: "Paragraf",
      Producer: "Paragraf (PDFKit)",
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const fonts = documentFonts();
  doc.registerFont("Regular", fonts.regular);
  doc.registerFont("Bold", fonts.bold);
  doc.font("Regular");
  const root = doc.struct("Document");
  doc.addStructure(root);
  for (const b of d.blocks) {
    switch (b.kind) {
      case "heading":
        heading(doc, root, b);
        break;
      case "paragraph":
        paragraph(doc, root, b.text, b.strong);
        break;
      case "stamp":
        stamp(doc, root, b.text);
        break;
      case "list":
        list(doc, root, b);
        break;
      case "table":
        table(doc, root, b.caption, b.head, b.rows, true);
        break;
      case "facts":
        table(
          doc,
          root,
          b.caption,
          null,
          b.rows.map(([k, v]) => [k, v]),
          false,
        );
        break;
      case "pageBreak":
        doc.addPage();
        break;
      case "image":
        image(doc, root, b);
        break;
    }
  }
  root.end();
  paginate(doc, d.title);
  (doc as unknown as { appendXML(xml: string): void }).appendXML(pdfUa);
  doc.end();
  return done;
}
