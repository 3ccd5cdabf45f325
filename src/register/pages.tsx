import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { describeError } from "../http/errors.js";
import { type Field, Form, type FormValues, formInput, keptValues } from "../http/forms.js";
import { Breadcrumbs, isoDay, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { type FieldError, fieldErrors } from "../http/validation.js";
import { listBodies, listPersons } from "../organisation/queries.js";
import { secretAccess } from "./access.js";
import { closeCase } from "./close-case.js";
import { createNumberSeries } from "./create-number-series.js";
import type { IncomingFile } from "./file-content.js";
import { defaultFileStore } from "./file-store.js";
import { directionLabel, fileSize, recordTypeLabel, sortLabel, statusLabel } from "./labels.js";
import { casePath, recordPath } from "./present.js";
import { findCaseByNumber, listSeries } from "./queries.js";
import { readCase } from "./read-case.js";
import { registerNewCase } from "./register-case.js";
import { registerRecord } from "./register-record.js";
import { relateCases } from "./relate-cases.js";
import * as s from "./schemas.js";
import { type SearchHit, searchRegister } from "./search.js";
import { startRecordNumbersAt } from "./start-record-numbers-at.js";
import { startSeriesAt } from "./start-series-at.js";
import { recordDirections, recordTypes } from "./tables.js";
import { updateCase } from "./update-case.js";
import { updateRecord } from "./update-record.js";

type C = Context<AppEnv>;
type Option = { value: string; label: string };

// ---- form fields ---------------------------------------------------------------------------------------------

/** The three parts of a secrecy marking as form fields; the schema nests them as `secrecy` (OSL 5 kap. 5 §). */
function secrecyFields(bodies: Option[]): Field[] {
  return [
    {
      name: "secrecy.provision",
      label: "Sekretessbestämmelse",
      hint: "Fyll i bara om uppgifter ska sekretessmarkeras, t.ex. OSL 21 kap. 1 §. Då krävs även datum och organ.",
    },
    { name: "secrecy.markedOn", label: "Datum för sekretessmarkeringen", type: "date" },
    { name: "secrecy.markedById", label: "Organ som gjorde markeringen", type: "select", options: bodies },
  ];
}

/** Nests the flat secrecy fields of a form; all empty means no marking. */
function nestSecrecy(input: Record<string, unknown>) {
  const {
    "secrecy.provision": provision,
    "secrecy.markedOn": markedOn,
    "secrecy.markedById": markedById,
    ...rest
  } = input;
  const given = [provision, markedOn, markedById].some((v) => v !== null && v !== undefined && v !== "");
  return {
    ...rest,
    secrecy: given
      ? {
          provision: provision ?? undefined,
          markedOn: markedOn ?? undefined,
          markedById: markedById ?? undefined,
        }
      : null,
  };
}

function flatSecrecy(row: {
  secrecyProvision: string | null;
  secrecyMarkedOn: string | null;
  secrecyMarkedById: string | null;
}): FormValues {
  return {
    "secrecy.provision": row.secrecyProvision,
    "secrecy.markedOn": row.secrecyMarkedOn,
    "secrecy.markedById": row.secrecyMarkedById,
  };
}

interface Choices {
  series: Option[];
  bodies: Option[];
  persons: Option[];
}

async function loadChoices(c: C): Promise<Choices> {
  const m = requireMunicipality(c);
  return read(c, async (tx) => ({
    series: (await listSeries(tx, m.id)).map((x) => ({ value: x.code, label: `${x.code} (${x.pattern})` })),
    bodies: (await listBodies(tx, m.id)).map((b) => ({
      value: b.id,
      label: b.shortName ? `${b.name} (${b.shortName})` : b.name,
    })),
    persons: (await listPersons(tx, m.id)).map((p) => ({ value: p.id, label: p.name })),
  }));
}

function caseFields(choices: Choices, editing: boolean): Field[] {
  return [
    ...(editing
      ? []
      : [
          {
            name: "seriesCode",
            label: "Nummerserie",
            type: "select",
            required: true,
            options: choices.series,
          } as Field,
          {
            name: "openedOn",
            label: "Datum",
            type: "date",
            required: true,
            hint: "Dagen ärendet öppnas. Året bestämmer diarienumrets år.",
          } as Field,
        ]),
    { name: "title", label: "Ärendemening", required: true, type: "textarea" },
    {
      name: "publicTitle",
      label: "Publik ärendemening",
      type: "textarea",
      hint: "Visas i stället för ärendemeningen om ärendet är sekretessmarkerat (OSL 5 kap. 2 §).",
    },
    { name: "responsibleBodyId", label: "Ansvarigt organ", type: "select", options: choices.bodies },
    { name: "caseOfficerId", label: "Handläggare", type: "select", options: choices.persons },
    { name: "originCaseNumber", label: "Ursprungsärende", hint: "Diarienummer, t.ex. STK-2023-137." },
    ...secrecyFields(choices.bodies),
  ];
}

function recordFields(choices: Choices): Field[] {
  return [
    {
      name: "direction",
      label: "Riktning",
      type: "select",
      required: true,
      options: recordDirections.map((d) => ({ value: d, label: directionLabel[d] })),
    },
    {
      name: "recordType",
      label: "Handlingstyp",
      type: "select",
      required: true,
      options: recordTypes.map((t) => ({ value: t, label: recordTypeLabel[t] })),
    },
    {
      name: "datedOn",
      label: "Datum",
      type: "date",
      required: true,
      hint: "Dagen handlingen kom in eller upprättades.",
    },
    { name: "description", label: "Kort beskrivning", type: "textarea", required: true },
    {
      name: "counterpartBodyId",
      label: "Avsändare eller mottagare (organ)",
      type: "select",
      options: choices.bodies,
    },
    {
      name: "counterpartName",
      label: "Avsändare eller mottagare (annan)",
      hint: "Namn på en avsändare eller mottagare utanför kommunens organ.",
    },
    {
      name: "publicDescription",
      label: "Publik beskrivning",
      type: "textarea",
      hint: "Visas i stället för beskrivningen om handlingen är sekretessmarkerad (OSL 5 kap. 2 §).",
    },
    ...secrecyFields(choices.bodies),
  ];
}

const CaseForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.CaseInput.extend({ originCaseNumber: z.string().trim().nullish() }).omit({ originCaseId: true }),
);
const CaseEditForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.CaseUpdate.extend({ originCaseNumber: z.string().trim().nullish() }).omit({ originCaseId: true }),
);
const RecordForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.RecordInput.omit({ caseId: true }),
);

