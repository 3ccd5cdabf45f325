import { z } from "@hono/zod-openapi";
import { roles } from "./tables.js";

export const ApiTokenInput = z
  .strictObject({
    name: z
      .string({ error: "Ange ett namn på nyckeln, t.ex. integrationens namn." })
      .trim()
      .min(1, "Ange ett namn på nyckeln, t.ex. integrationens namn.")
      .max(100, "Namnet får vara högst 100 tecken."),
    roles: z
      .array(
        z.enum(roles, {
          error: "Välj roller bland admin, registrar, case_officer, secretary och member.",
        }),
      )
      .min(1, "Välj minst en roll.")
      .openapi({ example: ["registrar"] }),
    bodyId: z
      .uuid({ error: "Välj ett organ ur listan." })
      .nullish()
      .openapi({ description: "Nyckeln gäller bara detta organ. Utelämnad: alla organ i kommunen." }),
    expiresOn: z.iso.date({ error: "Ange sista giltighetsdag som ÅÅÅÅ-MM-DD." }).nullish().openapi({
      example: "2026-12-31",
      description: "Sista dagen nyckeln gäller (svensk tid). Utelämnad: tills den återkallas.",
    }),
  })
  .openapi("ApiTokenInput");
export type ApiTokenInput = z.input<typeof ApiTokenInput>;

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    roles: z.array(z.enum(roles)),
    bodyId: z.uuid().nullable(),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiToken");

export const CreatedApiToken = ApiToken.extend({
  token: z.string().openapi({ description: "Nyckeln. Visas bara nu; Paragraf sparar bara dess SHA-256." }),
}).openapi("CreatedApiToken");
