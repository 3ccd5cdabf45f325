import type { FC } from "hono/jsx";
import type { FieldError } from "./validation.js";

export interface Option {
  value: string;
  label: string;
}

export interface Field {
  name: string;
  label: string;
  type?: "text" | "email" | "number" | "date" | "password" | "checkbox" | "select" | "textarea";
  options?: Option[];
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
    else if (text === "") input[field.name] = field.required ? undefined : null;
    else if (field.type === "number") input[field.name] = /^-?\d+$/.test(text) ? Number(text) : text;
    else input[field.name] = field.type === "password" ? raw : text;
  }
  return input;
}

/** What to show in the inputs again after a failed post: what the user typed, never a password. */
export function keptValues(fields: Field[], form: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const raw = form[field.name];
    if (field.type === "password") continue;
    values[field.name] = field.type === "checkbox" ? raw === "on" : typeof raw === "string" ? raw : "";
  }
  return values;
}

const ErrorSummary: FC<{ errors: FieldError[]; fields: Field[] }> = ({ errors, fields }) => (
  <div class="error-summary" role="alert" tabindex={-1}>
    <h2>Något behöver rättas</h2>
    <ul>
      {errors.map((e) => {
        const field = fields.find((f) => f.name === e.field);
        return (
          <li>{field ? <a href={`#f-${field.name}`}>{`${field.label}: ${e.message}`}</a> : e.message}</li>
        );
      })}
    </ul>
  </div>
);

/** One labelled input with its hint and message; forms with extra parts (file uploads) compose these. */
export const FieldInput: FC<{ field: Field; value: FormValues[string]; error?: string }> = ({
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
      {control}
    </div>
  );
};

/** A whole form: error summary, fields with their messages, CSRF token, submit button. */
export const Form: FC<{
  action: string;
  fields: Field[];
  values?: FormValues;
  errors?: FieldError[];
  csrfToken: string;
  submitLabel: string;
}> = ({ action, fields, values = {}, errors = [], csrfToken, submitLabel }) => (
  <form method="post" action={action} novalidate>
    {errors.length > 0 ? <ErrorSummary errors={errors} fields={fields} /> : null}
    <input type="hidden" name="_csrf" value={csrfToken} />
    {fields.map((field) => (
      <FieldInput
        field={field}
        value={values[field.name]}
        error={errors.find((e) => e.field === field.name)?.message}
      />
    ))}
    <button type="submit">{submitLabel}</button>
  </form>
);
