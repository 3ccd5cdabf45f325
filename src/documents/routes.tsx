import { createHash } from "node:crypto";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Tx } from "../db/connect.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { IdParam, writeProblems } from "../http/openapi.js";
import { read, requireMunicipality } from "../http/pages.js";
import { meetingView, paragraphView, paragraphViewByNumber } from "../meetings/read-minutes.js";
import { secretAccess } from "../register/access.js";
import { readReportDocument } from "../reports/read-report.js";
import { renderDocx } from "./docx.js";
import { contentDisposition } from "./file-name.js";
import {
  attachmentDocument,
  attachmentsOf,
  extractDocument,
  minutesDocument,
  noticeDocument,
} from "./from-minutes.js";
import { reportDocument } from "./from-report.js";
import { renderHtml } from "./html.js";
import { type Approved, type ApprovedHashOf, keptOrRendered } from "./keep.js";
import type { DocumentModel } from "./model.js";
import { renderPdf } from "./pdf.js";

// Downloads: every document as HTML, PDF/A and DOCX, on the pages' addresses (…/protokoll.pdf) and in the API
// (…?format=pdf), from the same presented values the pages show, so a secret case's title is withheld alike.

export const formats = ["pdf", "docx", "html"] as const;
export type Format = (typeof formats)[number];

const mediaType: Record<Format, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html; charset=utf-8",
};

/** The bytes of a document in a format. */
export async function renderDocument(d: DocumentModel, format: Format): Promise<Buffer> {
  if (format === "pdf") return renderPdf(d);
  if (format === "docx") return renderDocx(d);
  return Buffer.from(renderHtml(d), "utf8");
}

/**
 * Answers with the document as a download named for what it is, with a strong ETag from its bytes. A document of
 * approved minutes is rendered once and kept (keep.ts).
 */
async function send(c: Context<AppEnv>, d: DocumentModel | null, format: Format, approved?: Approved | null) {
  if (!d) throw new NotFoundError("page");
  // HTML renders in a few milliseconds, less than fetching kept bytes takes: only PDF and DOCX are kept.
  const bytes =
    approved && format !== "html"
      ? await keptOrRendered(c.get("deps").database.db, approved, d, format, () => renderDocument(d, format))
      : await renderDocument(d, format);
  const etag = `"${createHash("sha256").update(bytes).digest("hex")}"`;
  const headers = {
    "Content-Type": mediaType[format],
    "Content-Disposition": contentDisposition(`${d.baseName}.${format}`),
    ETag: etag,
    "Cache-Control": "private, no-cache",
  };
  if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(bytes), 200, headers);
}

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A last segment "protokoll.pdf": Hono matches a parameter only as a whole segment when its id has a pattern. */
const file = (name: string) => `:file{${name}\\.(?:pdf|docx|html)}`;
const formatOf = (c: Context<AppEnv>) => c.req.param("file")!.split(".").pop() as Format;
const numberOf = (c: Context<AppEnv>) => Number(c.req.param("file")!.split(".")[0]);

/** The download addresses a page links to. */
export const downloadPaths = {
  extract: (paragraphPath: string) =>
    formats.map((f) => ({ format: f, href: `${paragraphPath}/utdrag.${f}` })),
  minutes: (meetingId: string) =>
    formats.map((f) => ({ format: f, href: `/sammantraden/${meetingId}/protokoll.${f}` })),
  notice: (meetingId: string) =>
    formats.map((f) => ({ format: f, href: `/sammantraden/${meetingId}/kallelse.${f}` })),
  attachment: (meetingId: string, n: number) =>
    formats.map((f) => ({ format: f, href: `/sammantraden/${meetingId}/bilagor/${n}.${f}` })),
  report: (reportId: string, version?: number) =>
    formats.map((f) => ({
      format: f,
      href: `/tjansteskrivelser/${reportId}/dokument.${f}${version ? `?version=${version}` : ""}`,
    })),
};

