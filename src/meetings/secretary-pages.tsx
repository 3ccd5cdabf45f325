import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child, FC } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { minutesGaps } from "../domain/law/minutes.js";
import type { AppEnv } from "../http/context.js";
import { describeError } from "../http/errors.js";
import { Form } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireActor, requireMunicipality, submitForm } from "../http/pages.js";
import { fieldErrors } from "../http/validation.js";
import { listBodies, listParties, listPersons } from "../organisation/queries.js";
import { findCaseByNumber } from "../register/queries.js";
import { addAgendaItem } from "./add-agenda-item.js";
import { addAttachment } from "./add-attachment.js";
import { addMotion } from "./add-motion.js";
import { announceReservation } from "./announce-reservation.js";
import { announceStatement } from "./announce-statement.js";
import { closeMeeting } from "./close-meeting.js";
import { uuidParam } from "./guards.js";
import { openMeeting } from "./open-meeting.js";
import { capacityLabel, motionKindLabel, personLabel, statementLabel } from "./phrases.js";
import { planMeeting } from "./plan-meeting.js";
import { publishNotice } from "./publish-notice.js";
import { putQuestion } from "./put-question.js";
import {
  findAgendaItem,
  findMeeting,
  findParagraph,
  findPersonsByIds,
  listAttendance,
  listMotions,
  listReservations,
  listStatements,
  listVotes,
} from "./queries.js";
import { meetingView, paragraphView } from "./read-minutes.js";
import { recordAttendance } from "./record-attendance.js";
import { recordAttendanceCount } from "./record-attendance-count.js";
import { recordDecision } from "./record-decision.js";
import { recordDisqualification } from "./record-disqualification.js";
import { recordVote } from "./record-vote.js";
import { ParagraphSection } from "./render.js";
import * as s from "./schemas.js";
import { servingOnItem } from "./serving.js";
import { setRecipients } from "./set-recipients.js";
import { submitReservationText } from "./submit-reservation-text.js";
import { submitStatementText } from "./submit-statement-text.js";
import { capacities, motionKinds, statementKinds } from "./tables.js";
import { takeUpItem } from "./take-up-item.js";

// The secretary's pages during a meeting: plain forms that post and come back to the same page, so they work
// without JavaScript; each form is one use case, in one transaction, and a refusal is shown at the top of the page.

type C = Context<AppEnv>;
type Posted = Record<string, string | File | (string | File)[]>;

const str = (form: Posted, name: string): string | null => {
  const v = form[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === "string" && one.trim() !== "" ? one.trim() : null;
};
const all = (form: Posted, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string" && x !== "",
  );
};
const int = (form: Posted, name: string): number | null => {
  const v = str(form, name);
  return v !== null && /^\d+$/.test(v) ? Number(v) : v === null ? null : Number.NaN;
};

const Errors: FC<{ messages: string[] }> = ({ messages }) =>
  messages.length === 0 ? null : (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>Det gick inte att spara</h2>
      <ul>
        {messages.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );

const Csrf: FC<{ c: C }> = ({ c }) => <input type="hidden" name="_csrf" value={c.get("csrfToken")} />;

/** Validates posted input with the API's schema, runs the use case, and comes back; on a refusal re-renders with the message. */
async function act<S extends z.ZodType>(
  c: C,
  options: {
    schema: S;
    input: unknown;
    run: (tx: Tx, actor: Actor, input: z.infer<S>) => Promise<unknown>;
    back: string;
    render: (messages: string[]) => Promise<Child>;
  },
) {
  const actor = requireActor(c);
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success)
    return c.html((await options.render(fieldErrors(parsed.error).map((e) => e.message))) as string, 400);
  try {
    await inTransaction(c.get("deps").database.db, (tx) => options.run(tx, actor, parsed.data));
    return c.redirect(options.back, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || ["not_found", "forbidden", "unauthenticated"].includes(error.code))
      throw error;
    const { status, message } = describeError(error);
    return c.html((await options.render([message])) as string, status as ContentfulStatusCode);
  }
}

async function loadMeetingForSecretary(c: C) {
  const actor = requireActor(c);
  const m = requireMunicipality(c);
  const meeting = await read(c, (tx) => findMeeting(tx, m.id, uuidParam(c, "id")));
  if (!meeting) throw new NotFoundError("page");
  authorize(actor, "meeting:write", meeting.bodyId);
  return meeting;
}

