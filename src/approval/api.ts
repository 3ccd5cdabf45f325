import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { db, IdParam, json, problemResponse, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { appointApprovers } from "./appoint-approvers.js";
import { collectSignature } from "./collect-signature.js";
import { freezeMinutes } from "./freeze-minutes.js";
import { appealText } from "./notice-board-pages.js";
import { openCorrection } from "./open-correction.js";
import { approvalDesk, paragraphApproval, versionView } from "./read-approval.js";
import { noticeArchive, noticeBoard } from "./read-notice-board.js";
import { recordAppeal } from "./record-appeal.js";
import { refuseMinutes } from "./refuse-minutes.js";
import * as s from "./schemas.js";
import { signMinutes } from "./sign-minutes.js";
import type { SigningProvider } from "./signing.js";

// The JSON API of approval (M9), the notice board (M10) and legal force: the same use cases as the pages.

export const approvalApiTags = [
  {
    name: "Justering",
    description:
      "Justering av protokoll (KL 5 kap. 69–70 §§): utse justerare (PUT /api/meetings/{id}/approval), frys protokollet som en version med SHA-256 (POST /api/meetings/{id}/minutes-versions), signera (POST /api/minutes-versions/{id}/signatures med kontrollsumman du har läst; väntar signeringstjänsten på signeraren är signaturen `pending` tills Paragraf hämtar svaret, eller du gör det med POST …/signatures/{signatureId}/collect) eller vägra med kommentar. När ordföranden, justerarna och sekreteraren har signerat är protokollet justerat och låst, och justeringen anslås på anslagstavlan samma dag.",
  },
  {
    name: "Anslagstavla",
    description: "Kommunens anslagstavla (KL 8 kap. 12 §), laga kraft och överklaganden (KL 13 kap.).",
  },
];

const problems = {
  ...writeProblems,
  400: problemResponse("Ogiltiga uppgifter eller en regel som inte är uppfylld"),
  409: problemResponse(
    "Krockar med justeringens läge (redan signerat, versionen har ändrats, redan justerat)",
  ),
  503: problemResponse("Signeringstjänsten svarar inte; ingenting har signerats eller sparats"),
};

const Signature = z.object({
  id: z.uuid(),
  role: z.enum(["chair", "approver", "secretary"]),
  roleLabel: z.string(),
  name: z.string(),
  status: z.enum(["pending", "completed", "failed", "refused"]),
  method: z.string(),
  coversHash: z.string(),
  at: z.string(),
  comment: z.string().nullable(),
});

const Version = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    paragraphId: z.uuid().nullable(),
    number: z.int(),
    status: z.enum(["signing", "refused", "replaced", "approved", "corrected"]),
    hash: z.string().openapi({ description: "SHA-256 (hex) av `content`, det som signeras." }),
    content: z
      .string()
      .openapi({ description: "Protokollets kanoniska form: JSON med sorterade nycklar utan mellanslag." }),
    reason: z.string().nullable(),
    lateReason: z.string().nullable(),
    approvedOn: z.string().nullable(),
    signatures: z.array(Signature),
    missing: z.array(z.object({ role: z.string(), name: z.string() })),
  })
  .openapi("MinutesVersion");

const Approval = z
  .object({
    versionId: z.uuid(),
    hash: z.string(),
    approvedOn: z.string(),
    immediate: z.boolean(),
    signers: z.array(Signature),
    notice: z
      .object({
        postedOn: z.string(),
        appealEndsOn: z.string(),
        takeDownOn: z.string(),
        minutesKeptAt: z.string(),
      })
      .nullable(),
    legalForce: z.object({
      state: z.enum(["not_posted", "pending", "in_force", "appealed"]),
      on: z.string().optional(),
      appealEndsOn: z.string().optional(),
    }),
    appeals: z.array(z.object({ court: z.string(), receivedOn: z.string(), caseNumber: z.string() })),
  })
  .openapi("Approval");

