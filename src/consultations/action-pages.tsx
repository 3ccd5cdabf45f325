import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { stockholmInstant } from "../domain/clock.js";
import type { AppEnv } from "../http/context.js";
import type { Field } from "../http/forms.js";
import { requireActor, submitForm } from "../http/pages.js";
import {
  answerFields,
  answerForm,
  answerInput,
  DeclineForm,
  declineFields,
  type FormName,
  ReminderForm,
  reminderFields,
  SendForm,
  sendFields,
} from "./action-forms.js";
import { addReminder } from "./add-reminder.js";
import { ConsultationPage } from "./consultation-page.js";
import { declineConsultation } from "./decline-consultation.js";
import { readPageConsultation } from "./page-parts.js";
import type { ConsultationView } from "./present.js";
import { recordAnswer } from "./record-answer.js";
import { sendConsultation } from "./send-consultation.js";

/**
 * The forms of a consultation's page: send, remind, answer, decline. Each runs its use case; a refusal shows the
 * consultation's page again with the form's input and the use case's message.
 */
export function registerActionPages(app: OpenAPIHono<AppEnv>) {
  const post = <S extends z.ZodType>(
    path: string,
    form: FormName,
    fields: (o: ConsultationView) => Field[],
    schema: (o: ConsultationView) => S,
    run: (tx: Tx, actor: Actor, o: ConsultationView, f: z.infer<S>) => Promise<unknown>,
  ) =>
    app.post(`/remisser/:id/${path}`, async (c) => {
      requireActor(c);
      const o = await readPageConsultation(c);
      return submitForm(c, {
        fields: fields(o),
        schema: schema(o),
        run: (tx, actor, f) => run(tx, actor, o, f),
        render: (state) => <ConsultationPage c={c} o={o} failed={{ form, state }} />,
        redirect: () => `/remisser/${o.id}`,
      });
    });
  post(
    "skicka",
    "send",
    () => sendFields,
    () => SendForm,
    (tx, actor, o, f) => sendConsultation(tx, actor, o.id, f),
  );
  post(
    "paminnelse",
    "reminder",
    () => reminderFields,
    () => ReminderForm,
    (tx, actor, o, f) =>
      addReminder(tx, actor, o.id, { remindAt: stockholmInstant(f.remindOn, f.remindTime ?? "08:00") }),
  );
  post("svar", "answer", answerFields, answerForm, (tx, actor, o, f) =>
    recordAnswer(tx, actor, o.id, answerInput(o, f)),
  );
  post(
    "avstar",
    "decline",
    declineFields,
    () => DeclineForm,
    (tx, actor, o, f) => declineConsultation(tx, actor, o.id, f),
  );
}