async function originId(tx: Tx, actor: Actor, number: string | null | undefined) {
  if (!number) return null;
  const found = await findCaseByNumber(tx, actor.municipalityId, number);
  if (!found) throw new DomainError("case_not_found", {}, "originCaseNumber");
  return found.id;
}

// ---- pieces of pages -----------------------------------------------------------------------------------------

const FormPage: FC<{
  c: C;
  title: string;
  trail: { href?: string; label: string }[];
  action: string;
  fields: Field[];
  state: FormRender;
  submitLabel: string;
  intro?: string;
}> = (p) => (
  <Layout title={p.title} chrome={chrome(p.c)} current="/diarium">
    <Breadcrumbs trail={p.trail} />
    <h1>{p.title}</h1>
    {p.intro ? <p>{p.intro}</p> : null}
    <Form
      action={p.action}
      fields={p.fields}
      values={p.state.values}
      errors={p.state.errors}
      csrfToken={p.c.get("csrfToken")}
      submitLabel={p.submitLabel}
    />
  </Layout>
);

/** A form with a file input, posted as multipart/form-data (the shared Form posts url-encoded only). */
const UploadForm: FC<{
  action: string;
  fields: Field[];
  state: FormRender;
  csrfToken: string;
  submitLabel: string;
}> = ({ action, fields, state, csrfToken, submitLabel }) => {
  const fileError = state.errors.find((e) => e.field === "files")?.message;
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate>
      {state.errors.length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>Något behöver rättas</h2>
          <ul>
            {state.errors.map((e) => {
              const field = fields.find((f) => f.name === e.field);
              if (field)
                return (
                  <li>
                    <a href={`#f-${field.name}`}>{`${field.label}: ${e.message}`}</a>
                  </li>
                );
              if (e.field === "files")
                return (
                  <li>
                    <a href="#f-files">{`Filer: ${e.message}`}</a>
                  </li>
                );
              return <li>{e.message}</li>;
            })}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="_csrf" value={csrfToken} />
      {fields.map((field) => (
        <FieldInput
          field={field}
          value={state.values[field.name]}
          error={state.errors.find((e) => e.field === field.name)?.message}
        />
      ))}
      <div class={fileError ? "field has-error" : "field"}>
        <label for="f-files">Filer</label>
        <p class="hint" id="f-files-hint">
          PDF, text, PNG, JPEG, Word, Excel eller OpenDocument-text. Högst 25 MB per fil. Filtypen måste
          stämma med innehållet.
        </p>
        {fileError ? (
          <p class="field-error" id="f-files-error">
            {fileError}
          </p>
        ) : null}
        <input
          type="file"
          id="f-files"
          name="files"
          multiple
          aria-describedby={fileError ? "f-files-hint f-files-error" : "f-files-hint"}
        />
      </div>
      <button type="submit">{submitLabel}</button>
    </form>
  );
};

