import { z } from "@hono/zod-openapi";
import { hostName, isHostName } from "../domain/host.js";
import { bodyKinds, membershipRoles } from "./tables.js";

// Request and response shapes of the organisation register. The API validates with these, the forms
// validate with these, and the OpenAPI document is generated from these.

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).nullish();
const isoDate = (message: string) =>
  z.iso.date({ error: message }).openapi({ example: "2022-10-15", description: "ISO-datum ÅÅÅÅ-MM-DD" });
const id = (message: string) => z.uuid({ error: message });

export const BodyInput = z
  .strictObject({
    kind: z.enum(bodyKinds, { error: "Välj vilken sorts organ det är." }),
    name: z
      .string({ error: "Ange ett namn." })
      .trim()
      .min(1, "Ange ett namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    shortName: optionalText(20, "Förkortningen får vara högst 20 tecken."),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Adressen får bara innehålla a–z, siffror och bindestreck.")
      .max(120, "Adressen får vara högst 120 tecken.")
      .nullish(),
    parentId: id("Välj ett överordnat organ ur listan.").nullish(),
    openMeetings: z.boolean({ error: "Ange ja eller nej." }).optional(),
    seats: z
      .int({ error: "Ange antalet platser som ett heltal." })
      .min(1, "Antalet platser måste vara minst 1.")
      .max(1000, "Antalet platser får vara högst 1000.")
      .nullish(),
    email: z.email({ error: "Ange en giltig e-postadress." }).nullish(),
  })
  .openapi("BodyInput");
export type BodyInput = z.infer<typeof BodyInput>;
export const BodyUpdate = BodyInput.partial().openapi("BodyUpdate");
export type BodyUpdate = z.infer<typeof BodyUpdate>;

export const Body = z
  .object({
    id: z.uuid(),
    kind: z.enum(bodyKinds),
    name: z.string(),
    shortName: z.string().nullable(),
    slug: z.string(),
    parentId: z.uuid().nullable(),
    openMeetings: z.boolean(),
    seats: z.int().nullable(),
    email: z.string().nullable(),
  })
  .openapi("Body");

export const PartyInput = z
  .strictObject({
    name: z
      .string({ error: "Ange partiets namn." })
      .trim()
      .min(1, "Ange partiets namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    abbreviation: z
      .string({ error: "Ange partiets förkortning." })
      .trim()
      .min(1, "Ange partiets förkortning.")
      .max(10, "Förkortningen får vara högst 10 tecken."),
  })
  .openapi("PartyInput");
export type PartyInput = z.infer<typeof PartyInput>;
export const PartyUpdate = PartyInput.partial().openapi("PartyUpdate");
export const Party = z.object({ id: z.uuid(), name: z.string(), abbreviation: z.string() }).openapi("Party");

export const PersonInput = z
  .strictObject({
    name: z
      .string({ error: "Ange personens namn." })
      .trim()
      .min(1, "Ange personens namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    email: z.email({ error: "Ange en giltig e-postadress." }).nullish(),
    partyId: id("Välj ett parti ur listan.").nullish(),
  })
  .openapi("PersonInput");
export type PersonInput = z.infer<typeof PersonInput>;
export const PersonUpdate = PersonInput.partial().openapi("PersonUpdate");
export const Person = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), partyId: z.uuid().nullable() })
  .openapi("Person");

export const MembershipInput = z
  .strictObject({
    personId: id("Välj en person ur listan."),
    bodyId: id("Välj ett organ ur listan."),
    role: z.enum(membershipRoles, {
      error: "Välj en roll: ordförande, vice ordförande, ledamot eller ersättare.",
    }),
    startsOn: isoDate("Ange startdatum som ÅÅÅÅ-MM-DD."),
    endsOn: isoDate("Ange slutdatum som ÅÅÅÅ-MM-DD.").nullish(),
  })
  .openapi("MembershipInput");
export type MembershipInput = z.infer<typeof MembershipInput>;
export const MembershipUpdate = MembershipInput.omit({ personId: true, bodyId: true })
  .partial()
  .openapi("MembershipUpdate");
export const Membership = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    bodyId: z.uuid(),
    role: z.enum(membershipRoles),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
  })
  .openapi("Membership");

export const OfficialInput = z
  .strictObject({
    personId: id("Välj en person ur listan."),
    bodyId: id("Välj en förvaltning eller avdelning ur listan."),
    title: z
      .string({ error: "Ange en titel." })
      .trim()
      .min(1, "Ange en titel.")
      .max(200, "Titeln får vara högst 200 tecken."),
  })
  .openapi("OfficialInput");
export type OfficialInput = z.infer<typeof OfficialInput>;
export const OfficialUpdate = OfficialInput.pick({ title: true }).partial().openapi("OfficialUpdate");
export const Official = z
  .object({ id: z.uuid(), personId: z.uuid(), bodyId: z.uuid(), title: z.string() })
  .openapi("Official");

const host = z
  .string({ error: "Ange ett värdnamn, t.ex. kommun.example.se." })
  .transform(hostName)
  .refine(
    isHostName,
    "Värdnamnet får bara innehålla a–z, siffror, bindestreck och punkter (t.ex. kommun.example.se).",
  )
  .openapi({
    example: "tyreso.example.se",
    description: "Värdnamnet kommunens publika webbplats svarar på.",
  });

export const MunicipalityInput = z
  .strictObject({
    name: z
      .string({ error: "Ange kommunens namn." })
      .trim()
      .min(1, "Ange kommunens namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Kortnamnet får bara innehålla a–z, siffror och bindestreck.")
      .max(60, "Kortnamnet får vara högst 60 tecken.")
      .optional()
      .openapi({ example: "tyreso" }),
    organisationNumber: z
      .string()
      .trim()
      .regex(/^\d{6}-?\d{4}$/, "Ange organisationsnumret som 212000-0142.")
      .optional(),
    host: host.optional(),
  })
  .openapi("MunicipalityInput");
export type MunicipalityInput = z.input<typeof MunicipalityInput>;

export const MunicipalityHostUpdate = z
  .strictObject({ host: host.nullable() })
  .openapi("MunicipalityHostUpdate");
export type MunicipalityHostUpdate = z.input<typeof MunicipalityHostUpdate>;

export const Municipality = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    organisationNumber: z.string().nullable(),
    host: z.string().nullable(),
  })
  .openapi("Municipality");
