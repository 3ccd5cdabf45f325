import { z } from "@hono/zod-openapi";

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
        return `Okänt fält: ${issue.keys.join(", ")}.`;
      default:
        return "Ogiltigt värde.";
    }
  },
});

export interface FieldError {
  field: string;
  message: string;
}

/** One Swedish message per field, the first one zod found. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_";
    if (!seen.has(field)) seen.set(field, issue.message);
  }
  return [...seen].map(([field, message]) => ({ field, message }));
}