/** One form field, marked up like the shared Form's. */
const FieldInput: FC<{ field: Field; value: FormValues[string]; error?: string }> = ({
  field,
  value,
  error,
}) => {
  const id = `f-${field.name}`;
  const described =
    [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: field.name,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": described,
    required: field.required,
  };
  const text = value === null || value === undefined || typeof value === "boolean" ? "" : String(value);
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        {field.label}
        {field.required ? <span class="required"> (obligatoriskt)</span> : null}
      </label>
      {field.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {field.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {field.type === "select" ? (
        <select {...common}>
          {field.required ? null : <option value="">– ingen –</option>}
          {(field.options ?? []).map((o) => (
            <option value={o.value} selected={o.value === text}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.type === "textarea" ? (
        <textarea {...common} rows={3}>
          {text}
        </textarea>
      ) : (
        <input type={field.type ?? "text"} {...common} value={text} />
      )}
    </div>
  );
};

const Snippet: FC<{ hit: SearchHit }> = ({ hit }) => (
  <p class="snippet">{hit.snippet.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</p>
);

const SecrecyNote: FC<{ marking: s.CaseView["secrecy"]; withheld: boolean }> = ({ marking, withheld }) =>
  marking ? (
    <p class="secrecy">
      <strong>Sekretessmarkerad</strong>
      {` enligt ${marking.provision}, ${marking.markedOn}${marking.markedByName ? `, av ${marking.markedByName}` : ""}.`}
      {withheld ? " Uppgifter som omfattas av sekretess visas inte." : ""}
    </p>
  ) : null;

function searchLink(params: Record<string, string | number | undefined>) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
  return `/diarium?${query}`;
}

// ---- the pages -----------------------------------------------------------------------------------------------

/** The diarium's pages: public search and case pages, and the registrar's forms. */
export function registerRegisterPages(app: OpenAPIHono<AppEnv>) {
  app.get("/diarium", async (c) => {
    const m = requireMunicipality(c);
    const raw = c.req.query();
    const parsed = s.SearchQuery.safeParse(raw);
    const bodies = await read(c, (tx) => listBodies(tx, m.id));
    const query = parsed.success ? parsed.data : {};
    const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
    const result = parsed.success
      ? await read(c, (tx) =>
          searchRegister(tx, m.id, secretAccess(c.get("actor")), {
            q: query.q,
            bodyId: query.organ,
            year: query.ar,
            recordType: query.typ,
            direction: query.riktning,
            status: query.status,
            kind: query.slag,
            sort: query.sortering,
            page: query.sida,
          }),
        )
      : null;
    const actor = c.get("actor");
    const select = (
      name: string,
      label: string,
      options: Option[],
      value: string | undefined,
      none: string,
    ) => (
      <div class="field">
        <label for={`s-${name}`}>{label}</label>
        <select id={`s-${name}`} name={name}>
          <option value="">{none}</option>
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
    const keep = {
      q: query.q,
      organ: query.organ,
      ar: query.ar,
      typ: query.typ,
      riktning: query.riktning,
      status: query.status,
      slag: query.slag,
      sortering: query.sortering,
    };
    const pages = result ? Math.ceil(result.total / result.perPage) : 0;
    return c.html(
      <Layout title="Diarium" chrome={chrome(c)} current="/diarium">
        <h1>{`Diarium för ${m.name}`}</h1>
        <p>
          Sök bland ärenden och handlingar. Sökningen hittar böjda former (insats, insatser, föreningen) och
          diarienummer från början (STK-2024-13 hittar STK-2024-1374).
        </p>
        {can(actor, "register:write") || actor?.grants.some((g) => g.role === "registrar") ? (
          <p class="actions">
            <a href="/diarium/ny">Registrera ärende</a>
            {can(actor, "organisation:write") ? <a href="/diarium/nummerserier">Nummerserier</a> : null}
          </p>
        ) : null}
        <search>
          <form method="get" action="/diarium" class="search">
            {errors.length ? (
              <div class="error-summary" role="alert">
                <h2>Sökningen kunde inte göras</h2>
                <ul>
                  {errors.map((e) => (
                    <li>{e.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div class="field">
              <label for="s-q">Sökord eller diarienummer</label>
              <input type="search" id="s-q" name="q" value={query.q ?? ""} />
            </div>
            <details
              open={Boolean(
                query.organ || query.ar || query.typ || query.riktning || query.status || query.slag,
              )}
            >
              <summary>Avgränsa</summary>
              {select(
                "organ",
                "Ansvarigt organ",
                bodies.map((b) => ({ value: b.id, label: b.name })),
                query.organ,
                "Alla organ",
              )}
              <div class="field">
                <label for="s-ar">År</label>
                <input type="number" id="s-ar" name="ar" value={query.ar ? String(query.ar) : ""} />
              </div>
              {select(
                "slag",
                "Visa",
                [
                  { value: "case", label: "Bara ärenden" },
                  { value: "record", label: "Bara handlingar" },
                ],
                query.slag,
                "Ärenden och handlingar",
              )}
              {select(
                "typ",
                "Handlingstyp",
                recordTypes.map((t) => ({ value: t, label: recordTypeLabel[t] })),
                query.typ,
                "Alla typer",
              )}
              {select(
                "riktning",
                "Riktning",
                recordDirections.map((d) => ({ value: d, label: directionLabel[d] })),
                query.riktning,
                "Alla riktningar",
              )}
              {select(
                "status",
                "Ärendets status",
                [
                  { value: "open", label: statusLabel.open },
                  { value: "closed", label: statusLabel.closed },
                ],
                query.status,
                "Alla",
              )}
            </details>
            <div class="field">
              <label for="s-sortering">Sortering</label>
              <select id="s-sortering" name="sortering">
                {Object.entries(sortLabel).map(([value, label]) => (
                  <option
                    value={value}
                    selected={value === (query.sortering ?? (query.q ? "relevance" : "newest"))}
                  >
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Sök</button>
          </form>
        </search>
        {result ? (
          <section aria-labelledby="traffar">
            <h2 id="traffar">
              {result.total === 0
                ? "Inga träffar"
                : `${result.totalCapped ? "Fler än " : ""}${result.total} ${result.total === 1 ? "träff" : "träffar"}`}
            </h2>
            <ol class="hits">
              {result.hits.map((hit) => (
                <li>
                  <h3>
                    <a
                      href={
                        hit.kind === "case"
                          ? casePath(hit.number)
                          : `${casePath(hit.caseNumber)}#${hit.number}`
                      }
                    >
                      {`${hit.number} ${hit.heading}`}
                    </a>
                  </h3>
                  <p class="muted">
                    {hit.kind === "case"
                      ? `Ärende · ${statusLabel[hit.status]} · öppnat ${hit.datedOn}${hit.bodyName ? ` · ${hit.bodyName}` : ""}`
                      : `Handling · ${recordTypeLabel[hit.recordType!]} · ${directionLabel[hit.direction!].toLowerCase()} · ${hit.datedOn} · i ärende ${hit.caseNumber} ${hit.caseTitle}`}
                    {hit.secret ? " · Sekretessmarkerad" : ""}
                  </p>
                  {query.q ? <Snippet hit={hit} /> : null}
                </li>
              ))}
            </ol>
            {pages > 1 ? (
              <nav aria-label="Sidor" class="actions">
                {result.page > 1 ? (
                  <a href={searchLink({ ...keep, sida: result.page - 1 })}>Föregående sida</a>
                ) : null}
                <span>{`Sida ${result.page} av ${pages}`}</span>
                {result.page < pages ? (
                  <a href={searchLink({ ...keep, sida: result.page + 1 })}>Nästa sida</a>
                ) : null}
              </nav>
            ) : null}
          </section>
        ) : null}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });

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
    return c.html(newCaseView(c, choices, { values: { openedOn: isoDay(new Date()) }, errors: [] }));
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
      hint: "T.ex. {prefix}-{year}-{seq} (STK-2024-1374), {year}/{prefix} {seq:4} (2011/KS 0206) eller {prefix}.{year}.{seq} (KU.2017.3).",
    },
  ];
  const startFields = (choices: Choices): Field[] => [
    { name: "seriesCode", label: "Nummerserie", type: "select", required: true, options: choices.series },
    {
      name: "firstNumber",
      label: "Första nummer Paragraf ska ge",
      required: true,
      hint: "När Paragraf tar över från ett tidigare diarium, t.ex. STK-2024-1374.",
    },
  ];
  type SeriesList = Awaited<ReturnType<typeof listSeries>>;
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
  const loadSeries = (c: C) => read(c, (tx) => listSeries(tx, requireMunicipality(c).id));
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
    const { view, row } = await read(c, (tx) => readCase(tx, m.id, access, { number }));
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
          {view.derivedCases.length ? (
            <>
              <dt>Ärenden som utgår från detta</dt>
              <dd>
                <ul>
                  {view.derivedCases.map((x) => (
                    <li>
                      <a href={casePath(x.number)}>{`${x.number} ${x.title}`}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {view.relatedCases.length ? (
            <>
              <dt>Relaterade ärenden</dt>
              <dd>
                <ul>
                  {view.relatedCases.map((x) => (
                    <li>
                      <a href={casePath(x.number)}>{`${x.number} ${x.title}`}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
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
              <input type="date" id="f-closedOn" name="closedOn" value={isoDay(new Date())} />
            </div>
            <button type="submit" class="secondary">
              Avsluta ärendet
            </button>
          </form>
        ) : null}
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

  const loadCaseRow = async (c: C) => {
    const m = requireMunicipality(c);
    const found = await read(c, (tx) => findCaseByNumber(tx, m.id, c.req.param("number") ?? ""));
    if (!found) throw new NotFoundError("case");
    return found;
  };

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
    const row = await loadCaseRow(c);
    if (!can(actor, "register:write", row.responsibleBodyId)) throw new DomainError("forbidden");
    const origin = row.originCaseId
      ? await read(c, (tx) =>
          tx.query.registerCase.findFirst({ where: (x, { eq }) => eq(x.id, row.originCaseId!) }),
        )
      : null;
    const choices = await loadChoices(c);
    const values: FormValues = {
      title: row.title,
      publicTitle: row.publicTitle,
      responsibleBodyId: row.responsibleBodyId,
      caseOfficerId: row.caseOfficerId,
      originCaseNumber: origin?.number ?? "",
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

  // Relating another case.
  const relateFields: Field[] = [
    {
      name: "relatedNumber",
      label: "Det relaterade ärendets diarienummer",
      required: true,
      hint: "T.ex. STK-2023-137.",
    },
  ];
  const RelateForm = z.object({
    relatedNumber: z.string({ error: "Ange ett diarienummer." }).trim().min(1, "Ange ett diarienummer."),
  });
  const relateView = (c: C, number: string, state: FormRender) => (
    <FormPage
      c={c}
      title={`Koppla ett relaterat ärende till ${number}`}
      trail={[
        { href: "/diarium", label: "Diarium" },
        { href: casePath(number), label: number },
        { label: "Relaterat ärende" },
      ]}
      action={`${casePath(number)}/relaterade`}
      fields={relateFields}
      state={state}
      submitLabel="Koppla"
    />
  );
  app.get("/diarium/:number/relaterade", async (c) => {
    requireActor(c);
    const row = await loadCaseRow(c);
    return c.html(relateView(c, row.number, { values: {}, errors: [] }));
  });
  app.post("/diarium/:number/relaterade", async (c) => {
    const row = await loadCaseRow(c);
    return submitForm(c, {
      fields: relateFields,
      schema: RelateForm,
      run: async (tx, actor, input) => {
        const other = await findCaseByNumber(tx, actor.municipalityId, input.relatedNumber);
        if (!other) throw new DomainError("case_not_found", {}, "relatedNumber");
        return relateCases(tx, actor, row.id, { relatedCaseId: other.id });
      },
      render: (state) => relateView(c, row.number, state),
      redirect: () => casePath(row.number),
    });
  });

  // Continuing record numbers after an import.
  const recordStartFields: Field[] = [
    {
      name: "firstNumber",
      label: "Första handlingsnummer Paragraf ska ge",
      required: true,
      hint: "När handlingarna före detta numrerades i ett tidigare diarium, t.ex. STK-2023-137-50.",
    },
  ];
  const recordStartView = (c: C, number: string, state: FormRender) => (
    <FormPage
      c={c}
      title={`Fortsätt handlingsnumreringen i ${number}`}
      trail={[
        { href: "/diarium", label: "Diarium" },
        { href: casePath(number), label: number },
        { label: "Handlingsnummer" },
      ]}
      action={`${casePath(number)}/handlingsnummer`}
      fields={recordStartFields}
      state={state}
      submitLabel="Spara"
    />
  );
  app.get("/diarium/:number/handlingsnummer", async (c) => {
    requireActor(c);
    const row = await loadCaseRow(c);
    return c.html(recordStartView(c, row.number, { values: {}, errors: [] }));
  });
  app.post("/diarium/:number/handlingsnummer", async (c) => {
    const row = await loadCaseRow(c);
    return submitForm(c, {
      fields: recordStartFields,
      schema: s.RecordNumberStartInput,
      run: (tx, actor, input) => startRecordNumbersAt(tx, actor, row.id, input),
      render: (state) => recordStartView(c, row.number, state),
      redirect: () => casePath(row.number),
    });
  });

  // Registering a record, with files.
  const newRecordView = (c: C, number: string, choices: Choices, state: FormRender) => (
    <Layout title={`Registrera handling i ${number}`} chrome={chrome(c)} current="/diarium">
      <Breadcrumbs
        trail={[
          { href: "/diarium", label: "Diarium" },
          { href: casePath(number), label: number },
          { label: "Registrera handling" },
        ]}
      />
      <h1>{`Registrera handling i ${number}`}</h1>
      <p>Handlingen får ärendets nästa handlingsnummer när du registrerar.</p>
      <UploadForm
        action={`${casePath(number)}/handlingar/ny`}
        fields={recordFields(choices)}
        state={state}
        csrfToken={c.get("csrfToken")}
        submitLabel="Registrera"
      />
    </Layout>
  );
  app.get("/diarium/:number/handlingar/ny", async (c) => {
    requireActor(c);
    const row = await loadCaseRow(c);
    const choices = await loadChoices(c);
    return c.html(
      newRecordView(c, row.number, choices, { values: { datedOn: isoDay(new Date()) }, errors: [] }),
    );
  });
  app.post("/diarium/:number/handlingar/ny", async (c) => {
    const actor = requireActor(c);
    const row = await loadCaseRow(c);
    const choices = await loadChoices(c);
    const fields = recordFields(choices);
    const form = await c.req.parseBody({ all: true });
    const single = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const values = keptValues(fields, single);
    const render = (errors: FieldError[], status: number) =>
      c.html(newRecordView(c, row.number, choices, { values, errors }), status as 400);
    const parsed = RecordForm.safeParse(formInput(fields, single));
    if (!parsed.success) return render(fieldErrors(parsed.error), 400);
    const uploads = ([] as unknown[])
      .concat(form.files ?? [])
      .filter((f): f is File => f instanceof File && f.size > 0);
    const files: IncomingFile[] = [];
    for (const f of uploads)
      files.push({ name: f.name, declaredType: f.type, bytes: new Uint8Array(await f.arrayBuffer()) });
    try {
      const created = await inTransaction(c.get("deps").database.db, (tx) =>
        registerRecord(tx, actor, { ...parsed.data, caseId: row.id, files }, defaultFileStore()),
      );
      return c.redirect(`${casePath(row.number)}?registrerat=${encodeURIComponent(created.number)}`, 303);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        ["not_found", "forbidden", "unauthenticated"].includes(error.code)
      )
        throw error;
      const { status, message } = describeError(error);
      return render([{ field: error.field ?? "_", message }], status);
    }
  });

  const loadRecord = async (c: C) => {
    const m = requireMunicipality(c);
    const number = c.req.param("number") ?? "";
    const sequence = c.req.param("sequence") ?? "";
    if (!/^[1-9]\d{0,6}$/.test(sequence)) throw new NotFoundError("record");
    const access = secretAccess(c.get("actor"));
    const { view, row } = await read(c, (tx) => readCase(tx, m.id, access, { number }));
    const record = view.records.find((r) => r.number === `${view.number}-${sequence}`);
    if (!record) throw new NotFoundError("record");
    return { view, row, record, access };
  };

  // One record.
  app.get("/diarium/:number/handlingar/:sequence", async (c) => {
    const { view, row, record } = await loadRecord(c);
    const writable = can(c.get("actor"), "register:write", row.responsibleBodyId);
    return c.html(
      <Layout title={`${record.number} ${record.description}`} chrome={chrome(c)} current="/diarium">
        <Breadcrumbs
          trail={[
            { href: "/diarium", label: "Diarium" },
            { href: casePath(view.number), label: view.number },
            { label: record.number },
          ]}
        />
        <h1>
          <span class="number">{record.number}</span> {record.description}
        </h1>
        <SecrecyNote marking={record.secrecy} withheld={record.withheld} />
        <dl class="facts">
          <dt>Ärende</dt>
          <dd>
            <a href={casePath(view.number)}>{`${view.number} ${view.title}`}</a>
          </dd>
          <dt>Datum</dt>
          <dd>{record.datedOn}</dd>
          <dt>Riktning</dt>
          <dd>{directionLabel[record.direction]}</dd>
          <dt>Handlingstyp</dt>
          <dd>{recordTypeLabel[record.recordType]}</dd>
          {record.counterpartBody || record.counterpartName ? (
            <>
              <dt>{record.direction === "outgoing" ? "Mottagare" : "Avsändare"}</dt>
              <dd>
                {record.counterpartBody ? (
                  <a href={`/organ/${record.counterpartBody.slug}`}>{record.counterpartBody.name}</a>
                ) : (
                  record.counterpartName
                )}
              </dd>
            </>
          ) : null}
        </dl>
        {writable ? (
          <div class="actions">
            <a href={`${recordPath(view.number, Number(record.number.slice(view.number.length + 1)))}/andra`}>
              Rätta uppgifterna
            </a>
            {can(c.get("actor"), "audit:read") ? (
              <a href={`/admin/logg?typ=record&id=${record.id}`}>Ändringslogg</a>
            ) : null}
          </div>
        ) : null}
        <h2>Filer</h2>
        {record.files.length ? (
          <ul class="files">
            {record.files.map((f) => (
              <li>
                <a href={f.url}>{f.fileName}</a>{" "}
                <span class="muted">{`${fileSize(f.sizeBytes)}, ${f.mediaType}`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {record.withheld ? "Filerna omfattas av sekretess och visas inte." : "Inga filer är bifogade."}
          </p>
        )}
      </Layout>,
    );
  });

  // Correcting a record.
  const editRecordView = (
    c: C,
    recordNumber: string,
    caseNumber: string,
    action: string,
    choices: Choices,
    state: FormRender,
  ) => (
    <FormPage
      c={c}
      title={`Rätta ${recordNumber}`}
      trail={[
        { href: "/diarium", label: "Diarium" },
        { href: casePath(caseNumber), label: caseNumber },
        { label: `Rätta ${recordNumber}` },
      ]}
      action={action}
      fields={recordFields(choices)}
      state={state}
      submitLabel="Spara rättelsen"
      intro="Handlingsnumret ändras inte. Varje ändring loggas."
    />
  );
  app.get("/diarium/:number/handlingar/:sequence/andra", async (c) => {
    const actor = requireActor(c);
    const { view, row, record } = await loadRecord(c);
    if (!can(actor, "register:write", row.responsibleBodyId)) throw new DomainError("forbidden");
    const stored = await read(c, (tx) =>
      tx.query.record.findFirst({ where: (r, { eq }) => eq(r.id, record.id) }),
    );
    const choices = await loadChoices(c);
    const values: FormValues = {
      direction: stored!.direction,
      recordType: stored!.recordType,
      datedOn: stored!.datedOn,
      description: stored!.description,
      counterpartBodyId: stored!.counterpartBodyId,
      counterpartName: stored!.counterpartName,
      publicDescription: stored!.publicDescription,
      ...flatSecrecy(stored!),
    };
    return c.html(editRecordView(c, record.number, view.number, c.req.path, choices, { values, errors: [] }));
  });
  app.post("/diarium/:number/handlingar/:sequence/andra", async (c) => {
    const { view, record } = await loadRecord(c);
    const choices = await loadChoices(c);
    return submitForm(c, {
      fields: recordFields(choices),
      schema: RecordForm,
      run: (tx, actor, input) => updateRecord(tx, actor, record.id, input),
      render: (state) => editRecordView(c, record.number, view.number, c.req.path, choices, state),
      redirect: () => `${casePath(view.number)}#${record.number}`,
    });
  });

  // A file of a record; a withheld record has no files to hand out.
  app.get("/diarium/:number/handlingar/:sequence/filer/:position", async (c) => {
    const { record } = await loadRecord(c);
    const position = c.req.param("position");
    const found = record.files.find((f) => f.url.endsWith(`/filer/${position}`));
    if (!found) throw new NotFoundError("file");
    const bytes = await defaultFileStore().get(found.sha256);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": found.mediaType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      "Cache-Control": record.secrecy ? "private, no-store" : "public, max-age=3600",
    });
  });
}
