import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import { readCaseDispatches } from "../dispatch/read-dispatch.js";
import { CaseDispatchSection } from "../dispatch/section.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { type Field, Form, type FormValues } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { secretAccess } from "./access.js";
import { closeCase } from "./close-case.js";
import { createNumberSeries } from "./create-number-series.js";
import { directionLabel, fileSize, recordTypeLabel, statusLabel } from "./labels.js";
import {
  type C,
  CaseEditForm,
  CaseForm,
  type Choices,
  caseFields,
  FormPage,
  flatSecrecy,
  loadCaseRow,
  loadChoices,
  originId,
  SecrecyNote,
} from "./page-parts.js";
import { casePath, recordPath } from "./present.js";
import { caseIdForNumber, readCase } from "./read-case.js";
import { readSeries } from "./read-series.js";
import { registerNewCase } from "./register-case.js";
import { relateCases } from "./relate-cases.js";
import { reopenCase } from "./reopen-case.js";
import * as s from "./schemas.js";
import { startRecordNumbersAt } from "./start-record-numbers-at.js";
import { startSeriesAt } from "./start-series-at.js";
import { updateCase } from "./update-case.js";

/** Case pages: registering, the public case page, editing, closing, relating, number series and record numbering. */
export function registerCasePages(app: OpenAPIHono<AppEnv>) {
  // Registering a case.
  const newCaseView = (c: C, choices: Choices, state: FormRender) => (
    <FormPage
      c={c}
      title="Registrera ärende"
      trail={[{ href: "/diarium", label: "Diarium" }, { label: "Registrera ärende" }]}
      action="/diarium/ny"
      fields={caseFields(choices, false)}
      state={state}
      submitLabel="Registrera"
      intro="Ärendet får nästa diarienummer i serien när du registrerar."
    />
  );
  app.get("/diarium/ny", async (c) => {
    requireActor(c);
    const choices = await loadChoices(c);
    return c.html(newCaseView(c, choices, { values: { openedOn: todayInStockholm() }, errors: [] }));
  });
  app.post("/diarium/ny", async (c) => {
    const choices = await loadChoices(c);
    return submitForm(c, {
      fields: caseFields(choices, false),
      schema: CaseForm,
      run: async (tx, actor, input) => {
        const { originCaseNumber, ...rest } = input;
        return registerNewCase(tx, actor, {
          ...rest,
          originCaseId: await originId(tx, actor, originCaseNumber),
        });
      },
      render: (state) => newCaseView(c, choices, state),
      redirect: (created) => `${casePath(created.number)}?registrerat=${encodeURIComponent(created.number)}`,
    });
  });

  // Number series (admin).
  const seriesFields: Field[] = [
    { name: "code", label: "Kod", required: true, hint: "Kort namn på serien, t.ex. STK eller KS." },
    { name: "prefix", label: "Prefix", hint: "Det som står i numret, t.ex. STK." },
    {
      name: "pattern",
      label: "Mönster",
      required: true,
      hint: "T.ex. {prefix}-{year}-{seq} (KS-2025-12), {year}/{prefix} {seq:4} (2025/KS 0012) eller {prefix}.{year}.{seq} (KS.2025.12).",
    },
  ];
  const startFields = (choices: Choices): Field[] => [
    { name: "seriesCode", label: "Nummerserie", type: "select", required: true, options: choices.series },
    {
      name: "firstNumber",
      label: "Första nummer Paragraf ska ge",
      required: true,
      hint: "När Paragraf tar över från ett tidigare diarium: numret efter det sista som gavs där.",
    },
  ];
  type SeriesList = Awaited<ReturnType<typeof readSeries>>;
  const seriesView = (
    c: C,
    series: SeriesList,
    choices: Choices,
    forms: { create?: FormRender; start?: FormRender },
  ) => (
    <Layout title="Nummerserier" chrome={chrome(c)} current="/diarium">
      <Breadcrumbs trail={[{ href: "/diarium", label: "Diarium" }, { label: "Nummerserier" }]} />
      <h1>Nummerserier</h1>
      <table>
        <caption>Serier och deras räknare per år</caption>
        <thead>
          <tr>
            <th scope="col">Kod</th>
            <th scope="col">Mönster</th>
            <th scope="col">Senast givna löpnummer per år</th>
          </tr>
        </thead>
        <tbody>
          {series.map((x) => (
            <tr>
              <td>{x.code}</td>
              <td>
                <code>{x.pattern}</code>
              </td>
              <td>{x.counters.map((k) => `${k.year}: ${k.lastValue}`).join(", ") || "Inga nummer givna"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Ny nummerserie</h2>
      <Form
        action="/diarium/nummerserier"
        fields={seriesFields}
        values={forms.create?.values ?? {}}
        errors={forms.create?.errors ?? []}
        csrfToken={c.get("csrfToken")}
        submitLabel="Skapa serien"
      />
      <h2>Fortsätt en serie från ett tidigare diarium</h2>
      <Form
        action="/diarium/nummerserier/start"
        fields={startFields(choices)}
        values={forms.start?.values ?? {}}
        errors={forms.start?.errors ?? []}
        csrfToken={c.get("csrfToken")}
        submitLabel="Spara startpunkten"
      />
    </Layout>
  );
  const loadSeries = (c: C) => read(c, (tx) => readSeries(tx, requireMunicipality(c).id));
  app.get("/diarium/nummerserier", async (c) => {
    const actor = requireActor(c);
    if (!can(actor, "organisation:write")) throw new DomainError("forbidden");
    return c.html(seriesView(c, await loadSeries(c), await loadChoices(c), {}));
  });
  app.post("/diarium/nummerserier", async (c) => {
    const [series, choices] = [await loadSeries(c), await loadChoices(c)];
    return submitForm(c, {
      fields: seriesFields,
      schema: s.NumberSeriesInput,
      run: createNumberSeries,
      render: (state) => seriesView(c, series, choices, { create: state }),
      redirect: () => "/diarium/nummerserier",
    });
  });
  app.post("/diarium/nummerserier/start", async (c) => {
    const [series, choices] = [await loadSeries(c), await loadChoices(c)];
    return submitForm(c, {
      fields: startFields(choices),
      schema: s.SeriesStartInput,
      run: startSeriesAt,
      render: (state) => seriesView(c, series, choices, { start: state }),
      redirect: () => "/diarium/nummerserier",
    });
  });

  // The case page.
  app.get("/diarium/:number", async (c) => {
    const m = requireMunicipality(c);
    const number = c.req.param("number");
    const actor = c.get("actor");
    const access = secretAccess(actor);
    const { view, row, dispatches } = await read(c, async (tx) => {
      const found = await readCase(tx, m.id, access, { number });
      return { ...found, dispatches: await readCaseDispatches(tx, m.id, found.row.id, actor) };
    });
    const writable = can(actor, "register:write", row.responsibleBodyId);
    const registered = c.req.query("registrerat");
    const events = [
      {
        date: view.openedOn,
        text: `Ärendet öppnades och fick diarienummer ${view.number}.`,
        href: null as string | null,
      },
      ...view.records.map((r) => ({
        date: r.datedOn,
        text: `${r.number}: ${recordTypeLabel[r.recordType]} (${directionLabel[r.direction].toLowerCase()}) – ${r.description}`,
        href: `#${r.number}`,
      })),
      ...(view.closedOn ? [{ date: view.closedOn, text: "Ärendet avslutades.", href: null }] : []),
    ].sort((a, b) => a.date.localeCompare(b.date));
    return c.html(
      <Layout title={`${view.number} ${view.title}`} chrome={chrome(c)} current="/diarium">
        <Breadcrumbs trail={[{ href: "/diarium", label: "Diarium" }, { label: view.number }]} />
        {registered ? (
          <div class="notice" role="status">
            <p>{`Registrerat med nummer ${registered}.`}</p>
          </div>
        ) : null}
        <h1>
          <span class="number">{view.number}</span> {view.title}
        </h1>
        <SecrecyNote marking={view.secrecy} withheld={view.withheld} />
        <dl class="facts">
          <dt>Diarienummer</dt>
          <dd>{view.number}</dd>
          <dt>Status</dt>
          <dd>{view.closedOn ? `${statusLabel[view.status]} ${view.closedOn}` : statusLabel[view.status]}</dd>
          <dt>Öppnat</dt>
          <dd>{view.openedOn}</dd>
          {view.responsibleBody ? (
            <>
              <dt>Ansvarigt organ</dt>
              <dd>
                <a href={`/organ/${view.responsibleBody.slug}`}>{view.responsibleBody.name}</a>
              </dd>
            </>
          ) : null}
          {view.caseOfficerName ? (
            <>
              <dt>Handläggare</dt>
              <dd>{view.caseOfficerName}</dd>
            </>
          ) : null}
          {view.originCase ? (
            <>
              <dt>Ursprungsärende</dt>
              <dd>
                <a
                  href={casePath(view.originCase.number)}
                >{`${view.originCase.number} ${view.originCase.title}`}</a>
              </dd>
            </>
          ) : null}
          <CaseLinks title="Ärenden som utgår från detta" cases={view.derivedCases} />
          <CaseLinks title="Relaterade ärenden" cases={view.relatedCases} />
        </dl>
        {writable ? (
          <div class="actions">
            {view.status === "open" ? (
              <a href={`${casePath(view.number)}/handlingar/ny`}>Registrera handling</a>
            ) : null}
            <a href={`${casePath(view.number)}/andra`}>Ändra ärendet</a>
            <a href={`${casePath(view.number)}/relaterade`}>Koppla relaterat ärende</a>
            <a href={`${casePath(view.number)}/handlingsnummer`}>Fortsätt handlingsnumreringen</a>
            {can(actor, "audit:read") ? (
              <a href={`/admin/logg?typ=case&id=${view.id}`}>Ändringslogg</a>
            ) : null}
          </div>
        ) : null}
        {writable && view.status === "open" ? (
          <form method="post" action={`${casePath(view.number)}/avsluta`} class="inline-form">
            <input type="hidden" name="_csrf" value={c.get("csrfToken")} />
            <div class="field">
              <label for="f-closedOn">Avsluta ärendet den</label>
              <input type="date" id="f-closedOn" name="closedOn" value={todayInStockholm()} />
            </div>
            <button type="submit" class="secondary">
              Avsluta ärendet
            </button>
          </form>
        ) : null}
        {writable && view.status === "closed" ? (
          <form method="post" action={`${casePath(view.number)}/ateroppna`} class="inline-form">
            <input type="hidden" name="_csrf" value={c.get("csrfToken")} />
            <button type="submit" class="secondary">
              Återuppta ärendet
            </button>
          </form>
        ) : null}
        <p>
          <a href={`${casePath(view.number)}/tjansteskrivelser`}>Tjänsteskrivelser i ärendet</a>
        </p>
        <h2>Handlingar</h2>
        {view.records.length === 0 ? (
          <p>Inga handlingar är registrerade i ärendet.</p>
        ) : (
          <table>
            <caption>{`${view.records.length} handlingar i nummerordning`}</caption>
            <thead>
              <tr>
                <th scope="col">Nummer</th>
                <th scope="col">Datum</th>
                <th scope="col">Riktning</th>
                <th scope="col">Typ</th>
                <th scope="col">Avsändare/mottagare</th>
                <th scope="col">Beskrivning</th>
                <th scope="col">Filer</th>
              </tr>
            </thead>
            <tbody>
              {view.records.map((r) => (
                <tr id={r.number}>
                  <th scope="row">
                    <a href={recordPath(view.number, Number(r.number.slice(view.number.length + 1)))}>
                      {r.number}
                    </a>
                  </th>
                  <td>{r.datedOn}</td>
                  <td>{directionLabel[r.direction]}</td>
                  <td>{recordTypeLabel[r.recordType]}</td>
                  <td>
                    {r.counterpartBody ? (
                      <a href={`/organ/${r.counterpartBody.slug}`}>{r.counterpartBody.name}</a>
                    ) : (
                      (r.counterpartName ?? "")
                    )}
                  </td>
                  <td>
                    {r.description}
                    {r.secrecy ? (
                      <span class="muted">{` (sekretessmarkerad, ${r.secrecy.provision})`}</span>
                    ) : null}
                  </td>
                  <td>
                    {r.files.length ? (
                      <ul class="files">
                        {r.files.map((f) => (
                          <li>
                            <a href={f.url}>{f.fileName}</a>{" "}
                            <span class="muted">{fileSize(f.sizeBytes)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      ""
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <CaseDispatchSection dispatches={dispatches} />
        <h2>Händelser</h2>
        <ol class="timeline">
          {events.map((e) => (
            <li>
              <time datetime={e.date}>{e.date}</time> {e.href ? <a href={e.href}>{e.text}</a> : e.text}
            </li>
          ))}
        </ol>
      </Layout>,
    );
  });

  // Editing a case.
  const editCaseView = (c: C, number: string, choices: Choices, state: FormRender) => (
    <FormPage
      c={c}
      title={`Ändra ${number}`}
      trail={[
        { href: "/diarium", label: "Diarium" },
        { href: casePath(number), label: number },
        { label: "Ändra" },
      ]}
      action={`${casePath(number)}/andra`}
      fields={caseFields(choices, true)}
      state={state}
      submitLabel="Spara ändringarna"
      intro="Diarienumret ändras inte. Varje ändring loggas."
    />
  );
  app.get("/diarium/:number/andra", async (c) => {
    const actor = requireActor(c);
    const m = requireMunicipality(c);
    const number = c.req.param("number");
    const { view, row } = await read(c, (tx) => readCase(tx, m.id, secretAccess(actor), { number }));
    if (!can(actor, "register:write", row.responsibleBodyId)) throw new DomainError("forbidden");
    const choices = await loadChoices(c);
    const values: FormValues = {
      title: row.title,
      publicTitle: row.publicTitle,
      responsibleBodyId: row.responsibleBodyId,
      caseOfficerId: row.caseOfficerId,
      originCaseNumber: view.originCase?.number ?? "",
      ...flatSecrecy(row),
    };
    return c.html(editCaseView(c, row.number, choices, { values, errors: [] }));
  });
  app.post("/diarium/:number/andra", async (c) => {
    const row = await loadCaseRow(c);
    const choices = await loadChoices(c);
    return submitForm(c, {
      fields: caseFields(choices, true),
      schema: CaseEditForm,
      run: async (tx, actor, input) => {
        const { originCaseNumber, ...rest } = input;
        return updateCase(tx, actor, row.id, {
          ...rest,
          originCaseId: await originId(tx, actor, originCaseNumber),
        });
      },
      render: (state) => editCaseView(c, row.number, choices, state),
      redirect: (updated) => casePath(updated.number),
    });
  });

  app.post("/diarium/:number/avsluta", async (c) => {
    const actor = requireActor(c);
    const row = await loadCaseRow(c);
    const form = await c.req.parseBody();
    const parsed = s.CloseCaseInput.safeParse({ closedOn: form.closedOn });
    if (!parsed.success) throw new DomainError("invalid_input");
    await inTransaction(c.get("deps").database.db, (tx) => closeCase(tx, actor, row.id, parsed.data));
    return c.redirect(casePath(row.number), 303);
  });

  app.post("/diarium/:number/ateroppna", async (c) => {
    const actor = requireActor(c);
    const row = await loadCaseRow(c);
    await inTransaction(c.get("deps").database.db, (tx) => reopenCase(tx, actor, row.id));
    return c.redirect(casePath(row.number), 303);
  });

  // Relating another case.
  const relateFields: Field[] = [
    {
      name: "relatedNumber",
      label: "Det relaterade ärendets diarienummer",
      required: true,
      hint: "Som det står i diariet.",
    },
  ];
  const RelateForm = z.object({
    relatedNumber: z.string({ error: "Ange ett diarienummer." }).trim().min(1, "Ange ett diarienummer."),
  });
  const caseTrail = (number: string, last: string) => [
    { href: "/diarium", label: "Diarium" },
    { href: casePath(number), label: number },
    { label: last },
  ];
  formRoute(app, "/diarium/:number/relaterade", {
    load: loadCaseRow,
    title: (row) => `Koppla ett relaterat ärende till ${row.number}`,
    trail: (row) => caseTrail(row.number, "Relaterat ärende"),
    fields: () => relateFields,
    schema: RelateForm,
    run: async (tx, actor, input, row) => {
      const relatedCaseId = await caseIdForNumber(
        tx,
        actor.municipalityId,
        input.relatedNumber,
        "relatedNumber",
      );
      return relateCases(tx, actor, row.id, { relatedCaseId: relatedCaseId! });
    },
    redirect: (_related, row) => casePath(row.number),
    submitLabel: "Koppla",
  });

  // Continuing record numbers after an import.
  const recordStartFields: Field[] = [
    {
      name: "firstNumber",
      label: "Första handlingsnummer Paragraf ska ge",
      required: true,
      hint: "När handlingarna före detta numrerades i ett tidigare diarium: numret efter den sista handlingen där.",
    },
  ];
  formRoute(app, "/diarium/:number/handlingsnummer", {
    load: loadCaseRow,
    title: (row) => `Fortsätt handlingsnumreringen i ${row.number}`,
    trail: (row) => caseTrail(row.number, "Handlingsnummer"),
    fields: () => recordStartFields,
    schema: s.RecordNumberStartInput,
    run: (tx, actor, input, row) => startRecordNumbersAt(tx, actor, row.id, input),
    redirect: (_started, row) => casePath(row.number),
    submitLabel: "Spara",
  });
}

/** A labelled list of linked cases in the case's facts; nothing when there are none. */
function CaseLinks({ title, cases }: { title: string; cases: { number: string; title: string }[] }) {
  if (cases.length === 0) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd>
        <ul>
          {cases.map((x) => (
            <li>
              <a href={casePath(x.number)}>{`${x.number} ${x.title}`}</a>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}
