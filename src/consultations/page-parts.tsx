import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { stockholmMinute } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import { isUuid } from "../domain/ids.js";
import type { AppEnv } from "../http/context.js";
import { type FormRender, read, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import type { ConsulteeView } from "./present.js";
import { readCompilation } from "./read-compilation.js";
import { readConsultation } from "./read-consultation.js";

// What the consultation pages share: the request's consultation, read as this visitor may see it, and small words.

export type C = Context<AppEnv>;

export const none: FormRender = { values: {}, errors: [] };

export const isoDate = (message: string) => z.iso.date({ error: message });

/** The lines of a textarea, trimmed, without the empty ones. */
export const lines = (text: string | null | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function consultationId(c: C): string {
  const id = c.req.param("id") ?? "";
  if (!isUuid(id)) throw new NotFoundError("consultation");
  return id;
}

/** The consultation of the URL, as the visitor may see it; a 404 when there is none. */
export function readPageConsultation(c: C) {
  const m = requireMunicipality(c);
  const id = consultationId(c);
  return read(c, (tx) => readConsultation(tx, m.id, secretAccess(c.get("actor")), id));
}

/** The compilation of the URL's consultation, as the visitor may see it. */
export function readPageCompilation(c: C) {
  const m = requireMunicipality(c);
  const id = consultationId(c);
  return read(c, (tx) => readCompilation(tx, m.id, secretAccess(c.get("actor")), id));
}

/** How the consultation letter went: "e-post skickad 2025-03-25 09:12", waiting, or no address. */
export function letterText(letter: ConsulteeView["letter"]): string {
  if (letter.state === "sent" && letter.sentAt)
    return `e-post skickad ${stockholmMinute(new Date(letter.sentAt))}`;
  if (letter.state === "queued" || letter.state === "not_sent") return "e-post väntar i utkorgen";
  return "ingen e-postadress: skickas på annat sätt";
}
