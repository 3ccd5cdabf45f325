import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { dispatchParagraph } from "./dispatch-paragraph.js";
import { dispatchViewOfDelivery, paragraphDispatchView } from "./read-dispatch.js";
import { recordBounce } from "./record-bounce.js";
import { resendDelivery } from "./resend-delivery.js";
import { BounceInput, Dispatch, DispatchInput } from "./schemas.js";

async function dispatchOf(tx: Tx, municipalityId: string, paragraphId: string, actor: Actor | null) {
  const v = await paragraphDispatchView(tx, municipalityId, paragraphId, actor);
  if (!v) throw new NotFoundError("page");
  return Dispatch.parse(v);
}

/** The dispatch API (M11): read a paragraph's dispatch, dispatch it, resend one delivery, record a bounce. */
export function registerDispatchApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/paragraphs/{id}/dispatch",
      operationId: "readParagraphDispatch",
      tags: ["Expediering"],
      summary: "Hämta en paragrafs expediering: mottagare, sätt, status och utgående handling",
      request: { params: IdParam },
      responses: { 200: { description: "Expedieringen", ...json(Dispatch) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const id = c.req.valid("param").id;
      return c.json(await inTransaction(db(c), (tx) => dispatchOf(tx, m.id, id, c.get("actor"))), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/paragraphs/{id}/dispatch",
      operationId: "dispatchParagraph",
      tags: ["Expediering"],
      summary:
        "Expediera beslutet: en utgående handling per mottagare, e-post via utkorgen till dem med adress, internt till övriga",
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(DispatchInput), required: false } },
      responses: { 201: { description: "Expedierat", ...json(Dispatch) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const id = c.req.valid("param").id;
      const input = (c.req.valid("json" as never) as z.infer<typeof DispatchInput> | undefined) ?? {};
      const view = await inTransaction(db(c), async (tx) => {
        await dispatchParagraph(tx, actor, id, input);
        return dispatchOf(tx, actor.municipalityId, id, actor);
      });
      return c.json(view, 201);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/dispatch-deliveries/{id}/resend",
      operationId: "resendDelivery",
      tags: ["Expediering"],
      summary: "Skicka om ett utskick som misslyckades eller studsade",
      security: [{ session: [] }],
      request: { params: IdParam },
      responses: { 200: { description: "Lagt i utkorgen igen", ...json(Dispatch) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const id = c.req.valid("param").id;
      const view = await inTransaction(db(c), async (tx) => {
        const d = await resendDelivery(tx, actor, id);
        return Dispatch.parse(await dispatchViewOfDelivery(tx, actor.municipalityId, d.dispatchId, actor));
      });
      return c.json(view, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/dispatch-bounces",
      operationId: "recordBounce",
      tags: ["Expediering"],
      summary: "Registrera en leveransrapport (DSN) om att ett skickat utdrag studsade",
      security: [{ session: [] }],
      request: { body: { ...json(BounceInput), required: true } },
      responses: {
        200: { description: "Utskicken som nu räknas som studsade", ...json(z.object({ bounced: z.int() })) },
        ...writeProblems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const changed = await inTransaction(db(c), (tx) => recordBounce(tx, actor, input));
      return c.json({ bounced: changed.length }, 200);
    },
  );
}
