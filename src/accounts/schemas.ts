import { z } from "@hono/zod-openapi";
import { maxPasswordLength } from "./passwords.js";
import { roles } from "./tables.js";

export const LoginInput = z
  .strictObject({
    email: z.email({ error: "Ange din e-postadress." }),
    password: z
      .string({ error: "Ange ditt lösenord." })
      .min(1, "Ange ditt lösenord.")
      .max(maxPasswordLength, `Lösenordet får ha högst ${maxPasswordLength} tecken.`),
  })
  .openapi("LoginInput");
export type LoginInput = z.infer<typeof LoginInput>;

export const UserInput = z
  .strictObject({
    email: z.email({ error: "Ange en giltig e-postadress." }),
    displayName: z
      .string({ error: "Ange ett namn." })
      .trim()
      .min(1, "Ange ett namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    password: z
      .string({ error: "Ange ett lösenord." })
      .min(12, "Lösenordet måste ha minst 12 tecken.")
      .max(maxPasswordLength, `Lösenordet får ha högst ${maxPasswordLength} tecken.`),
    grants: z
      .array(
        z.strictObject({
          role: z.enum(roles, {
            error: "Välj en roll: admin, registrator, handläggare, sekreterare eller ledamot.",
          }),
          bodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullable(),
        }),
      )
      .default([]),
  })
  .openapi("UserInput");
export type UserInput = z.input<typeof UserInput>;

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    grants: z.array(z.object({ role: z.enum(roles), bodyId: z.uuid().nullable() })),
  })
  .openapi("User");
