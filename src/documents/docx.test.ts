import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDocx } from "./docx.js";
import type { DocumentModel } from "./model.js";

// The DOCX's numbered lists after the one-pass numbering replacement (docx.ts): each list its own numbering, so each
// starts at 1, and no placeholder is left in the file.

describe("numbered lists in the DOCX", () => {
  it("gives each numbered list its own numbering and leaves no placeholder", async () => {
    const list = (n: number) => ({
      kind: "list" as const,
      ordered: true,
      items: Array.from({ length: n }, (_, i) => ({ text: `Punkt ${i + 1} {inte en platshållare}` })),
    });
    const d: DocumentModel = {
      title: "Listor",
      author: "Test",
      subject: "Listor",
      datedOn: "2026-01-22",
      baseName: "Listor",
      blocks: [list(2), { kind: "list", ordered: false, items: [{ text: "En punkt" }] }, list(3), list(1)],
    };
    const path = join(mkdtempSync(join(tmpdir(), "paragraf-docx-")), "listor.docx");
    writeFileSync(path, await renderDocx(d));
    const xml = execFileSync("unzip", ["-p", path, "word/document.xml"], { encoding: "utf8" });
    expect(xml).not.toMatch(/\{(decision-points|bullets)-\d+\}/);
    expect(xml).toContain("{inte en platshållare}");
    const numIds = [...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(numIds).toHaveLength(7);
    const ordered = [numIds[0], numIds[3], numIds[6]];
    expect(new Set(ordered).size).toBe(3);
    expect(numIds[1]).toBe(numIds[0]);
    expect(numIds[4]).toBe(numIds[3]);
    const numbering = execFileSync("unzip", ["-p", path, "word/numbering.xml"], { encoding: "utf8" });
    for (const id of ordered) expect(numbering).toContain(`<w:num w:numId="${id}">`);
  });
});
