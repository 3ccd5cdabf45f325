import { z } from "@hono/zod-openapi";
import { roles } from "./tables.js";

export const LoginInput = z
  .object({
    email: z.email({ error: "Ange din e-postadress." }),
    password: z
      .string({ error: "Ange ditt lösenord." })
      .min(1, "Ange ditt lösenord.")
      .max(1000, "Lösenordet är för långt."),
  })
  .openapi("LoginInput");
export type LoginInput = z.infer<typeof LoginInput>;

export const UserInput = z
  .object({
    email: z.email({ error: "Ange en giltig e-postadress." }),
    displayName: z
      .string({ error: "Ange ett namn." })
      .trim()
      .min(1, "Ange ett namn.")
      .max(200, "Namnet får vara högst 200 tecken."),
    password: z
      .string({ error: "Ange ett lösenord." })
      .min(12, "Lösenordet måste ha minst 12 tecken.")
      .max(1000, "Lösenordet får ha högst 1000 tecken."),
    grants: z
      .array(
        z.object({
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