function versionOf(c: Context<AppEnv>): number | undefined {
  const v = c.req.query("version");
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]{0,5}$/.test(v)) throw new NotFoundError("page");
  return Number(v);
}

/**
 * How the routes learn that the minutes a document shows are approved, so its files are kept: with no lookup (a
 * test app without approval), every document is rendered on each request.
 */
function keeping(approvedHash: ApprovedHashOf | undefined) {
  const approvedOf = async (
    tx: Tx,
    municipalityId: string,
    meetingId: string,
    paragraphId: string | null,
  ) => {
    const sha256 = approvedHash ? await approvedHash(tx, municipalityId, meetingId, paragraphId) : null;
    return sha256 ? { meetingId, sha256 } : null;
  };
  /** A meeting's minutes as this reader may see them, with their approved version if there is one. */
  const approvedMeeting = (c: Context<AppEnv>, municipalityId: string, meetingId: string) =>
    read(c, async (tx) => {
      const v = await meetingView(tx, municipalityId, meetingId, secretAccess(c.get("actor")));
      return { v, approved: v && (await approvedOf(tx, municipalityId, meetingId, null)) };
    });
  return { approvedOf, approvedMeeting };
}

/** The documents on the pages' addresses. */
export function registerDocumentPages(app: OpenAPIHono<AppEnv>, approvedHash?: ApprovedHashOf) {
  const { approvedOf, approvedMeeting } = keeping(approvedHash);
  app.get(`/protokoll/:slug/:year{[0-9]{4}}/:number{[0-9]{1,6}}/${file("utdrag")}`, async (c) => {
    const m = requireMunicipality(c);
    const ref = {
      bodySlug: c.req.param("slug"),
      year: Number(c.req.param("year")),
      number: Number(c.req.param("number")),
    };
    const { p, approved } = await read(c, async (tx) => {
      const p = await paragraphViewByNumber(tx, m.id, ref, secretAccess(c.get("actor")));
      return { p, approved: p && (await approvedOf(tx, m.id, p.meeting.id, p.id)) };
    });
    return send(c, p && extractDocument(p, m.name), formatOf(c), approved);
  });
  app.get(`/sammantraden/:id{${uuid}}/${file("protokoll")}`, async (c) => {
    const m = requireMunicipality(c);
    const { v, approved } = await approvedMeeting(c, m.id, c.req.param("id"));
    return send(c, v && minutesDocument(v, m.name), formatOf(c), approved);
  });
  app.get(`/sammantraden/:id{${uuid}}/${file("kallelse")}`, async (c) => {
    const m = requireMunicipality(c);
    const v = await read(c, (tx) => meetingView(tx, m.id, c.req.param("id"), secretAccess(c.get("actor"))));
    return send(c, v && noticeDocument(v, m.name), formatOf(c));
  });
  app.get(`/sammantraden/:id{${uuid}}/bilagor/${file("[0-9]{1,4}")}`, async (c) => {
    const m = requireMunicipality(c);
    const { v, approved } = await approvedMeeting(c, m.id, c.req.param("id"));
    const a = v && attachmentsOf(v).find((x) => x.number === numberOf(c));
    return send(c, v && a ? attachmentDocument(v, a, m.name) : null, formatOf(c), approved);
  });
  app.get(`/tjansteskrivelser/:id{${uuid}}/${file("dokument")}`, async (c) => {
    const m = requireMunicipality(c);
    const version = versionOf(c);
    const r = await read(c, (tx) =>
      readReportDocument(tx, m.id, c.req.param("id"), secretAccess(c.get("actor")), version),
    );
    return send(c, reportDocument(r.view, r.images), formatOf(c));
  });
}

