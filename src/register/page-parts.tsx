import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import type { AppEnv } from "../http/context.js";
import { FormPage as SharedFormPage } from "../http/form-route.js";
import { type Field, FieldInput, type FormValues } from "../http/forms.js";
import { type FormRender, read, requireMunicipality } from "../http/pages.js";
import { directionLabel, recordTypeLabel } from "./labels.js";
import { caseIdForNumber, readCaseRow } from "./read-case.js";
import { type Option, readChoices } from "./read-choices.js";
import * as s from "./schemas.js";
import type { SearchHit } from "./search.js";
import { recordDirections, recordTypes } from "./tables.js";

// Pieces the diarium's pages share: form fields, form schemas, small components, loaders.

export type C = Context<AppEnv>;
export type { Option };

// ---- form fields ---------------------------------------------------------------------------------------------

/** The three parts of a secrecy marking as form fields; the schema nests them as `secrecy` (OSL 5 kap. 5 §). */
export function secrecyFields(bodies: Option[]): Field[] {
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
export function nestSecrecy(input: Record<string, unknown>) {
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

export function flatSecrecy(row: {
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

export interface Choices {
  series: Option[];
  bodies: Option[];
  persons: Option[];
}

export async function loadChoices(c: C): Promise<Choices> {
  const m = requireMunicipality(c);
  return read(c, (tx) => readChoices(tx, m.id));
}

export function caseFields(choices: Choices, editing: boolean): Field[] {
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
    { name: "originCaseNumber", label: "Ursprungsärende", hint: "Diarienumret som det står i diariet." },
    ...secrecyFields(choices.bodies),
  ];
}

export function recordFields(choices: Choices): Field[] {
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

export const CaseForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.CaseInput.extend({ originCaseNumber: z.string().trim().nullish() }).omit({ originCaseId: true }),
);
export const CaseEditForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.CaseUpdate.extend({ originCaseNumber: z.string().trim().nullish() }).omit({ originCaseId: true }),
);
export const RecordForm = z.preprocess(
  (v) => nestSecrecy(v as Record<string, unknown>),
  s.RecordInput.omit({ caseId: true }),
);

/** The id of the origin case a form names by number; refused on the field when it is not in the register. */
export function originId(tx: Tx, actor: Actor, number: string | null | undefined) {
  return caseIdForNumber(tx, actor.municipalityId, number, "originCaseNumber");
}

// ---- pieces of pages -----------------------------------------------------------------------------------------

/** A form page of the diarium: the shared one, under "Diarium" in the navigation. */
export const FormPage = (props: Omit<Parameters<typeof SharedFormPage>[0], "current">) => (
  <SharedFormPage {...props} current="/diarium" />
);

/** A form with a file input, posted as multipart/form-data (the shared Form posts url-encoded only). */
export const UploadForm: FC<{
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

export const Snippet: FC<{ hit: SearchHit }> = ({ hit }) => (
  <p class="snippet">{hit.snippet.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</p>
);

export const SecrecyNote: FC<{ marking: s.CaseView["secrecy"]; withheld: boolean }> = ({
  marking,
  withheld,
}) =>
  marking ? (
    <p class="secrecy">
      <strong>Sekretessmarkerad</strong>
      {` enligt ${marking.provision}, ${marking.markedOn}${marking.markedByName ? `, av ${marking.markedByName}` : ""}.`}
      {withheld ? " Uppgifter som omfattas av sekretess visas inte." : ""}
    </p>
  ) : null;

export function searchLink(params: Record<string, string | number | undefined>) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
  return `/diarium?${query}`;
}

/** The case a page is about, from the number in its path; not found when there is none. */
export async function loadCaseRow(c: C) {
  const m = requireMunicipality(c);
  return read(c, (tx) => readCaseRow(tx, m.id, c.req.param("number") ?? ""));
}
