import type { Child, FC } from "hono/jsx";
import type { FieldError } from "./validation.js";

export interface Option {
  value: string;
  label: string;
}

export interface Field {
  name: string;
  label: string;
  /** "checkboxes" is a group: one checkbox per option, all posting under the field's name. */
  type?:
    | "text"
    | "email"
    | "number"
    | "date"
    | "password"
    | "checkbox"
    | "checkboxes"
    | "select"
    | "textarea";
  options?: Option[];
  /** The element id, when one page has several forms with a field of the same name; else f-{name}. */
  id?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
}

export type FormValues = Record<string, string | boolean | number | null | undefined>;

/** Turns posted form fields into the input the zod schema expects: empty → null, numbers and checkboxes typed. */
export function formInput(fields: Field[], form: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = form[field.name];
    const text = typeof raw === "string" ? raw.trim() : "";
    if (field.type === "checkbox") input[field.name] = raw === "on" || raw === "true";
    else if (field.type === "checkboxes") input[field.name] = chosen(raw);
    else if (text === "") input[field.name] = field.required ? undefined : null;
    else if (field.type === "number") input[field.name] = /^-?\d+$/.test(text) ? Number(text) : text;
    else input[field.name] = field.type === "password" ? raw : text;
  }
  return input;
}

/** The values a group of checkboxes posted: none, one (a string) or several (an array, when parsed with all). */
function chosen(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((x): x is string => typeof x === "string" && x !== "");
}

/** What to show in the inputs again after a failed post: what the user typed, never a password. */
export function keptValues(fields: Field[], form: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const raw = form[field.name];
    if (field.type === "password") continue;
    if (field.type === "checkboxes") values[field.name] = chosen(raw).join("\n");
    else values[field.name] = field.type === "checkbox" ? raw === "on" : typeof raw === "string" ? raw : "";
  }
  return values;
}

/** The CSRF token every form posts, so that only pages of this site can post it. */
export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

const fieldId = (field: Field) => field.id ?? `f-${field.name}`;

/**
 * What went wrong with a post, at the top of the form or page; nothing when nothing did. A message about a field
 * in `fields` links to it; the others are shown as they are.
 */
export const ErrorSummary: FC<{ errors: FieldError[]; fields?: Field[]; heading?: string }> = ({
  errors,
  fields = [],
  heading = "Något behöver rättas",
}) =>
  errors.length === 0 ? null : (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{heading}</h2>
      <ul>
        {errors.map((e) => {
          const field = fields.find((f) => f.name === e.field);
          return (
            <li>{field ? <a href={`#${fieldId(field)}`}>{`${field.label}: ${e.message}`}</a> : e.message}</li>
          );
        })}
      </ul>
    </div>
  );

/** A field's name as its label or legend shows it, marked when it must be filled in. */
const FieldName: FC<{ field: Field }> = ({ field }) => (
  <>
    {field.label}
    {field.required ? <span class="required"> (obligatoriskt)</span> : null}
  </>
);

/** The hint and the error under a field's name; their ids are what the control's aria-describedby names. */
const FieldHelp: FC<{ field: Field; id: string; error?: string }> = ({ field, id, error }) => (
  <>
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
  </>
);

/** A group of checkboxes under one legend, each posting its option's value under the field's name. */
const CheckboxGroup: FC<{ field: Field; id: string; checked: string[]; error?: string }> = ({
  field,
  id,
  checked,
  error,
}) => (
  <fieldset id={id} class={error ? "field has-error" : "field"}>
    <legend>
      <FieldName field={field} />
    </legend>
    <FieldHelp field={field} id={id} error={error} />
    {(field.options ?? []).length === 0 ? <p class="muted">Ingen att välja.</p> : null}
    {(field.options ?? []).map((o) => (
      <div>
        <input
          type="checkbox"
          id={`${id}-${o.value}`}
          name={field.name}
          value={o.value}
          checked={checked.includes(o.value)}
        />{" "}
        <label for={`${id}-${o.value}`}>{o.label}</label>
      </div>
    ))}
  </fieldset>
);

/** One labelled input with its hint and message; forms with extra parts (file uploads) compose these. */
export const FieldInput: FC<{ field: Field; value?: FormValues[string]; error?: string }> = ({
  field,
  value,
  error,
}) => {
  const id = fieldId(field);
  if (field.type === "checkboxes")
    return (
      <CheckboxGroup
        field={field}
        id={id}
        checked={typeof value === "string" ? value.split("\n") : []}
        error={error}
      />
    );
  const described =
    [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: field.name,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": described,
    required: field.required,
    autocomplete: field.autocomplete,
  };
  const text = value === null || value === undefined || typeof value === "boolean" ? "" : String(value);
  let control: ReturnType<FC>;
  if (field.type === "checkbox") control = <input type="checkbox" {...common} checked={value === true} />;
  else if (field.type === "select")
    control = (
      <select {...common}>
        <option value="">{field.required ? "– välj –" : "– ingen –"}</option>
        {(field.options ?? []).map((o) => (
          <option value={o.value} selected={o.value === text}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else if (field.type === "textarea")
    control = (
      <textarea {...common} rows={6}>
        {text}
      </textarea>
    );
  else
    control = <input type={field.type ?? "text"} {...common} value={field.type === "password" ? "" : text} />;
  return (
    <div class={error ? "field has-error" : "field"}>
      <label for={id}>
        <FieldName field={field} />
      </label>
      <FieldHelp field={field} id={id} error={error} />
      {control}
    </div>
  );
};

/**
 * A whole form: error summary, fields with their messages, CSRF token, submit button. Parts the fields cannot
 * express (a table of ballots) go in children, after the fields.
 */
export const Form: FC<{
  action: string;
  fields: Field[];
  values?: FormValues;
  errors?: FieldError[];
  csrfToken: string;
  submitLabel: string;
  /** A class for the submit button, e.g. "danger" for what cannot be undone. */
  submitClass?: string;
  children?: Child;
}> = ({ action, fields, values = {}, errors = [], csrfToken, submitLabel, submitClass, children }) => (
  <form method="post" action={action} novalidate>
    {errors.length > 0 ? <ErrorSummary errors={errors} fields={fields} /> : null}
    <Csrf token={csrfToken} />
    {fields.map((field) => (
      <FieldInput
        field={field}
        value={values[field.name]}
        error={errors.find((e) => e.field === field.name)?.message}
      />
    ))}
    {children}
    <button type="submit" class={submitClass}>
      {submitLabel}
    </button>
  </form>
);
