import type { FC } from "hono/jsx";
import { Form } from "../http/forms.js";
import { addAttachment } from "./add-attachment.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { statementLabel } from "./phrases.js";
import type { SecretaryParagraph, SecretaryTarget, SecretaryWritten } from "./read-secretary-desk.js";
import type { DeskForms } from "./secretary-actions.js";
import { deskPath } from "./secretary-present.js";
import {
  RecipientsForm,
  ReservationForm,
  StatementForm,
  WrittenAttachmentForm,
  WrittenTextForm,
} from "./secretary-schemas.js";
import { setRecipients } from "./set-recipients.js";
import { submitReservationText } from "./submit-reservation-text.js";
import { submitStatementText } from "./submit-statement-text.js";
import { statementKinds } from "./tables.js";

// After the decision: reservations, special statements and protocol notes, their written texts, and the
// recipients of the decision.

type Section = FC<{ desk: SecretaryParagraph; csrf: string }>;

export const ReservationSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="reservation">Reservation</h2>
    <Form
      action={`${desk.path}/reservation`}
      csrfToken={csrf}
      fields={[
        { name: "personId", label: "Ledamot", type: "select", options: desk.servingOptions },
        { name: "partyId", label: "Eller partiets ledamöter", type: "select", options: desk.partyOptions },
      ]}
      submitLabel="Protokollför reservationen"
    />
  </>
);

export const StatementSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="yttrande">Särskilt yttrande eller protokollsanteckning</h2>
    <Form
      action={`${desk.path}/yttrande`}
      csrfToken={csrf}
      fields={[
        {
          name: "kind",
          id: "f-statement-kind",
          label: "Slag",
          type: "select",
          required: true,
          options: statementKinds.map((k) => ({ value: k, label: statementLabel[k].noun })),
        },
        { name: "announcerIds", label: "Anmäls av", type: "checkboxes", options: desk.presentOptions },
        { name: "partyIds", label: "Partier", type: "checkboxes", options: desk.partyOptions },
        { name: "text", id: "f-statement-text", label: "Text", type: "textarea" },
      ]}
      submitLabel="Protokollför"
    />
  </>
);

/** Written reservations and statements: the text first, then, if it is to be one, the attachment. */
export const WrittenSection: Section = ({ desk, csrf }) =>
  desk.written.length === 0 ? null : (
    <>
      <h2 id="skriftligt">Skriftliga reservationer och yttranden</h2>
      <p>
        Texten lämnas före den tid som bestämts för justeringen (KL 4 kap. 27 §) och kan bli en bilaga till
        protokollet.
      </p>
      {desk.written.map((w) => (
        <section>
          <h3>{w.label}</h3>
          {w.hasText ? (
            <p>Texten är inlämnad.</p>
          ) : (
            <Form
              action={`${desk.path}/${w.kind}/${w.id}/text`}
              csrfToken={csrf}
              fields={[{ name: `text-${w.id}`, label: "Text", type: "textarea" }]}
              submitLabel="Spara texten"
            />
          )}
          {w.hasText && !w.hasAttachment ? (
            <Form
              action={`${desk.path}/${w.kind}/${w.id}/bilaga`}
              csrfToken={csrf}
              fields={[
                {
                  name: `number-${w.id}`,
                  label: "Bilagans nummer",
                  type: "number",
                  hint: "Lämna tomt för nästa lediga nummer.",
                },
              ]}
              submitLabel="Gör texten till en bilaga"
            />
          ) : w.hasAttachment ? (
            <p>Texten är en bilaga till protokollet.</p>
          ) : null}
        </section>
      ))}
    </>
  );

export const RecipientsSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="mottagare">Beslutet skickas till</h2>
    <Form
      action={`${desk.path}/mottagare`}
      csrfToken={csrf}
      fields={[
        { name: "bodyIds", label: "Organ", type: "checkboxes", options: desk.bodyOptions },
        {
          name: "labels",
          label: "Övriga mottagare",
          type: "textarea",
          hint: "En per rad, t.ex. Stadskontorets handläggare. Med e-postadress inom vinkelparenteser skickas beslutet med e-post: Sökanden <anna@exempel.se>.",
        },
      ]}
      submitLabel="Spara mottagarna"
    />
  </>
);

export function registerStatementForms(paragraph: DeskForms<SecretaryTarget>) {
  const paragraphId = (_: unknown, at: SecretaryTarget) => ({ paragraphId: at.paragraph.id });
  const back = (anchor: string) => (_: unknown, at: SecretaryTarget) =>
    `${deskPath(at.meeting.id, at.paragraph.id)}#${anchor}`;
  paragraph.post("/reservation", {
    schema: ReservationForm,
    input: paragraphId,
    run: (tx, actor, input) => announceReservation(tx, actor, input),
    back: back("reservation"),
  });
  paragraph.post("/yttrande", {
    schema: StatementForm,
    input: paragraphId,
    run: (tx, actor, input) => announceStatement(tx, actor, input),
    back: back("yttrande"),
  });
  paragraph.post("/mottagare", {
    schema: RecipientsForm,
    input: paragraphId,
    run: (tx, actor, input) => setRecipients(tx, actor, input),
    back: back("mottagare"),
  });
}

/** The forms about one written reservation or statement, which must be of the paragraph in the address. */
export function registerWrittenForms(written: DeskForms<SecretaryWritten>) {
  const back = (_: unknown, at: SecretaryWritten) => `${deskPath(at.meeting.id, at.paragraph.id)}#skriftligt`;
  written.post("/text", {
    schema: WrittenTextForm,
    input: (form, at) => ({ text: form[`text-${at.written.id}`] }),
    run: (tx, actor, input, at) =>
      at.written.kind === "statement"
        ? submitStatementText(tx, actor, at.written.id, input)
        : submitReservationText(tx, actor, at.written.id, input),
    back,
  });
  written.post("/bilaga", {
    schema: WrittenAttachmentForm,
    input: (form, at) => ({
      meetingId: at.meeting.id,
      title: at.written.kind === "statement" ? "Yttrande" : "Reservation",
      number: form[`number-${at.written.id}`],
      statementId: at.written.kind === "statement" ? at.written.id : null,
      reservationId: at.written.kind === "reservation" ? at.written.id : null,
    }),
    run: (tx, actor, input) => addAttachment(tx, actor, input),
    back,
  });
}
