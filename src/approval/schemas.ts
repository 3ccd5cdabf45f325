import { z } from "@hono/zod-openapi";
import { signerRoles } from "./tables.js";

// Request shapes of approval, the notice board and appeals. The API and the pages validate with the same schemas.

const id = (message: string) => z.uuid({ error: message });
const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2026-01-29" });
const text = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Texten får vara högst ${max} tecken.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Texten får vara högst ${max} tecken.`)
    .nullish()
    .transform((v) => v || null);
const hash = z
  .string({ error: "Ange kontrollsumman (SHA-256) för den version du har läst." })
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, "Kontrollsumman ska vara 64 hexadecimala tecken (SHA-256).");

export const AppointApproversInput = z
  .strictObject({
    chairId: id("Välj ordföranden ur listan."),
    approverIds: z
      .array(id("Välj justerare ur listan."), { error: "Välj justerare ur listan." })
      .min(1, "Utse minst en justerare.")
      .max(5, "Högst fem justerare."),
    approvalAt: z.coerce.date({ error: "Ange tid för justeringen som ÅÅÅÅ-MM-DDTTT:MM." }),
    place: text(300, "Ange platsen för justeringen."),
    minutesKeptAt: text(300, "Ange var protokollet förvaras."),
    illustrative: z.boolean().optional(),
  })
  .openapi("AppointApproversInput");
export type AppointApproversInput = z.infer<typeof AppointApproversInput>;

export const FreezeMinutesInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf ur listan.").nullish(),
    reason: optionalText(2000),
    lateReason: optionalText(2000),
  })
  .openapi("FreezeMinutesInput");
export type FreezeMinutesInput = z.infer<typeof FreezeMinutesInput>;

export const SignMinutesInput = z
  .strictObject({
    hash,
    role: z.enum(signerRoles, { error: "Välj ordförande, justerare eller sekreterare." }).nullish(),
  })
  .openapi("SignMinutesInput");
export type SignMinutesInput = z.infer<typeof SignMinutesInput>;

export const RefuseMinutesInput = z
  .strictObject({ hash, comment: text(4000, "Skriv vad som behöver rättas.") })
  .openapi("RefuseMinutesInput");
export type RefuseMinutesInput = z.infer<typeof RefuseMinutesInput>;

export const RecordAppealInput = z
  .strictObject({
    court: text(200, "Ange domstolen, t.ex. Förvaltningsrätten i Malmö."),
    receivedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    caseNumber: text(100, "Ange domstolens målnummer."),
  })
  .openapi("RecordAppealInput");
export type RecordAppealInput = z.infer<typeof RecordAppealInput>;

/** Collecting a pending signature takes nothing but the addresses; a body must be an empty object. */
export const CollectSignatureInput = z.strictObject({}).openapi("CollectSignatureInput");