const FormatQuery = z.object({
  format: z
    .enum(formats, { error: "Ange format: pdf, docx eller html." })
    .default("pdf")
    .openapi({ description: "pdf (PDF/A-2a), docx (Word) eller html." }),
});
const documentResponse = {
  description: "Dokumentet, med filnamn i Content-Disposition",
  content: {
    "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
    [mediaType.docx]: { schema: z.string().openapi({ format: "binary" }) },
    "text/html": { schema: z.string() },
  },
};

/** The same documents in the API, each with ?format=pdf|docx|html. */
export function registerDocumentApi(api: OpenAPIHono<AppEnv>, approvedHash?: ApprovedHashOf) {
  const { approvedOf, approvedMeeting } = keeping(approvedHash);
  const route = (
    path: string,
    summary: string,
    params: z.ZodObject = IdParam,
    query: z.ZodObject = FormatQuery,
  ) =>
    createRoute({
      method: "get",
      path,
      tags: ["Dokument"],
      summary,
      request: { params, query },
      responses: { 200: documentResponse, 400: writeProblems[400], 404: writeProblems[404] },
    });
  api.openapi(route("/api/paragraphs/{id}/extract", "Protokollsutdrag för en paragraf"), async (c) => {
    const m = requireMunicipality(c);
    const { id } = c.req.valid("param") as { id: string };
    const { p, approved } = await read(c, async (tx) => {
      const p = await paragraphView(tx, m.id, id, secretAccess(c.get("actor")));
      return { p, approved: p && (await approvedOf(tx, m.id, p.meeting.id, p.id)) };
    });
    return send(
      c,
      p && extractDocument(p, m.name),
      (c.req.valid("query") as { format: Format }).format,
      approved,
    ) as never;
  });
  api.openapi(route("/api/meetings/{id}/minutes", "Ett sammanträdes protokoll"), async (c) => {
    const m = requireMunicipality(c);
    const { id } = c.req.valid("param") as { id: string };
    const { v, approved } = await approvedMeeting(c, m.id, id);
    return send(
      c,
      v && minutesDocument(v, m.name),
      (c.req.valid("query") as { format: Format }).format,
      approved,
    ) as never;
  });
  api.openapi(route("/api/meetings/{id}/notice", "Kallelse med föredragningslista"), async (c) => {
    const m = requireMunicipality(c);
    const { id } = c.req.valid("param") as { id: string };
    const v = await read(c, (tx) => meetingView(tx, m.id, id, secretAccess(c.get("actor"))));
    return send(
      c,
      v && noticeDocument(v, m.name),
      (c.req.valid("query") as { format: Format }).format,
    ) as never;
  });
  api.openapi(
    route(
      "/api/meetings/{id}/attachments/{number}",
      "En bilaga till protokollet",
      IdParam.extend({ number: z.coerce.number({ error: "Ange bilagans nummer." }).int().min(1).max(9999) }),
    ),
    async (c) => {
      const m = requireMunicipality(c);
      const { id, number } = c.req.valid("param") as { id: string; number: number };
      const { v, approved } = await approvedMeeting(c, m.id, id);
      const a = v && attachmentsOf(v).find((x) => x.number === number);
      return send(
        c,
        v && a ? attachmentDocument(v, a, m.name) : null,
        (c.req.valid("query") as { format: Format }).format,
        approved,
      ) as never;
    },
  );
  api.openapi(
    route(
      "/api/reports/{id}/document",
      "En tjänsteskrivelse som dokument",
      IdParam,
      FormatQuery.extend({
        version: z.coerce
          .number({ error: "Ange version som ett heltal." })
          .int()
          .min(1)
          .max(999_999)
          .optional(),
      }),
    ),
    async (c) => {
      const m = requireMunicipality(c);
      const { id } = c.req.valid("param") as { id: string };
      const q = c.req.valid("query") as { format: Format; version?: number };
      const r = await read(c, (tx) =>
        readReportDocument(tx, m.id, id, secretAccess(c.get("actor")), q.version),
      );
      return send(c, reportDocument(r.view, r.images), q.format) as never;
    },
  );
}
