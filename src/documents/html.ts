import type { Block, DocumentModel } from "./model.js";

// A standalone, accessible HTML file of a document (lang sv, real headings, lists and tables), the same blocks the
// PDF and the DOCX print. The pages themselves render through the kit's layout; this is the downloadable copy.

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}

function block(b: Block): string {
  switch (b.kind) {
    case "heading":
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case "paragraph":
      return b.strong ? `<p><strong>${escapeHtml(b.text)}</strong></p>` : `<p>${escapeHtml(b.text)}</p>`;
    case "stamp":
      return `<p class="stamp"><strong>${escapeHtml(b.text)}</strong></p>`;
    case "list": {
      const tag = b.ordered ? "ol" : "ul";
      const label = b.label ? ` aria-label="${escapeHtml(b.label)}"` : "";
      const items = b.items
        .map((item, i) => {
          const value = b.ordered ? ` value="${item.value ?? i + 1}"` : "";
          const note = item.note ? `<br>${escapeHtml(item.note)}` : "";
          return `<li${value}>${escapeHtml(item.text)}${note}</li>`;
        })
        .join("");
      return `<${tag}${label}>${items}</${tag}>`;
    }
    case "table":
      return `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${b.rows
        .map(
          (r) =>
            `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join("")}</tr>`,
        )
        .join("")}</tbody></table>`;
    case "facts":
      return `<dl${b.caption ? ` aria-label="${escapeHtml(b.caption)}"` : ""}>${b.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v).replace(/\n/g, "<br>")}</dd>`).join("")}</dl>`;
    case "pageBreak":
      return `<hr class="page-break">`;
    case "image":
      return `<p><img src="data:${b.mediaType};base64,${Buffer.from(b.data).toString("base64")}" alt="${escapeHtml(b.alt)}" width="${b.width}" height="${b.height}"></p>`;
  }
}

/** The document as one HTML file in Swedish. */
export function renderHtml(d: DocumentModel): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>${escapeHtml(d.title)}</title>
<meta name="author" content="${escapeHtml(d.author)}">
<style>body{font-family:"Noto Sans",sans-serif;max-width:42rem;margin:2rem auto;line-height:1.5}.stamp{border:2px solid;display:inline-block;padding:.2rem .6rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:left}hr.page-break{border:0;page-break-after:always}dt{font-weight:bold}img{max-width:100%;height:auto}</style>
</head>
<body>
<main>
${d.blocks.map(block).join("\n")}
</main>
</body>
</html>
`;
}
