import { z } from "@hono/zod-openapi";
import { sectionKinds } from "./sections.js";

// Request shapes of official reports and their templates; the API and the forms validate with these.

const id = (message: string) => z.uuid({ error: message });
const text = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Texten får vara högst ${max} tecken.`);

export const TemplateSectionInput = z.strictObject({
  kind: z.enum(sectionKinds, { error: "Välj en sorts avsnitt ur listan." }),
  heading: text(120, "Ange avsnittets rubrik."),
  maxLength: z.int({ error: "Ange längsta text som ett heltal." }).min(1).max(100_000).optional(),
});

export const SaveTemplateInput = z
  .strictObject({
    bodyId: id("Välj ett organ ur listan.").nullish(),
    name: text(200, "Ange mallens namn."),
    sections: z.array(TemplateSectionInput).min(1, "En mall måste ha minst ett avsnitt.").max(30),
  })
  .openapi("SaveReportTemplateInput");
export type SaveTemplateInput = z.infer<typeof SaveTemplateInput>;

const VersionContent = {
  datedOn: z.iso.date({ error: "Ange datum som ÅÅÅÅ-MM-DD." }).openapi({ example: "2025-12-03" }),
  /** Written sections by kind; a template's maxLength is checked by the use case. */
  // Keys outside the section kinds are refused, so the record is as closed as an object.
  texts: z
    .partialRecord(z.enum(sectionKinds), z.string().max(100_000, "Texten får vara högst 100 000 tecken."))
    .openapi({ additionalProperties: false }),
  basis: z
    .array(
      z.strictObject({
        recordId: id("Välj en handling ur listan."),
        paragraphId: id("Välj en paragraf.").nullish(),
      }),
    )
    .max(500)
    .default([]),
  recipients: z
    .array(
      z
        .strictObject({
          bodyId: id("Välj ett organ ur listan.").nullish(),
          label: text(200, "Ange mottagare.").nullish(),
        })
        .refine(
          (r) => Boolean(r.bodyId) !== Boolean(r.label),
          "Ange antingen ett organ eller en mottagare i text.",
        ),
    )
    .max(200)
    .default([]),
  responsibleIds: z.array(id("Välj en person ur listan.")).max(20).default([]),
};

export const DraftReportInput = z
  .strictObject({
    caseId: id("Välj ett ärende."),
    title: text(300, "Ange tjänsteskrivelsens rubrik."),
    administrationId: id("Välj förvaltning."),
    referencePersonId: id("Välj vem som är referens."),
    /** The body the report is written for (its template is used), e.g. KSAU. */
    bodyId: id("Välj organ.").nullish(),
    ...VersionContent,
  })
  .openapi("DraftReportInput");
export type DraftReportInput = z.infer<typeof DraftReportInput>;

export const SaveVersionInput = z
  .strictObject({
    /** The version the writer started from; a newer one means someone else saved in between. */
    basedOn: z.int({ error: "Ange versionen du utgick från." }).min(1),
    ...VersionContent,
  })
  .openapi("SaveReportVersionInput");
export type SaveVersionInput = z.infer<typeof SaveVersionInput>;

export const SignReportInput = z
  .strictObject({
    version: z.int({ error: "Ange versionen som signeras." }).min(1),
    sha256: z
      .string({ error: "Ange kontrollsumman för versionen du läste." })
      .regex(/^[0-9a-f]{64}$/, "Kontrollsumman ska vara 64 hexadecimala tecken (SHA-256)."),
  })
  .openapi("SignReportInput");
export type SignReportInput = z.infer<typeof SignReportInput>;

/** Collecting a pending signing takes nothing but the report's address; a body must be an empty object. */
export const CollectReportSignatureInput = z.strictObject({}).openapi("CollectReportSignatureInput");

export const AddReportImageInput = z
  .strictObject({
    section: z.enum(sectionKinds, { error: "Välj avsnittet bilden hör till." }),
    alt: text(300, "Skriv en alternativtext som beskriver bilden för den som inte ser den."),
    /** The bytes, base64; their type is read from them (PNG or JPEG), never from a name or a declared type. */
    contentBase64: z
      .base64({ error: "Bilden ska vara base64-kodad." })
      .min(1, "Välj en bild (PNG eller JPEG).")
      .max(7_000_000, "En bild i en tjänsteskrivelse får vara högst 5 MB."),
  })
  .openapi("AddReportImageInput");
export type AddReportImageInput = z.infer<typeof AddReportImageInput>;

/** The page's form to take an image out of the draft: the image is in the address, the form carries nothing else. */
export const RemoveReportImageForm = z.strictObject({});
