import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { SigningProvider } from "../approval/signing.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, problemResponse, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { addReportImage } from "./add-report-image.js";
import { draftReport } from "./draft-report.js";
import { readReport } from "./read-report.js";
import { removeReportImage } from "./remove-report-image.js";
import { saveReportVersion } from "./save-report-version.js";
import { saveTemplate } from "./save-template.js";
import * as s from "./schemas.js";
import { collectReportSignature, signReport } from "./sign-report.js";

// The JSON API of official reports (M5): read a version, save templates, draft, save versions, sign, collect a
// pending signature.

const Saved = z
  .object({
    id: z.uuid(),
    version: z.int().optional(),
    /** For a signature: signed at once, or waiting for the signing service (collected by a job, or by …/collect). */
    status: z.enum(["signed", "pending"]).optional(),
  })
  .openapi("ReportSaved");
const ReportJson = z.record(z.string(), z.unknown()).openapi("OfficialReport", {
  description:
    "En tjänsteskrivelse: rubrik, diarienummer, förvaltning, datum, Vår referens, avsnitten i mallens ordning, version, status och signatur (signerad av, tid, metod, SHA-256, stämpel).",
});

const CollectedReportSignature = z
  .object({
    status: z.enum(["pending", "signed", "failed"]),
    stamp: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi("CollectedReportSignature");

/** Registers the reports' API; signatures go through `signing`. */
export function registerReportApi(api: OpenAPIHono<AppEnv>, signing: SigningProvider) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/reports/{id}",
      tags: ["Tjänsteskrivelser"],
      summary: "Hämta en tjänsteskrivelse (senaste versionen eller ?version=n)",
      request: {
        params: IdParam,
        query: z.object({
          version: z.coerce
            .number({ error: "Ange version som ett heltal." })
            .int()
            .min(1)
            .max(999_999)
            .optional(),
        }),
      },
      responses: { 200: { description: "Tjänsteskrivelsen", ...json(ReportJson) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const { id } = c.req.valid("param");
      const { version } = c.req.valid("query");
      const r = await inTransaction(db(c), (tx) =>
        readReport(tx, m.id, id, secretAccess(c.get("actor")), version),
      );
      return c.json(r as Record<string, unknown>, 200);
    },
  );

  const write = <I extends z.ZodType>(
    path: string,
    summary: string,
    input: I,
    run: (tx: Tx, actor: Actor, body: z.infer<I>, id: string) => Promise<z.infer<typeof Saved>>,
    moreProblems: Record<number, ReturnType<typeof problemResponse>> = {},
  ) =>
    api.openapi(
      createRoute({
        method: "post",
        path,
        tags: ["Tjänsteskrivelser"],
        summary,
        security: [{ session: [] }],
        request: {
          ...(path.includes("{id}") ? { params: IdParam } : {}),
          body: { ...json(input), required: true },
        },
        responses: { 201: { description: "Sparat", ...json(Saved) }, ...writeProblems, ...moreProblems },
      }) as any,
      async (c: any) => {
        const actor = requireActor(c);
        const body = c.req.valid("json");
        const id = path.includes("{id}") ? c.req.valid("param").id : "";
        const result = await inTransaction(db(c), (tx) => run(tx, actor, body, id));
        return c.json(Saved.parse(result), 201);
      },
    );

  write(
    "/api/report-templates",
    "Spara kommunens eller ett organs mall för tjänsteskrivelser",
    s.SaveTemplateInput,
    (tx, a, b) => saveTemplate(tx, a, b),
  );
  write("/api/reports", "Påbörja en tjänsteskrivelse i ett ärende", s.DraftReportInput, async (tx, a, b) => {
    const { report, version } = await draftReport(tx, a, b);
    return { id: report.id, version: version.version };
  });
  write("/api/reports/{id}/versions", "Spara en ny version", s.SaveVersionInput, async (tx, a, b, id) => {
    const v = await saveReportVersion(tx, a, id, b);
    return { id, version: v.version };
  });
  write(
    "/api/reports/{id}/images",
    "Lägg till en bild (PNG eller JPEG, högst 5 MB) med alternativtext i ett skrivet avsnitt",
    s.AddReportImageInput,
    async (tx, a, b, id) => {
      const image = await addReportImage(tx, a, id, b);
      return { id: image.id };
    },
  );
  write(
    "/api/reports/{id}/signature",
    "Signera den version du läst (version och SHA-256 ur GET)",
    s.SignReportInput,
    async (tx, a, b, id) => {
      const signed = await signReport(tx, a, id, b, signing);
      return { id, version: signed.version.version, status: signed.status };
    },
    { 503: problemResponse("Signeringstjänsten svarar inte; ingenting har signerats eller sparats") },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/reports/{id}/signing/collect",
      tags: ["Tjänsteskrivelser"],
      summary:
        "Hämta nu hur den väntande signeringen står hos signeringstjänsten: fortfarande `pending`, `signed` (versionen låses) eller `failed`",
      operationId: "collectReportSignature",
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(s.CollectReportSignatureInput), required: true } },
      responses: {
        200: { description: "Signeringens läge", ...json(CollectedReportSignature) },
        ...writeProblems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const result = await inTransaction(db(c), (tx) => collectReportSignature(tx, actor, id, signing));
      return c.json(
        CollectedReportSignature.parse({
          status: result.status,
          stamp: result.stamp,
          reason: result.status === "failed" ? result.reason : null,
        }),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/reports/{id}/images/{imageId}",
      tags: ["Tjänsteskrivelser"],
      summary: "Ta bort en bild ur utkastet (en signerad version behåller den)",
      security: [{ session: [] }],
      request: {
        params: IdParam.extend({
          imageId: z.uuid({ error: "Ogiltigt id." }).openapi({ param: { name: "imageId", in: "path" } }),
        }),
      },
      responses: { 204: { description: "Borttagen ur utkastet" }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id, imageId } = c.req.valid("param");
      await inTransaction(db(c), (tx) => removeReportImage(tx, actor, id, imageId));
      return c.body(null, 204);
    },
  );
}
