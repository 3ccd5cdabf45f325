import { z } from "@hono/zod-openapi";
import { deliveryChannels, deliveryStatuses } from "./tables.js";

// Request and response shapes of dispatch; the API and the secretary's forms validate with the same schemas.

export const DispatchInput = z
  .strictObject({
    dispatchedOn: z.iso
      .date({ error: "Ange expedieringsdagen som ÅÅÅÅ-MM-DD." })
      .optional()
      .openapi({ example: "2026-02-02", description: "Utgående handlingars datum; i dag om det utelämnas" }),
  })
  .openapi("DispatchInput");
export type DispatchInput = z.infer<typeof DispatchInput>;

export const BounceInput = z
  .strictObject({
    messageId: z
      .string({ error: "Ange det studsade brevets Message-ID." })
      .trim()
      .min(3, "Ange det studsade brevets Message-ID.")
      .max(998, "Ett Message-ID är högst 998 tecken."),
    reason: z
      .string({ error: "Ange vad leveransrapporten säger." })
      .trim()
      .min(1, "Ange vad leveransrapporten säger.")
      .max(1000, "Ange högst 1000 tecken."),
  })
  .openapi("BounceInput");

const Delivery = z.object({
  id: z.uuid(),
  name: z.string(),
  channel: z.enum(deliveryChannels),
  status: z.enum(deliveryStatuses),
  statusLabel: z.string().openapi({ example: "Skickat" }),
  recordNumber: z.string().openapi({ example: "STK-2024-1374-58" }),
  sentAt: z.string().nullable().openapi({ description: "Tid i Stockholm, ÅÅÅÅ-MM-DD TT:MM" }),
  attempts: z.int(),
  round: z.int(),
  detail: z
    .object({
      address: z.string().nullable(),
      messageId: z.string().nullable(),
      smtpResponse: z.string().nullable(),
      lastError: z.string().nullable(),
    })
    .nullable()
    .openapi({
      description: "Adress, Message-ID och serverns svar; bara för den som för organets protokoll",
    }),
});

export const Dispatch = z
  .object({
    paragraphId: z.uuid(),
    dispatchedOn: z.string().nullable(),
    complete: z.boolean(),
    deliveries: z.array(Delivery),
  })
  .openapi("Dispatch");