const Checkboxes: FC<{ name: string; legend: string; options: { value: string; label: string }[] }> = ({
  name,
  legend,
  options,
}) => (
  <fieldset>
    <legend>{legend}</legend>
    {options.length === 0 ? <p class="muted">Ingen att välja.</p> : null}
    {options.map((o) => (
      <div>
        <input type="checkbox" id={`${name}-${o.value}`} name={name} value={o.value} />{" "}
        <label for={`${name}-${o.value}`}>{o.label}</label>
      </div>
    ))}
  </fieldset>
);

const Select: FC<{
  name: string;
  label: string;
  options: { value: string; label: string }[];
  required?: boolean;
}> = ({ name, label, options, required }) => (
  <div class="field">
    <label for={`f-${name}`}>{label}</label>
    <select id={`f-${name}`} name={name} required={required}>
      {required ? null : <option value="">– ingen –</option>}
      {options.map((o) => (
        <option value={o.value}>{o.label}</option>
      ))}
    </select>
  </div>
);

const Text: FC<{ name: string; label: string; type?: string; multiline?: boolean; hint?: string }> = ({
  name,
  label,
  type,
  multiline,
  hint,
}) => (
  <div class="field">
    <label for={`f-${name}`}>{label}</label>
    {hint ? (
      <p class="hint" id={`f-${name}-hint`}>
        {hint}
      </p>
    ) : null}
    {multiline ? (
      <textarea
        id={`f-${name}`}
        name={name}
        rows={5}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
      />
    ) : (
      <input
        id={`f-${name}`}
        name={name}
        type={type ?? "text"}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
      />
    )}
  </div>
);

// Better with JavaScript: the vote form counts the ballots as they are entered. Without it the form works the same.
const enhancement = `document.querySelectorAll("form[data-vote]").forEach(function (form) {
  var out = form.querySelector("[data-tally]");
  var serving = Number(form.getAttribute("data-vote"));
  function tally() {
    var n = { yes: 0, no: 0, abstain: 0 };
    form.querySelectorAll("input[type=radio]:checked").forEach(function (r) { if (n[r.value] !== undefined) n[r.value]++; });
    var cast = n.yes + n.no + n.abstain;
    out.textContent = cast === 0 ? "" : "Hittills " + n.yes + " ja, " + n.no + " nej, " + n.abstain + " avstår; " + (serving - cast) + " av " + serving + " tjänstgörande har inte röstat.";
  }
  form.addEventListener("change", tally);
  tally();
});`;

