import { z } from "@hono/zod-openapi";

// Unknown fields are refused, never dropped in silence (issue 11): a field the schema does not name is a mistake
// (a misspelt name) or an attack (megabytes of padding), and both are told which field it was. A body can carry
// thousands of unknown fields, or a name thousands of characters long, so the answer names a few, shortened.

/** How many unknown fields an answer names; the rest are counted. */
const namedUnknownFields = 10;
/** How much of an unknown field's name an answer repeats. */
const shownNameLength = 60;

function shown(name: string): string {
  return name.length <= shownNameLength ? name : `${name.slice(0, shownNameLength)}…`;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((part) => shown(String(part))).join(".");
}

/** `Fältet "x" finns inte i begäran.`, with the object it was in when that is not the whole body. */
function unknownFieldMessage(key: string, path: readonly PropertyKey[]): string {
  const where = path.length === 0 ? "begäran" : `"${dotted(path)}"`;
  return `Fältet "${shown(key)}" finns inte i ${where}. Ta bort det och försök igen.`;
}

function moreUnknownFieldsMessage(count: number): string {
  return count === 1 ? "Ytterligare 1 fält finns inte." : `Ytterligare ${count} fält finns inte.`;
}

/** One message for all unknown fields of one object, for where zod's own message is read. */
function unknownFieldsMessage(keys: readonly string[], path: readonly PropertyKey[]): string {
  const named = keys.slice(0, namedUnknownFields).map((key) => unknownFieldMessage(key, path));
  const rest = keys.length - named.length;
  return [...named, ...(rest > 0 ? [moreUnknownFieldsMessage(rest)] : [])].join(" ");
}

// Swedish messages for what the schemas do not word themselves. Field-specific messages live on the schemas.
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        return issue.input === undefined ? "Fältet måste fyllas i." : "Värdet har fel form.";
      case "too_small":
        return issue.origin === "string"
          ? `Ange minst ${issue.minimum} tecken.`
          : `Värdet måste vara minst ${issue.minimum}.`;
      case "too_big":
        return issue.origin === "string"
          ? `Ange högst ${issue.maximum} tecken.`
          : `Värdet får vara högst ${issue.maximum}.`;
      case "invalid_value":
        return "Välj ett av de tillåtna värdena.";
      case "invalid_format":
        return issue.format === "email" ? "Ange en giltig e-postadress." : "Värdet har fel format.";
      case "unrecognized_keys":
        return unknownFieldsMessage(issue.keys, issue.path ?? []);
      default:
        return "Ogiltigt värde.";
    }
  },
});

export interface FieldError {
  field: string;
  message: string;
}

/**
 * One Swedish message per field, the first one zod found. An unknown field is an error on that field, named in
 * its message; past the first few, the others are counted in one message of their own.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Map<string, string>();
  let unknown = 0;
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        unknown += 1;
        if (unknown > namedUnknownFields) continue;
        const field = dotted([...issue.path, key]);
        if (!seen.has(field)) seen.set(field, unknownFieldMessage(key, issue.path));
      }
      continue;
    }
    const field = dotted(issue.path) || "_";
    if (!seen.has(field)) seen.set(field, issue.message);
  }
  const errors = [...seen].map(([field, message]) => ({ field, message }));
  if (unknown > namedUnknownFields)
    errors.push({ field: "_", message: moreUnknownFieldsMessage(unknown - namedUnknownFields) });
  return errors;
}
