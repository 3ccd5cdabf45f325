import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { type Field, Form } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, type FormRender } from "../http/pages.js";
import { answerFields, declineFields, type FormName, reminderFields, sendFields } from "./action-forms.js";
import { stateLabel } from "./format.js";
import { type C, letterText, none, readPageConsultation } from "./page-parts.js";
import type { ConsultationView } from "./present.js";

/** A consultation's page: the decision, cover text and questions, every consultee's state and answer, and the forms. */
export function ConsultationPage({
  c,
  o,
  failed,
}: {
  c: C;
  o: ConsultationView;
  failed?: { form: FormName; state: FormRender };
}) {
  const editable = can(c.get("actor"), "consultation:write");
  const state = (form: FormName) => (failed?.form === form ? failed.state : none);
  const form = (name: FormName, title: string, action: string, fields: Field[], submit: string) => (
    <section>
      <h3>{title}</h3>
      <Form
        action={`/remisser/${o.id}/${action}`}
        fields={fields}
        values={state(name).values}
        errors={state(name).errors}
        csrfToken={c.get("csrfToken")}
        submitLabel={submit}
      />
    </section>
  );
  const answered = o.respondents;
  return (
    <Layout title={o.title} chrome={chrome(c)} current="/remisser">
      <Breadcrumbs trail={[{ href: "/remisser", label: "Remisser" }, { label: o.title }]} />
      <h1>{o.title}</h1>
      <dl class="facts">
        <dt>Ärende</dt>
        <dd>{`${o.caseNumber} ${o.caseTitle}`}</dd>
        <dt>Beslut om remiss</dt>
        <dd>{`${o.decisionCode} (${o.decidedByName} ${o.decidedOn})`}</dd>
        <dt>Skickad</dt>
        <dd>{o.sentOn ?? "Inte skickad ännu"}</dd>
        <dt>Sista svarsdag</dt>
        <dd>{o.deadline}</dd>
      </dl>
      <p class="actions">
        <a href={`/remisser/${o.id}/sammanstallning`}>Sammanställning per fråga</a>
        <a href={`/remisser/${o.id}/sammanstallning.csv`}>Ladda ner som CSV</a>
        <a href={`/remisser/${o.id}/sammanstallning.xlsx`}>Ladda ner som Excel (XLSX)</a>
      </p>
      <h2>Missiv</h2>
      {o.coverText.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
      <h2>Frågor</h2>
      {o.questions.length ? (
        <ol>
          {o.questions.map((q) => (
            <li>{q.text}</li>
          ))}
        </ol>
      ) : (
        <p>Remissen har inga särskilda frågor.</p>
      )}
      <h2>Remissinstanser</h2>
      <table>
        <caption>{`${o.consultees.length} instanser, ${answered.length} har svarat`}</caption>
        <thead>
          <tr>
            <th scope="col">Instans</th>
            <th scope="col">Status</th>
            <th scope="col">Svarsdatum</th>
            <th scope="col">Beslut</th>
            <th scope="col">Reservationer och särskilda yttranden</th>
            <th scope="col">Handlingar</th>
          </tr>
        </thead>
        <tbody>
          {o.consultees.map((x) => (
            <tr>
              <th scope="row">{x.name}</th>
              <td>{x.state === "overdue" ? <strong>{stateLabel[x.state]}</strong> : stateLabel[x.state]}</td>
              <td>{x.answeredOn ?? ""}</td>
              <td>{x.decisionTitle ?? ""}</td>
              <td>{x.positionLines.join("; ")}</td>
              <td>
                {[
                  x.outgoingRecordNumber ? `Remiss ${x.outgoingRecordNumber}` : null,
                  x.outgoingRecordNumber ? letterText(x.letter) : null,
                  x.responseRecord ? `Svar ${x.responseRecord.number}` : null,
                  x.declinedReason ? `Avböjt: ${x.declinedReason}` : null,
                ]
                  .filter(Boolean)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Remissinstansernas yttranden</h2>
      {answered.length ? (
        <>
          <p>Remissyttranden har inkommit från följande nämnder och bolag:</p>
          <ul>
            {answered.map((a) => (
              <li>
                {a.name}
                {a.lines.map((l) => (
                  <>
                    <br />
                    {l}
                  </>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Inga yttranden har kommit in ännu.</p>
      )}
      <h2>Påminnelser</h2>
      {o.reminders.length ? (
        <ul>
          {o.reminders.map((r) => (
            <li>{`${r.time}${r.afterDeadline ? " (efter sista svarsdag)" : ""}`}</li>
          ))}
        </ul>
      ) : (
        <p>Inga påminnelser är inställda.</p>
      )}
      {editable ? (
        <>
          <h2>Åtgärder</h2>
          {o.status === "draft"
            ? form("send", "Skicka remissen", "skicka", sendFields, "Skicka remissen")
            : null}
          {form("reminder", "Lägg till påminnelse", "paminnelse", reminderFields, "Lägg till påminnelsen")}
          {o.status === "sent" && o.waiting.length
            ? form("answer", "Registrera svar", "svar", answerFields(o), "Registrera svaret")
            : null}
          {o.status === "sent" && o.waiting.length
            ? form("decline", "Registrera att en instans avstår", "avstar", declineFields(o), "Registrera")
            : null}
        </>
      ) : null}
    </Layout>
  );
}

/** GET /remisser/{id}: the consultation as the visitor may see it. */
export function registerConsultationPage(app: OpenAPIHono<AppEnv>) {
  app.get("/remisser/:id", async (c) => c.html(<ConsultationPage c={c} o={await readPageConsultation(c)} />));
}