/** The secretary's pages for planning a meeting, keeping attendance and the proceedings of each paragraph. */
export function registerSecretaryPages(app: OpenAPIHono<AppEnv>) {
  app.get("/static/meetings.js", (c) =>
    c.body(enhancement, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );
  const planFields = async (c: C) => {
    const m = requireMunicipality(c);
    const bodies = await read(c, (tx) => listBodies(tx, m.id));
    return [
      {
        name: "bodyId",
        label: "Organ",
        type: "select" as const,
        required: true,
        options: bodies
          .filter((b) => !["administration", "department", "unit"].includes(b.kind))
          .map((b) => ({ value: b.id, label: b.name })),
      },
      { name: "heldOn", label: "Datum", type: "date" as const, required: true },
      { name: "startsAt", label: "Starttid", required: true, hint: "TT:MM, till exempel 17:00." },
      { name: "place", label: "Plats", required: true },
    ];
  };
  const planPage = (
    c: C,
    fields: Awaited<ReturnType<typeof planFields>>,
    state: { values: any; errors: any[] },
  ) => (
    <Layout title="Planera ett sammanträde" chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs trail={[{ href: "/sammantraden", label: "Sammanträden" }, { label: "Planera" }]} />
      <h1>Planera ett sammanträde</h1>
      <Form
        action="/sammantraden/ny"
        fields={fields}
        values={state.values}
        errors={state.errors}
        csrfToken={c.get("csrfToken")}
        submitLabel="Planera sammanträdet"
      />
    </Layout>
  );
  app.get("/sammantraden/ny", async (c) => {
    requireActor(c);
    return c.html(planPage(c, await planFields(c), { values: {}, errors: [] }));
  });
  app.post("/sammantraden/ny", async (c) => {
    const fields = await planFields(c);
    return submitForm(c, {
      fields,
      schema: s.PlanMeetingInput,
      run: planMeeting,
      render: (state) => planPage(c, fields, state),
      redirect: (m) => `/sammantraden/${m.id}/sekreterare`,
    });
  });

  const meetingPage = async (c: C, meetingId: string, messages: string[]) => {
    const m = requireMunicipality(c);
    const data = await read(c, async (tx) => ({
      v: (await meetingView(tx, m.id, meetingId))!,
      persons: await listPersons(tx, m.id),
    }));
    const { v, persons } = data;
    const gaps = minutesGaps({
      attendanceRecorded: v.attendance.length > 0 || v.counted !== null,
      paragraphs: v.paragraphs.map((p) => ({
        number: p.number,
        decided: p.decisionPoints.length > 0,
        motions: p.proceedings.length,
      })),
    });
    const base = `/sammantraden/${v.meeting.id}/sekreterare`;
    const personOptions = persons.map((p) => ({ value: p.id, label: personLabel(p) }));
    const presentOptions = v.attendance.map((r) => ({ value: r.personId, label: r.label }));
    const title = `Sekreterare: ${v.body.name} ${v.meeting.heldOn}`;
    return (
      <Layout title={title} chrome={chrome(c)} current="/sammantraden">
        <Breadcrumbs
          trail={[
            { href: "/sammantraden", label: "Sammanträden" },
            { href: `/sammantraden/${v.meeting.id}`, label: `${v.body.name} ${v.meeting.heldOn}` },
            { label: "Sekreterare" },
          ]}
        />
        <h1>{title}</h1>
        <Errors messages={messages} />
        {gaps.length > 0 && v.meeting.status !== "planned" ? (
          <div role="status">
            <h2>Protokollet saknar</h2>
            <ul>
              {gaps.map((g) => (
                <li>{g}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <h2>Sammanträdet</h2>
        <p>{`Läge: ${v.meeting.status === "planned" ? "planerat" : v.meeting.status === "notice_published" ? "kallelse publicerad" : v.meeting.status === "opened" ? "pågår" : "avslutat"}.`}</p>
        {v.meeting.status === "planned" || v.meeting.status === "notice_published" ? (
          <>
            <form method="post" action={`${base}/kallelse`}>
              <Csrf c={c} />
              <Text name="publishedOn" label="Kallelsen anslås" type="date" />
              <button type="submit">Publicera kallelsen</button>
            </form>
            <form method="post" action={`${base}/oppna`}>
              <Csrf c={c} />
              <button type="submit">Öppna sammanträdet</button>
            </form>
          </>
        ) : null}
        {v.meeting.status === "opened" ? (
          <form method="post" action={`${base}/avsluta`}>
            <Csrf c={c} />
            <button type="submit" class="danger">
              Avsluta sammanträdet
            </button>
          </form>
        ) : null}

        <h2 id="narvaro">Närvaro</h2>
        <p>
          {v.seats === null
            ? "Antalet platser är inte känt."
            : `${v.quorate ? "Beslutfört" : "Inte beslutfört"}: ${v.serving} av ${v.seats} platser, minst ${v.needed} krävs.`}
        </p>
        {v.attendance.length > 0 ? (
          <table>
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">Egenskap</th>
              </tr>
            </thead>
            <tbody>
              {v.attendance.map((r) => (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td>{r.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <form method="post" action={`${base}/narvaro`}>
          <Csrf c={c} />
          <Select name="personId" label="Person" options={personOptions} required />
          <Select
            name="capacity"
            label="Egenskap"
            required
            options={capacities.map((x) => ({ value: x, label: capacityLabel[x] }))}
          />
          <Select
            name="replacesPersonId"
            label="Ersätter (för tjänstgörande ersättare)"
            options={personOptions}
          />
          <div class="field">
            <input type="checkbox" id="f-presides" name="presides" value="on" />{" "}
            <label for="f-presides">Ordförande</label>
          </div>
          <button type="submit">Lägg till i närvarolistan</button>
        </form>
        <form method="post" action={`${base}/antal`}>
          <Csrf c={c} />
          <Text
            name="countedPresent"
            label="Antal tjänstgörande ledamöter enligt upprop"
            type="number"
            hint="När protokollet anger ett antal i stället för varje namn."
          />
          <button type="submit">Spara antalet</button>
        </form>

        <h2 id="arenden">Föredragningslista</h2>
        {v.items.map((i) => (
          <section>
            <h3>{`Ärende ${i.position}: ${i.title} (${i.caseNumber})`}</h3>
            {i.proposal ? <p>{i.proposal.label}</p> : null}
            {i.paragraphNumber ? (
              <p>
                <a
                  href={`${base}/paragrafer/${i.paragraphId}`}
                >{`§ ${i.paragraphNumber} – protokollför beslutsgången`}</a>
              </p>
            ) : v.meeting.status === "opened" ? (
              <form method="post" action={`${base}/arenden/${i.id}/paragraf`}>
                <Csrf c={c} />
                <Text name="summary" label="Sammanfattning" multiline />
                <button type="submit">Ta upp ärendet och ge det nästa paragrafnummer</button>
              </form>
            ) : null}
            {v.meeting.status !== "closed" ? (
              <details>
                <summary>Anmäl jäv i ärendet</summary>
                <form method="post" action={`${base}/arenden/${i.id}/jav`}>
                  <Csrf c={c} />
                  <Select name="personId" label="Jävig ledamot" options={presentOptions} required />
                  <Text name="reason" label="Skäl" />
                  <Select
                    name="substitutePersonId"
                    label="Ersättare som tjänstgör i ärendet"
                    options={presentOptions}
                  />
                  <button type="submit">Anmäl jäv</button>
                </form>
              </details>
            ) : null}
          </section>
        ))}
        {v.meeting.status !== "closed" ? (
          <form method="post" action={`${base}/arenden`}>
            <Csrf c={c} />
            <Text name="caseNumber" label="Diarienummer" hint="Till exempel STK-2024-1374." />
            <button type="submit">Lägg ärendet på föredragningslistan</button>
          </form>
        ) : null}
      </Layout>
    );
  };

  const meetingAction = (
    path: string,
    schema: z.ZodType,
    input: (form: Posted) => unknown,
    run: (tx: Tx, actor: Actor, meetingId: string, input: any) => Promise<unknown>,
    anchor = "",
  ) =>
    app.post(`/sammantraden/:id{[0-9a-f-]{36}}/sekreterare${path}`, async (c) => {
      const meeting = await loadMeetingForSecretary(c);
      const form = (await c.req.parseBody({ all: true })) as Posted;
      return act(c, {
        schema,
        input: input(form),
        run: (tx, actor, parsed) => run(tx, actor, meeting.id, parsed),
        back: `/sammantraden/${meeting.id}/sekreterare${anchor}`,
        render: (messages) => meetingPage(c, meeting.id, messages),
      });
    });

  app.get("/sammantraden/:id{[0-9a-f-]{36}}/sekreterare", async (c) => {
    const meeting = await loadMeetingForSecretary(c);
    return c.html(await meetingPage(c, meeting.id, []));
  });
  meetingAction(
    "/kallelse",
    s.PublishNoticeInput,
    (f) => ({ publishedOn: str(f, "publishedOn") ?? undefined }),
    (tx, a, id, i) => publishNotice(tx, a, id, i),
  );
  meetingAction(
    "/oppna",
    s.MomentInput,
    () => ({}),
    (tx, a, id, i) => openMeeting(tx, a, id, i),
  );
  meetingAction(
    "/avsluta",
    s.MomentInput,
    () => ({}),
    (tx, a, id, i) => closeMeeting(tx, a, id, i),
  );
  meetingAction(
    "/narvaro",
    s.AttendanceInput,
    (f) => ({
      personId: str(f, "personId") ?? undefined,
      capacity: str(f, "capacity") ?? undefined,
      replacesPersonId: str(f, "replacesPersonId"),
      presides: str(f, "presides") === "on",
    }),
    (tx, a, id, i) => recordAttendance(tx, a, id, i),
    "#narvaro",
  );
  meetingAction(
    "/antal",
    s.AttendanceCountInput,
    (f) => ({ countedPresent: int(f, "countedPresent") ?? undefined }),
    (tx, a, id, i) => recordAttendanceCount(tx, a, id, i),
    "#narvaro",
  );
  meetingAction(
    "/arenden",
    s.CaseNumberInput,
    (f) => ({ caseNumber: str(f, "caseNumber") ?? "" }),
    async (tx, a, id, i: { caseNumber: string }) => {
      const found = await findCaseByNumber(tx, a.municipalityId, i.caseNumber);
      if (!found) throw new DomainError("case_not_found", {}, "caseNumber");
      return addAgendaItem(tx, a, id, { caseId: found.id });
    },
    "#arenden",
  );
  app.post(
    "/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/arenden/:itemId{[0-9a-f-]{36}}/paragraf",
    async (c) => {
      const meeting = await loadMeetingForSecretary(c);
      const form = (await c.req.parseBody({ all: true })) as Posted;
      let created: { id: string } | null = null;
      const response = await act(c, {
        schema: s.TakeUpItemInput,
        input: { agendaItemId: uuidParam(c, "itemId"), summary: str(form, "summary") },
        run: async (tx, actor, input) => {
          created = await takeUpItem(tx, actor, input);
        },
        back: `/sammantraden/${meeting.id}/sekreterare`,
        render: (messages) => meetingPage(c, meeting.id, messages),
      });
      const made = created as { id: string } | null;
      return made
        ? c.redirect(`/sammantraden/${meeting.id}/sekreterare/paragrafer/${made.id}`, 303)
        : response;
    },
  );
  app.post("/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/arenden/:itemId{[0-9a-f-]{36}}/jav", async (c) => {
    const meeting = await loadMeetingForSecretary(c);
    const form = (await c.req.parseBody({ all: true })) as Posted;
    return act(c, {
      schema: s.DisqualificationInput,
      input: {
        agendaItemId: uuidParam(c, "itemId"),
        personId: str(form, "personId") ?? undefined,
        reason: str(form, "reason") ?? undefined,
        substitutePersonId: str(form, "substitutePersonId"),
      },
      run: recordDisqualification,
      back: `/sammantraden/${meeting.id}/sekreterare#arenden`,
      render: (messages) => meetingPage(c, meeting.id, messages),
    });
  });

  const paragraphPage = async (c: C, meetingId: string, paragraphId: string, messages: string[]) => {
    const m = requireMunicipality(c);
    const data = await read(c, async (tx) => {
      const p = await findParagraph(tx, m.id, paragraphId);
      if (!p || p.meetingId !== meetingId) return null;
      const meeting = (await findMeeting(tx, m.id, meetingId))!;
      const item = (await findAgendaItem(tx, m.id, p.agendaItemId))!;
      const serving = await servingOnItem(tx, meeting, item);
      return {
        view: (await paragraphView(tx, m.id, p.id))!,
        meeting,
        serving: (await findPersonsByIds(tx, m.id, [...serving.named])).sort((a, b) =>
          a.name.localeCompare(b.name, "sv"),
        ),
        unnamed: serving.count - serving.named.size,
        present: await listAttendance(tx, meeting.id),
        motions: await listMotions(tx, p.id),
        votes: await listVotes(tx, p.id),
        parties: await listParties(tx, m.id),
        bodies: await listBodies(tx, m.id),
        statements: await listStatements(tx, [p.id]),
        reservations: await listReservations(tx, [p.id]),
      };
    });
    if (!data) throw new NotFoundError("page");
    const { view, serving, present, motions, votes, parties, bodies, statements, reservations } = data;
    const partyName = (id: string) => parties.find((x) => x.id === id)?.abbreviation ?? "";
    const written = [
      ...statements.map((x) => ({
        kind: "yttrande" as const,
        id: x.id,
        label: `${statementLabel[x.kind].noun.charAt(0).toUpperCase()}${statementLabel[x.kind].noun.slice(1)} ${x.position}`,
        hasText: x.text !== null,
        hasAttachment: x.attachmentId !== null,
      })),
      ...reservations.map((x) => ({
        kind: "reservation" as const,
        id: x.id,
        label: `Reservation ${x.position} (${partyName(x.partyId)})`,
        hasText: x.justification !== null,
        hasAttachment: x.attachmentId !== null,
      })),
    ];
    const base = `/sammantraden/${meetingId}/sekreterare/paragrafer/${paragraphId}`;
    const servingOptions = serving.map((p) => ({ value: p.id, label: personLabel(p) }));
    const presentOptions = present
      .filter((r) => r.capacity !== "official" && r.capacity !== "other")
      .map((r) => ({
        value: r.personId,
        label: personLabel({ name: r.personName, partyAbbreviation: r.partyAbbreviation }),
      }));
    const motionOptions = motions.map((x) => ({
      value: x.id,
      label: `Yrkande ${x.position}: ${motionKindLabel[x.kind]}${x.text ? ` – ${x.text.slice(0, 60)}` : ""}`,
    }));
    const partyOptions = parties.map((p) => ({ value: p.id, label: `${p.name} (${p.abbreviation})` }));
    const title = `§ ${view.number} ${view.title}`;
    return (
      <Layout title={title} chrome={chrome(c)} current="/sammantraden">
        <Breadcrumbs
          trail={[
            { href: "/sammantraden", label: "Sammanträden" },
            {
              href: `/sammantraden/${meetingId}/sekreterare`,
              label: `Sekreterare ${view.body.name} ${view.meeting.heldOn}`,
            },
            { label: `§ ${view.number}` },
          ]}
        />
        <Errors messages={messages} />
        <ParagraphSection p={view} level={1} />
        <p>{`Tjänstgör i ärendet: ${serving.length} med namn${data.unnamed > 0 ? ` och ${data.unnamed} enligt upprop` : ""}.`}</p>

        <h2 id="yrkande">Yrkande</h2>
        <form method="post" action={`${base}/yrkande`}>
          <Csrf c={c} />
          <Select
            name="kind"
            label="Slag"
            required
            options={motionKinds.map((k) => ({ value: k, label: motionKindLabel[k] }))}
          />
          <Text
            name="text"
            label="Yrkandets text"
            multiline
            hint="Krävs för ändrings- och tilläggsyrkanden."
          />
          <Checkboxes name="moverIds" legend="Yrkar" options={servingOptions} />
          <Checkboxes name="supporterIds" legend="Instämmer" options={servingOptions} />
          <button type="submit">Protokollför yrkandet</button>
        </form>

        <h2 id="omrostning">Omröstning</h2>
        <form method="post" action={`${base}/omrostning`} data-vote={String(serving.length + data.unnamed)}>
          <Csrf c={c} />
          <Select name="yesMotionId" label="Ja betyder bifall till" options={motionOptions} />
          <Select name="noMotionId" label="Nej betyder bifall till" options={motionOptions} />
          <table>
            <caption>Varje ledamots röst (lämna tomt om ni anger antalen nedan)</caption>
            <thead>
              <tr>
                <th scope="col">Ledamot</th>
                <th scope="col">Ja</th>
                <th scope="col">Nej</th>
                <th scope="col">Avstår</th>
                <th scope="col">Röstar inte</th>
              </tr>
            </thead>
            <tbody>
              {serving.map((p) => (
                <tr>
                  <th scope="row">{personLabel(p)}</th>
                  {(["yes", "no", "abstain", ""] as const).map((choice) => (
                    <td>
                      <input
                        type="radio"
                        name={`ballot-${p.id}`}
                        value={choice}
                        checked={choice === ""}
                        aria-label={`${p.name}: ${choice === "yes" ? "ja" : choice === "no" ? "nej" : choice === "abstain" ? "avstår" : "röstar inte"}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <fieldset>
            <legend>Eller antalen</legend>
            <Text name="yes" label="Ja" type="number" />
            <Text name="no" label="Nej" type="number" />
            <Text name="abstain" label="Avstår" type="number" />
            <Text name="absent" label="Röstar inte" type="number" />
          </fieldset>
          <Select
            name="castingVote"
            label="Ordförandens utslagsröst vid lika röstetal"
            options={[
              { value: "yes", label: "Ja" },
              { value: "no", label: "Nej" },
            ]}
          />
          <div class="field">
            <input type="checkbox" id="f-election" name="election" value="on" />{" "}
            <label for="f-election">Val (lotten avgör vid lika)</label>
          </div>
          <div class="field">
            <input type="checkbox" id="f-secret" name="secret" value="on" />{" "}
            <label for="f-secret">Sluten omröstning</label>
          </div>
          <p>
            <output data-tally aria-live="polite" />
          </p>
          <button type="submit">Protokollför omröstningen</button>
        </form>

        <script src="/static/meetings.js" defer />
        <h2 id="proposition">Proposition</h2>
        <form method="post" action={`${base}/proposition`}>
          <Csrf c={c} />
          <Select
            name="motionId"
            label="Ordföranden ställer proposition på"
            options={motionOptions}
            required
          />
          <Select name="againstMotionId" label="Mot" options={motionOptions} />
          <Select name="winnerMotionId" label="Bifallet" options={motionOptions} />
          <Select
            name="voteEventId"
            label="Eller avgjort i omröstning"
            options={votes.map((x) => ({ value: x.id, label: `Omröstning ${x.position}` }))}
          />
          <button type="submit">Protokollför propositionen</button>
        </form>

        <h2 id="beslut">Beslut</h2>
        <form method="post" action={`${base}/beslut`}>
          <Csrf c={c} />
          <Text
            name="points"
            label="Beslutspunkter"
            multiline
            hint="En beslutspunkt per rad; de numreras i ordning."
          />
          <button type="submit">Protokollför beslutet</button>
        </form>

        <h2 id="reservation">Reservation</h2>
        <form method="post" action={`${base}/reservation`}>
          <Csrf c={c} />
          <Select name="personId" label="Ledamot" options={servingOptions} />
          <Select name="partyId" label="Eller partiets ledamöter" options={partyOptions} />
          <button type="submit">Protokollför reservationen</button>
        </form>

        <h2 id="yttrande">Särskilt yttrande eller protokollsanteckning</h2>
        <form method="post" action={`${base}/yttrande`}>
          <Csrf c={c} />
          <Select
            name="kind"
            label="Slag"
            required
            options={statementKinds.map((k) => ({ value: k, label: statementLabel[k].noun }))}
          />
          <Checkboxes name="announcerIds" legend="Anmäls av" options={presentOptions} />
          <Checkboxes name="partyIds" legend="Partier" options={partyOptions} />
          <Text name="text" label="Text" multiline />
          <button type="submit">Protokollför</button>
        </form>

        {written.length > 0 ? (
          <>
            <h2 id="skriftligt">Skriftliga reservationer och yttranden</h2>
            <p>
              Texten lämnas före den tid som bestämts för justeringen (KL 4 kap. 27 §) och kan bli en bilaga
              till protokollet.
            </p>
            {written.map((w) => (
              <section>
                <h3>{w.label}</h3>
                {w.hasText ? (
                  <p>Texten är inlämnad.</p>
                ) : (
                  <form method="post" action={`${base}/${w.kind}/${w.id}/text`}>
                    <Csrf c={c} />
                    <Text name={`text-${w.id}`} label="Text" multiline />
                    <button type="submit">Spara texten</button>
                  </form>
                )}
                {w.hasText && !w.hasAttachment ? (
                  <form method="post" action={`${base}/${w.kind}/${w.id}/bilaga`}>
                    <Csrf c={c} />
                    <Text
                      name={`number-${w.id}`}
                      label="Bilagans nummer"
                      type="number"
                      hint="Lämna tomt för nästa lediga nummer."
                    />
                    <button type="submit">Gör texten till en bilaga</button>
                  </form>
                ) : w.hasAttachment ? (
                  <p>Texten är en bilaga till protokollet.</p>
                ) : null}
              </section>
            ))}
          </>
        ) : null}

        <h2 id="mottagare">Beslutet skickas till</h2>
        <form method="post" action={`${base}/mottagare`}>
          <Csrf c={c} />
          <Checkboxes
            name="bodyIds"
            legend="Organ"
            options={bodies.map((b) => ({ value: b.id, label: b.name }))}
          />
          <Text
            name="labels"
            label="Övriga mottagare"
            multiline
            hint="En per rad, t.ex. Stadskontorets handläggare."
          />
          <button type="submit">Spara mottagarna</button>
        </form>
      </Layout>
    );
  };

  app.get("/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/paragrafer/:pid{[0-9a-f-]{36}}", async (c) => {
    const meeting = await loadMeetingForSecretary(c);
    return c.html(await paragraphPage(c, meeting.id, uuidParam(c, "pid"), []));
  });
  const paragraphAction = (
    path: string,
    schema: z.ZodType,
    input: (form: Posted, paragraphId: string) => unknown,
    run: (tx: Tx, actor: Actor, input: any) => Promise<unknown>,
  ) =>
    app.post(
      `/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/paragrafer/:pid{[0-9a-f-]{36}}/${path}`,
      async (c) => {
        const meeting = await loadMeetingForSecretary(c);
        const paragraphId = uuidParam(c, "pid");
        const form = (await c.req.parseBody({ all: true })) as Posted;
        return act(c, {
          schema,
          input: input(form, paragraphId),
          run,
          back: `/sammantraden/${meeting.id}/sekreterare/paragrafer/${paragraphId}#${path}`,
          render: (messages) => paragraphPage(c, meeting.id, paragraphId, messages),
        });
      },
    );

  for (const kind of ["yttrande", "reservation"] as const) {
    app.post(
      `/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/paragrafer/:pid{[0-9a-f-]{36}}/${kind}/:wid{[0-9a-f-]{36}}/text`,
      async (c) => {
        const meeting = await loadMeetingForSecretary(c);
        const paragraphId = uuidParam(c, "pid");
        const id = uuidParam(c, "wid");
        const form = (await c.req.parseBody({ all: true })) as Posted;
        return act(c, {
          schema: s.WrittenTextInput,
          input: { text: str(form, `text-${id}`) ?? undefined },
          run: (tx, actor, input) =>
            kind === "yttrande"
              ? submitStatementText(tx, actor, id, input)
              : submitReservationText(tx, actor, id, input),
          back: `/sammantraden/${meeting.id}/sekreterare/paragrafer/${paragraphId}#skriftligt`,
          render: (messages) => paragraphPage(c, meeting.id, paragraphId, messages),
        });
      },
    );
    app.post(
      `/sammantraden/:id{[0-9a-f-]{36}}/sekreterare/paragrafer/:pid{[0-9a-f-]{36}}/${kind}/:wid{[0-9a-f-]{36}}/bilaga`,
      async (c) => {
        const meeting = await loadMeetingForSecretary(c);
        const paragraphId = uuidParam(c, "pid");
        const id = uuidParam(c, "wid");
        const form = (await c.req.parseBody({ all: true })) as Posted;
        return act(c, {
          schema: s.AttachmentInput,
          input: {
            meetingId: meeting.id,
            title: kind === "yttrande" ? "Yttrande" : "Reservation",
            number: int(form, `number-${id}`),
            ...(kind === "yttrande" ? { statementId: id } : { reservationId: id }),
          },
          run: addAttachment,
          back: `/sammantraden/${meeting.id}/sekreterare/paragrafer/${paragraphId}#skriftligt`,
          render: (messages) => paragraphPage(c, meeting.id, paragraphId, messages),
        });
      },
    );
  }

  paragraphAction(
    "yrkande",
    s.MotionInput,
    (f, paragraphId) => ({
      paragraphId,
      kind: str(f, "kind") ?? undefined,
      text: str(f, "text"),
      moverIds: all(f, "moverIds"),
      supporterIds: all(f, "supporterIds"),
    }),
    addMotion,
  );
  paragraphAction(
    "omrostning",
    s.VoteInput,
    (f, paragraphId) => {
      const ballots = Object.keys(f)
        .filter((k) => k.startsWith("ballot-") && str(f, k))
        .map((k) => ({ personId: k.slice("ballot-".length), choice: str(f, k) }));
      const counted = ["yes", "no", "abstain", "absent"].some((k) => str(f, k) !== null);
      return {
        paragraphId,
        yesMotionId: str(f, "yesMotionId"),
        noMotionId: str(f, "noMotionId"),
        election: str(f, "election") === "on",
        secret: str(f, "secret") === "on",
        ballots,
        counts: counted
          ? {
              yes: int(f, "yes") ?? 0,
              no: int(f, "no") ?? 0,
              abstain: int(f, "abstain") ?? 0,
              absent: int(f, "absent") ?? 0,
            }
          : null,
        castingVote: str(f, "castingVote"),
      };
    },
    recordVote,
  );
  paragraphAction(
    "proposition",
    s.QuestionInput,
    (f, paragraphId) => ({
      paragraphId,
      motionId: str(f, "motionId") ?? undefined,
      againstMotionId: str(f, "againstMotionId"),
      winnerMotionId: str(f, "winnerMotionId"),
      voteEventId: str(f, "voteEventId"),
    }),
    putQuestion,
  );
  paragraphAction(
    "beslut",
    s.DecisionInput,
    (f, paragraphId) => ({
      paragraphId,
      points: (str(f, "points") ?? "")
        .split(/\r?\n/)
        .map((line) => line.replace(/^\s*\d+\.\s*/, "").trim())
        .filter(Boolean),
    }),
    recordDecision,
  );
  paragraphAction(
    "reservation",
    s.ReservationInput,
    (f, paragraphId) => ({ paragraphId, personId: str(f, "personId"), partyId: str(f, "partyId") }),
    announceReservation,
  );
  paragraphAction(
    "yttrande",
    s.StatementInput,
    (f, paragraphId) => ({
      paragraphId,
      kind: str(f, "kind") ?? undefined,
      announcerIds: all(f, "announcerIds"),
      partyIds: all(f, "partyIds"),
      text: str(f, "text"),
    }),
    announceStatement,
  );
  paragraphAction(
    "mottagare",
    s.RecipientsInput,
    (f, paragraphId) => ({
      paragraphId,
      recipients: [
        ...all(f, "bodyIds").map((bodyId) => ({ bodyId })),
        ...(str(f, "labels") ?? "")
          .split(/\r?\n/)
          .map((x) => x.trim())
          .filter(Boolean)
          .map((label) => ({ label })),
      ],
    }),
    setRecipients,
  );
}
