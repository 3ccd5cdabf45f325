import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import { downloadHeaders, toCsv, toXlsx } from "../assignments/tabular.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { type Field, Form, type Option } from "../http/forms.js";
import { Breadcrumbs, isoDay, isoMinute, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { listBodies } from "../organisation/queries.js";
import { findCaseByNumber } from "../register/queries.js";
import { addReminder } from "./add-reminder.js";
import { compilationTable } from "./compilation.js";
import { createConsultation } from "./create-consultation.js";
import { declineConsultation } from "./decline-consultation.js";
import { respondentList, stateLabel } from "./format.js";
import { type ConsultationOverview, consultationOverview, listConsultations } from "./queries.js";
import { recordAnswer } from "./record-answer.js";
import { sendConsultation } from "./send-consultation.js";

type C = Context<AppEnv>;
const isoDate = (message: string) => z.iso.date({ error: message });
const none: FormRender = { values: {}, errors: [] };

/** "2025-06-20" and "08:00" in Swedish time, as an instant. */
export function stockholmInstant(day: string, time: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const local = new Date(guess.toLocaleString("en-US", { timeZone: "Europe/Stockholm" }));
  const utc = new Date(guess.toLocaleString("en-US", { timeZone: "UTC" }));
  return new Date(guess.getTime() - (local.getTime() - utc.getTime())).toISOString();
}

/** "M, SD" → [["M"], ["SD"]]; "M+C" is one joint position → [["M", "C"]]. */
export function partyGroups(text: string | null | undefined): string[][] {
  return (text ?? "")
    .split(/[,;]/)
    .map((g) =>
      g
        .split("+")
        .map((p) => p.replace(/[()]/g, "").trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0);
}

const lines = (text: string | null | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

// ---- forms ----------------------------------------------------------------------------------------------

function newFields(bodies: Option[]): Field[] {
  return [
    {
      name: "caseNumber",
      label: "Ärendets diarienummer",
      required: true,
      hint: "Till exempel STK-2024-1374.",
    },
    { name: "decidedBy.bodyId", label: "Beslutande organ", type: "select", required: true, options: bodies },
    { name: "decidedBy.decidedOn", label: "Beslutsdatum", type: "date", required: true },
    { name: "decidedBy.paragraphNumber", label: "Paragraf (§)", type: "number" },
    { name: "title", label: "Rubrik", required: true },
    { name: "coverText", label: "Missiv (följebrev)", type: "textarea", required: true },
    { name: "questions", label: "Frågor", type: "textarea", hint: "En fråga per rad." },
    {
      name: "consultees",
      label: "Remissinstanser",
      type: "textarea",
      required: true,
      hint: "En per rad: ett organs namn eller förkortning, eller en extern organisation som Namn <e-postadress>.",
    },
    { name: "deadline", label: "Sista svarsdag", type: "date", required: true },
  ];
}

const NewForm = z.object({
  caseNumber: z.string({ error: "Ange diarienumret." }).trim().min(1, "Ange diarienumret."),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som beslutade om remissen." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": z.int({ error: "Ange paragrafnumret som ett heltal." }).min(1).nullish(),
  title: z.string({ error: "Ange remissens rubrik." }).trim().min(1, "Ange remissens rubrik.").max(500),
  coverText: z.string({ error: "Skriv missivet." }).trim().min(1, "Skriv missivet.").max(20_000),
  questions: z.string().max(50_000).nullish(),
  consultees: z
    .string({ error: "Ange minst en remissinstans." })
    .trim()
    .min(1, "Ange minst en remissinstans."),
  deadline: isoDate("Ange sista svarsdag som ÅÅÅÅ-MM-DD."),
});

const sendFields: Field[] = [{ name: "sentOn", label: "Utskicksdatum", type: "date", required: true }];
const SendForm = z.object({ sentOn: isoDate("Ange utskicksdatum som ÅÅÅÅ-MM-DD.") });

const reminderFields: Field[] = [
  { name: "remindOn", label: "Påminnelsedag", type: "date", required: true },
  { name: "remindTime", label: "Klockslag", hint: "TT:MM, svensk tid. Tomt betyder 08:00." },
];
const ReminderForm = z.object({
  remindOn: isoDate("Ange dagen som ÅÅÅÅ-MM-DD."),
  remindTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Ange klockslaget som TT:MM.")
    .nullish(),
});

function answerFields(o: ConsultationOverview, waiting: Option[]): Field[] {
  return [
    { name: "consulteeId", label: "Remissinstans", type: "select", required: true, options: waiting },
    { name: "answeredOn", label: "Svarsdatum", type: "date", required: true },
    {
      name: "responseDescription",
      label: "Remissvarets beskrivning i diariet",
      hint: "Tomt: Remissvar <instans>.",
    },
    { name: "decision.decidedOn", label: "Instansens beslut: datum", type: "date" },
    { name: "decision.paragraphNumber", label: "Instansens beslut: paragraf (§)", type: "number" },
    { name: "reservations", label: "Reservationer (partier)", hint: "T.ex. M, SD. Gemensam: M+C." },
    { name: "statements", label: "Särskilda yttranden (partier)", hint: "T.ex. SD, V. Gemensamt: M+C." },
    ...o.questions.map(
      (q): Field => ({
        name: `answer.${q.position}`,
        label: `Svar på fråga ${q.position}: ${q.text}`,
        type: "textarea",
      }),
    ),
  ];
}

function answerForm(o: ConsultationOverview) {
  return z.object({
    consulteeId: z.uuid({ error: "Välj en remissinstans." }),
    answeredOn: isoDate("Ange svarsdatum som ÅÅÅÅ-MM-DD."),
    responseDescription: z.string().max(1000).nullish(),
    "decision.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD.").nullish(),
    "decision.paragraphNumber": z.int({ error: "Ange paragrafnumret som ett heltal." }).min(1).nullish(),
    reservations: z.string().max(200).nullish(),
    statements: z.string().max(200).nullish(),
    ...Object.fromEntries(o.questions.map((q) => [`answer.${q.position}`, z.string().max(20_000).nullish()])),
  });
}

const declineFields = (waiting: Option[]): Field[] => [
  { name: "consulteeId", label: "Remissinstans", type: "select", required: true, options: waiting },
  { name: "declinedOn", label: "Datum", type: "date", required: true },
  { name: "reason", label: "Skäl", type: "textarea" },
];
const DeclineForm = z.object({
  consulteeId: z.uuid({ error: "Välj en remissinstans." }),
  declinedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
  reason: z.string().max(2000).nullish(),
});

// ---- views ----------------------------------------------------------------------------------------------

async function loadOverview(c: C) {
  const m = requireMunicipality(c);
  const id = c.req.param("id") ?? "";
  if (!z.uuid().safeParse(id).success) throw new NotFoundError("consultation");
  const o = await read(c, (tx) => consultationOverview(tx, m.id, id));
  if (!o) throw new NotFoundError("consultation");
  return o;
}

type FormName = "send" | "reminder" | "answer" | "decline";

function letterText(letter: ConsultationOverview["consultees"][number]["letter"]): string {
  if (letter.state === "sent" && letter.sentAt) return `e-post skickad ${isoMinute(letter.sentAt)}`;
  if (letter.state === "queued" || letter.state === "not_sent") return "e-post väntar i utkorgen";
  return "ingen e-postadress: skickas på annat sätt";
}

function OverviewView({
  c,
  o,
  failed,
}: {
  c: C;
  o: ConsultationOverview;
  failed?: { form: FormName; state: FormRender };
}) {
  const editable = can(c.get("actor"), "consultation:write");
  const waiting = o.consultees
    .filter((x) => x.state === "sent" || x.state === "overdue")
    .map((x) => ({ value: x.id, label: x.name }));
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
  const answered = respondentList(o.consultees);
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
            <li>{`${isoMinute(r.remindAt)}${isoDay(r.remindAt) > o.deadline ? " (efter sista svarsdag)" : ""}`}</li>
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
          {o.status === "sent" && waiting.length
            ? form("answer", "Registrera svar", "svar", answerFields(o, waiting), "Registrera svaret")
            : null}
          {o.status === "sent" && waiting.length
            ? form(
                "decline",
                "Registrera att en instans avstår",
                "avstar",
                declineFields(waiting),
                "Registrera",
              )
            : null}
        </>
      ) : null}
    </Layout>
  );
}