const Notice = z.object({
  id: z.uuid(),
  bodyName: z.string(),
  meetingDate: z.string(),
  scope: z.string(),
  path: z.string(),
  approvedOn: z.string(),
  postedOn: z.string(),
  appealEndsOn: z.string(),
  takeDownOn: z.string(),
  minutesKeptAt: z.string(),
  hash: z.string(),
});

const Created = z.object({ id: z.uuid() });

const CollectedSignature = z
  .object({
    signature: z.object({
      id: z.uuid(),
      status: z.enum(["pending", "completed", "failed", "refused"]),
      reason: z.string().nullable(),
    }),
    approved: z.boolean(),
  })
  .openapi("CollectedSignature");

function presentCollected(r: Awaited<ReturnType<typeof collectSignature>>) {
  const { id, status, comment } = r.signature;
  return { signature: { id, status, reason: status === "failed" ? comment : null }, approved: r.approved };
}

/** Registers the approval, notice board and legal force routes; signatures go through `signing`. */
export function registerApprovalApi(api: OpenAPIHono<AppEnv>, signing: SigningProvider) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/meetings/{id}/approval",
      tags: ["Justering"],
      summary: "Justeringens läge: justerare, versioner, signaturer, sista dag (KL 5 kap. 69 §)",
      security: [{ session: [] }],
      request: { params: IdParam },
      responses: {
        200: { description: "Justeringen", ...json(z.any()) },
        401: writeProblems[401],
        404: writeProblems[404],
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const d = await inTransaction(db(c), (tx) => approvalDesk(tx, actor, c.req.valid("param").id));
      if (!d) throw new NotFoundError("page");
      return c.json({ ...d, versions: d.versions.map(({ content: _content, ...v }) => v) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/minutes-versions/{id}",
      tags: ["Justering"],
      summary: "En version av protokollet: det kanoniska innehållet, dess SHA-256 och signaturerna",
      request: { params: IdParam },
      responses: { 200: { description: "Versionen", ...json(Version) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const v = await inTransaction(db(c), (tx) => versionView(tx, m.id, c.req.valid("param").id));
      if (!v) throw new NotFoundError("page");
      c.header("ETag", `"${v.hash}-${v.status}-${v.signatures.length}"`);
      return c.json(Version.parse(v), 200);
    },
  );

  const write = <S extends z.ZodType, O extends z.ZodType>(
    method: "post" | "put",
    path: string,
    operationId: string,
    summary: string,
    tag: string,
    input: S,
    output: O,
    run: (tx: Tx, actor: Actor, body: z.infer<S>, id: string) => Promise<unknown>,
  ) =>
    api.openapi(
      createRoute({
        method,
        path,
        tags: [tag],
        summary,
        operationId,
        security: [{ session: [] }],
        request: { params: IdParam, body: { ...json(input), required: true } },
        responses: { 201: { description: "Sparat", ...json(output) }, ...problems },
      }) as any,
      async (c: any) => {
        const actor = requireActor(c);
        const body = c.req.valid("json");
        const { id } = c.req.valid("param");
        const result = await inTransaction(db(c), (tx) => run(tx, actor, body, id));
        return c.json(output.parse(result), 201);
      },
    );

  write(
    "put",
    "/api/meetings/{id}/approval",
    "appointApprovers",
    "Utse ordförande, justerare och tid och plats för justeringen",
    "Justering",
    s.AppointApproversInput,
    z.object({ meetingId: z.uuid() }),
    (tx, a, b, id) => appointApprovers(tx, a, id, b),
  );
  write(
    "post",
    "/api/meetings/{id}/minutes-versions",
    "freezeMinutes",
    "Frys protokollet (eller en paragraf för omedelbar justering) som en version att signera",
    "Justering",
    s.FreezeMinutesInput,
    z.object({ id: z.uuid(), number: z.int(), contentHash: z.string() }),
    (tx, a, b, id) => freezeMinutes(tx, a, id, b),
  );
  write(
    "post",
    "/api/meetings/{id}/correction",
    "openCorrection",
    "Öppna ett justerat protokoll för rättelse, med skäl",
    "Justering",
    z.strictObject({
      paragraphId: z.uuid().nullish(),
      reason: z
        .string({ error: "Ange skälet till rättelsen." })
        .trim()
        .min(1, "Ange skälet till rättelsen.")
        .max(2000),
    }),
    Created,
    (tx, a, b, id) => openCorrection(tx, a, id, b),
  );
  write(
    "post",
    "/api/minutes-versions/{id}/signatures",
    "signMinutes",
    "Signera en version med den kontrollsumma du har läst",
    "Justering",
    s.SignMinutesInput,
    z.object({ signature: z.object({ id: z.uuid(), status: z.string() }), approved: z.boolean() }),
    (tx, a, b, id) => signMinutes(tx, a, id, b, signing),
  );
  api.openapi(
    createRoute({
      method: "post",
      path: "/api/minutes-versions/{id}/signatures/{signatureId}/collect",
      tags: ["Justering"],
      summary:
        "Hämta nu hur en väntande signatur står hos signeringstjänsten (signeraren själv, eller den som för protokollet)",
      operationId: "collectSignature",
      security: [{ session: [] }],
      request: {
        params: IdParam.extend({
          signatureId: z
            .uuid({ error: "Ogiltigt id." })
            .openapi({ param: { name: "signatureId", in: "path" } }),
        }),
        body: { ...json(s.CollectSignatureInput), required: true },
      },
      responses: {
        200: {
          description: "Signaturens läge: fortfarande `pending`, `completed` eller `failed` (med skälet)",
          ...json(CollectedSignature),
        },
        ...problems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id, signatureId } = c.req.valid("param");
      const result = await inTransaction(db(c), async (tx) => {
        const collected = await collectSignature(tx, actor, signatureId, signing);
        // A signature of another version than the address names: nothing of it is kept.
        if (collected.signature.versionId !== id) throw new NotFoundError("signature");
        return collected;
      });
      return c.json(CollectedSignature.parse(presentCollected(result)), 200);
    },
  );
  write(
    "post",
    "/api/minutes-versions/{id}/refusals",
    "refuseMinutes",
    "Vägra att signera, med vad som behöver rättas",
    "Justering",
    s.RefuseMinutesInput,
    Created,
    (tx, a, b, id) => refuseMinutes(tx, a, id, b),
  );
  write(
    "post",
    "/api/paragraphs/{id}/appeals",
    "recordAppeal",
    "Registrera att ett överklagande har kommit in (domstol, datum, målnummer)",
    "Anslagstavla",
    s.RecordAppealInput,
    Created,
    (tx, a, b, id) => recordAppeal(tx, a, id, b),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/notice-board",
      tags: ["Anslagstavla"],
      summary:
        "Anslagstavlan: uppsatta tillkännagivanden, kallelser till fullmäktige, arkivet och texten om överklagande",
      responses: {
        200: {
          description: "Anslagstavlan",
          ...json(
            z.object({
              notices: z.array(Notice),
              archive: z.array(Notice),
              meetings: z.array(
                z.object({
                  id: z.uuid(),
                  bodyName: z.string(),
                  heldOn: z.string(),
                  startsAt: z.string(),
                  place: z.string(),
                  postedOn: z.string(),
                  path: z.string(),
                }),
              ),
              howToAppeal: z.array(z.string()),
            }),
          ),
        },
      },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const [board, archive] = await inTransaction(
        db(c),
        async (tx) => [await noticeBoard(tx, m.id), await noticeArchive(tx, m.id)] as const,
      );
      const notice = (n: z.infer<typeof Notice>) => Notice.parse(n);
      return c.json(
        {
          notices: board.notices.map(notice),
          archive: archive.map(notice),
          meetings: board.meetings,
          howToAppeal: appealText,
        },
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/api/paragraphs/{id}/approval",
      tags: ["Anslagstavla"],
      summary: "En paragrafs justering, anslag och laga kraft (KL 13 kap. 5 §) eller överklaganden",
      request: { params: IdParam },
      responses: { 200: { description: "Justeringen", ...json(Approval) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const a = await inTransaction(db(c), (tx) => paragraphApproval(tx, m.id, c.req.valid("param").id));
      if (!a) throw new NotFoundError("page");
      return c.json(Approval.parse(a), 200);
    },
  );
}
