import type { FC } from "hono/jsx";
import { Form } from "../http/forms.js";
import { addCaseToAgenda } from "./add-case-to-agenda.js";
import type { SecretaryDesk, SecretaryItem, SecretaryMeeting } from "./read-secretary-desk.js";
import { recordDisqualification } from "./record-disqualification.js";
import { SecretTextNote } from "./render.js";
import type { DeskForms } from "./secretary-actions.js";
import { deskPath } from "./secretary-present.js";
import { CaseNumberForm, DisqualificationForm, TakeUpItemForm } from "./secretary-schemas.js";
import { takeUpItem } from "./take-up-item.js";

// The agenda: putting cases on it, taking each item up (it gets the next paragraph number) and disqualification.

type Item = SecretaryDesk["view"]["items"][number];

const ItemSection: FC<{ desk: SecretaryDesk; item: Item; csrf: string }> = ({ desk, item, csrf }) => {
  const at = `${desk.path}/arenden/${item.id}`;
  // Each item has its own forms on the page, so their fields need ids of their own.
  const id = (name: string) => `f-${item.id}-${name}`;
  return (
    <section>
      <h3>{`Ärende ${item.position}: ${item.title} (${item.caseNumber})`}</h3>
      {item.proposal ? <p>{item.proposal.label}</p> : null}
      {item.paragraphNumber ? (
        <p>
          <a
            href={deskPath(desk.view.meeting.id, item.paragraphId!)}
          >{`§ ${item.paragraphNumber} – protokollför beslutsgången`}</a>
        </p>
      ) : desk.status === "opened" ? (
        <>
          {item.secretCase ? <SecretTextNote /> : null}
          <Form
            action={`${at}/paragraf`}
            csrfToken={csrf}
            fields={[{ name: "summary", id: id("summary"), label: "Sammanfattning", type: "textarea" }]}
            submitLabel="Ta upp ärendet och ge det nästa paragrafnummer"
          />
        </>
      ) : null}
      {desk.status !== "closed" ? (
        <details>
          <summary>Anmäl jäv i ärendet</summary>
          <Form
            action={`${at}/jav`}
            csrfToken={csrf}
            fields={[
              {
                name: "personId",
                id: id("personId"),
                label: "Jävig ledamot",
                type: "select",
                required: true,
                options: desk.presentOptions,
              },
              { name: "reason", id: id("reason"), label: "Skäl" },
              {
                name: "substitutePersonId",
                id: id("substitutePersonId"),
                label: "Ersättare som tjänstgör i ärendet",
                type: "select",
                options: desk.presentOptions,
              },
            ]}
            submitLabel="Anmäl jäv"
          />
        </details>
      ) : null}
    </section>
  );
};

export const ItemsSection: FC<{ desk: SecretaryDesk; csrf: string }> = ({ desk, csrf }) => (
  <>
    <h2 id="arenden">Föredragningslista</h2>
    {desk.view.items.map((item) => (
      <ItemSection desk={desk} item={item} csrf={csrf} />
    ))}
    {desk.status !== "closed" ? (
      <Form
        action={`${desk.path}/arenden`}
        csrfToken={csrf}
        fields={[{ name: "caseNumber", label: "Diarienummer", hint: "Som det står i diariet." }]}
        submitLabel="Lägg ärendet på föredragningslistan"
      />
    ) : null}
  </>
);

/** The form that adds a case, posted at the desk's own address. */
export function registerAgendaForms(desk: DeskForms<SecretaryMeeting>) {
  desk.post("/arenden", {
    schema: CaseNumberForm,
    run: (tx, actor, input, m) => addCaseToAgenda(tx, actor, m.id, input),
    back: (_, m) => `${deskPath(m.id)}#arenden`,
  });
}

/** The forms about one item, posted at /arenden/{item}/…; the item must be on this meeting's agenda. */
export function registerItemForms(items: DeskForms<SecretaryItem>) {
  const agendaItemId = (_: unknown, at: SecretaryItem) => ({ agendaItemId: at.item.id });
  items.post("/paragraf", {
    schema: TakeUpItemForm,
    input: agendaItemId,
    run: (tx, actor, input) => takeUpItem(tx, actor, input),
    back: (p, at) => deskPath(at.meeting.id, p.id),
  });
  items.post("/jav", {
    schema: DisqualificationForm,
    input: agendaItemId,
    run: (tx, actor, input) => recordDisqualification(tx, actor, input),
    back: (_, at) => `${deskPath(at.meeting.id)}#arenden`,
  });
}