/** Consultation pages: /remisser, a new consultation, the overview with its forms, the compilation. */
export function registerConsultationPages(app: OpenAPIHono<AppEnv>) {
  app.get("/remisser", async (c) => {
    const m = requireMunicipality(c);
    const rows = await read(c, (tx) => listConsultations(tx, m.id));
    return c.html(
      <Layout title="Remisser" chrome={chrome(c)} current="/remisser">
        <h1>Remisser</h1>
        {can(c.get("actor"), "consultation:write") ? (
          <p class="actions">
            <a href="/remisser/ny">Ny remiss</a>
          </p>
        ) : null}
        {rows.length === 0 ? (
          <p>Inga remisser är registrerade.</p>
        ) : (
          <table>
            <caption>{`${rows.length} remisser, senaste först`}</caption>
            <thead>
              <tr>
                <th scope="col">Remiss</th>
                <th scope="col">Ärende</th>
                <th scope="col">Beslut</th>
                <th scope="col">Skickad</th>
                <th scope="col">Sista svarsdag</th>
                <th scope="col">Svar</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/remisser/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.caseNumber}</td>
                  <td>{r.decisionCode}</td>
                  <td>{r.sentOn ?? "Inte skickad"}</td>
                  <td>{r.deadline}</td>
                  <td>
                    {`${r.answered} av ${r.consultees} har svarat`}
                    {r.declined ? `, ${r.declined} avstår` : ""}
                    {r.overdue ? `, ${r.overdue} försenade` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  const bodyOptions = async (c: C) => {
    const m = requireMunicipality(c);
    const bodies = await read(c, (tx) => listBodies(tx, m.id));
    return {
      bodies,
      options: bodies.map((b) => ({
        value: b.id,
        label: b.shortName ? `${b.name} (${b.shortName})` : b.name,
      })),
    };
  };
  formRoute(app, "/remisser/ny", {
    load: bodyOptions,
    title: () => "Ny remiss",
    trail: () => [{ href: "/remisser", label: "Remisser" }, { label: "Ny remiss" }],
    intro: "Remissen sparas först som utkast. Den skickas från remissens sida.",
    fields: ({ options }) => newFields(options),
    schema: NewForm,
    run: async (tx: Tx, actor: Actor, f, { bodies }) => {
      const kase = await findCaseByNumber(tx, actor.municipalityId, f.caseNumber);
      if (!kase) throw new DomainError("case_not_found", {}, "caseNumber");
      const consultees = lines(f.consultees).map((line) => {
        const external = /^(.+?)\s*<([^>]+)>$/.exec(line);
        if (external) return { organisationName: external[1]!.trim(), contactEmail: external[2]!.trim() };
        const needle = line.toLowerCase();
        const b = bodies.find(
          (x) => x.name.toLowerCase() === needle || x.shortName?.toLowerCase() === needle,
        );
        if (!b) throw new DomainError("consultee_unknown", { line }, "consultees");
        return { bodyId: b.id };
      });
      const bad = consultees.find((x) => "contactEmail" in x && !z.email().safeParse(x.contactEmail).success);
      if (bad) throw new DomainError("consultee_unknown", { line: JSON.stringify(bad) }, "consultees");
      return createConsultation(tx, actor, {
        caseId: kase.id,
        decidedBy: {
          bodyId: f["decidedBy.bodyId"],
          decidedOn: f["decidedBy.decidedOn"],
          paragraphNumber: f["decidedBy.paragraphNumber"] ?? null,
        },
        title: f.title,
        coverText: f.coverText,
        deadline: f.deadline,
        questions: lines(f.questions),
        consultees,
      });
    },
    redirect: (created) => `/remisser/${created.id}`,
    submitLabel: "Spara utkastet",
  });

  app.get("/remisser/:id", async (c) => c.html(<OverviewView c={c} o={await loadOverview(c)} />));

  const post = <S extends z.ZodType>(
    path: string,
    form: FormName,
    fields: (o: ConsultationOverview) => Field[],
    schema: (o: ConsultationOverview) => S,
    run: (tx: Tx, actor: Actor, o: ConsultationOverview, f: z.infer<S>) => Promise<unknown>,
  ) =>
    app.post(`/remisser/:id/${path}`, async (c) => {
      requireActor(c);
      const o = await loadOverview(c);
      return submitForm(c, {
        fields: fields(o),
        schema: schema(o),
        run: (tx, actor, f) => run(tx, actor, o, f),
        render: (state) => <OverviewView c={c} o={o} failed={{ form, state }} />,
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
  const waitingOf = (o: ConsultationOverview) =>
    o.consultees
      .filter((x) => x.state === "sent" || x.state === "overdue")
      .map((x) => ({ value: x.id, label: x.name }));
  post(
    "svar",
    "answer",
    (o) => answerFields(o, waitingOf(o)),
    answerForm,
    (tx, actor, o, f: Record<string, any>) => {
      const who = o.consultees.find((x) => x.id === f.consulteeId);
      const decidedOn = f["decision.decidedOn"] as string | null;
      if (decidedOn && who && !who.bodyId)
        throw new DomainError("external_has_no_decision", {}, "decision.decidedOn");
      return recordAnswer(tx, actor, o.id, {
        consulteeId: f.consulteeId,
        answeredOn: f.answeredOn,
        responseDescription: f.responseDescription ?? null,
        decision:
          decidedOn && who?.bodyId
            ? { bodyId: who.bodyId, decidedOn, paragraphNumber: f["decision.paragraphNumber"] ?? null }
            : null,
        positions: [
          ...partyGroups(f.reservations).map((parties) => ({ kind: "reservation" as const, parties })),
          ...partyGroups(f.statements).map((parties) => ({ kind: "special_statement" as const, parties })),
        ],
        answers: o.questions
          .filter((q) => typeof f[`answer.${q.position}`] === "string")
          .map((q) => ({ question: q.position, text: f[`answer.${q.position}`] as string })),
      });
    },
  );
  post(
    "avstar",
    "decline",
    (o) => declineFields(waitingOf(o)),
    () => DeclineForm,
    (tx, actor, o, f) => declineConsultation(tx, actor, o.id, f),
  );

  app.get("/remisser/:id/sammanstallning", async (c) => {
    const o = await loadOverview(c);
    const answered = o.consultees.filter((x) => x.state === "answered");
    return c.html(
      <Layout title={`Sammanställning: ${o.title}`} chrome={chrome(c)} current="/remisser">
        <Breadcrumbs
          trail={[
            { href: "/remisser", label: "Remisser" },
            { href: `/remisser/${o.id}`, label: o.title },
            { label: "Sammanställning" },
          ]}
        />
        <h1>{`Sammanställning: ${o.title}`}</h1>
        <p class="actions">
          <a href={`/remisser/${o.id}/sammanstallning.csv`}>Ladda ner som CSV</a>
          <a href={`/remisser/${o.id}/sammanstallning.xlsx`}>Ladda ner som Excel (XLSX)</a>
        </p>
        {o.questions.length === 0 ? <p>Remissen har inga särskilda frågor.</p> : null}
        {o.questions.map((q) => (
          <section>
            <h2>{`Fråga ${q.position}`}</h2>
            <p>{q.text}</p>
            <table>
              <caption>{`Svar på fråga ${q.position}`}</caption>
              <thead>
                <tr>
                  <th scope="col">Remissinstans</th>
                  <th scope="col">Beslut</th>
                  <th scope="col">Svar</th>
                </tr>
              </thead>
              <tbody>
                {answered.map((x) => (
                  <tr>
                    <th scope="row">{x.name}</th>
                    <td>{x.decisionLine ?? ""}</td>
                    <td>{x.answers.get(q.id) ?? "Inget svar på frågan är registrerat."}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </Layout>,
    );
  });
  for (const kind of ["csv", "xlsx"] as const)
    app.get(`/remisser/:id/sammanstallning.${kind}`, async (c) => {
      const o = await loadOverview(c);
      const table = compilationTable(o);
      const name = `remissammanställning-${o.caseNumber}`;
      return kind === "csv"
        ? c.body(toCsv(table), 200, downloadHeaders(name, "csv"))
        : c.body(new Uint8Array(await toXlsx(table)), 200, downloadHeaders(name, "xlsx"));
    });
}
