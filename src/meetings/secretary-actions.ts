import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import type { AppEnv } from "../http/context.js";
import { type PostedForm, read, requireActor, submitForm } from "../http/pages.js";
import type { FieldError } from "../http/validation.js";

// Every form of the secretary's desk posts the same way: check that the address holds together (the meeting the
// actor keeps, and the item, paragraph or text in it), validate with the form's schema, run one use case in one
// transaction, and come back to the page, which on a refusal shows the message at the top.

export type C = Context<AppEnv>;

/**
 * Every form of the secretary's pages, by the address it posts to ({…} an id), and the use case it runs. The API's
 * operation for the same step has that name as its operationId, so that a test can check that the API can do all
 * the pages can (secretary-api.test.ts).
 */
export const secretaryActions: Record<string, string> = {
  "/sammantraden/ny": "planMeeting",
  "/sammantraden/{id}/sekreterare/kallelse": "publishNotice",
  "/sammantraden/{id}/sekreterare/oppna": "openMeeting",
  "/sammantraden/{id}/sekreterare/avsluta": "closeMeeting",
  "/sammantraden/{id}/sekreterare/narvaro": "recordAttendance",
  "/sammantraden/{id}/sekreterare/antal": "recordAttendanceCount",
  "/sammantraden/{id}/sekreterare/arenden": "addCaseToAgenda",
  "/sammantraden/{id}/sekreterare/arenden/{itemId}/paragraf": "takeUpItem",
  "/sammantraden/{id}/sekreterare/arenden/{itemId}/jav": "recordDisqualification",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/yrkande": "addMotion",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/omrostning": "recordVote",
  // An election is a vote with `election` true in the API (POST /api/votes).
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/val": "recordVote",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/proposition": "putQuestion",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/beslut": "recordDecision",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/reservation": "announceReservation",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/yttrande": "announceStatement",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/mottagare": "setRecipients",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/reservation/{wid}/text": "submitReservationText",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/yttrande/{wid}/text": "submitStatementText",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/reservation/{wid}/bilaga": "addAttachment",
  "/sammantraden/{id}/sekreterare/paragrafer/{pid}/yttrande/{wid}/bilaga": "addAttachment",
};

/** A Hono route as secretaryActions writes it: `:id{[0-9a-f-]{36}}` becomes `{id}`. */
export function actionAddress(route: string): string {
  return route.replace(/:(\w+)\{(?:[^{}]|\{\d+\})*\}/g, "{$1}");
}

/** The addresses deskForms has registered a form at, as secretaryActions writes them. */
export const registeredDeskForms = new Set<string>();

/** One form: what its schema reads, the use case it runs, and where the secretary comes back to. */
export interface DeskAction<S extends z.ZodType, R, T> {
  schema: S;
  /** Values the address gives or renames (the ids of the meeting, item or paragraph), added to what was posted. */
  input?: (form: PostedForm, target: T) => Record<string, unknown>;
  run: (tx: Tx, actor: Actor, input: z.infer<S>, target: T) => Promise<R>;
  back: (result: R, target: T) => string;
}

/** Registers forms under one kind of address, all resolved and shown again the same way. */
export interface DeskForms<T> {
  post<S extends z.ZodType, R>(path: string, action: DeskAction<S, R, T>): void;
}

export function deskForms<T>(
  app: OpenAPIHono<AppEnv>,
  prefix: string,
  resolve: (tx: Tx, actor: Actor, c: C) => Promise<T>,
  render: (c: C, target: T, errors: FieldError[]) => Child,
): DeskForms<T> {
  return {
    post(path, action) {
      registeredDeskForms.add(actionAddress(`${prefix}${path}`));
      app.post(`${prefix}${path}`, async (c) => {
        const actor = requireActor(c);
        const target = await read(c, (tx) => resolve(tx, actor, c));
        return submitForm(c, {
          schema: action.schema,
          input: (form) => ({ ...form, ...action.input?.(form, target) }),
          run: (tx, a, input) => action.run(tx, a, input, target),
          render: (state) => render(c, target, state.errors),
          redirect: (result) => action.back(result, target),
        });
      });
    },
  };
}

/** The address of a meeting's desk, with its id checked by the route. */
export const deskRoute = "/sammantraden/:id{[0-9a-f-]{36}}/sekreterare";
