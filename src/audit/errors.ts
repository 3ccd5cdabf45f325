import { defineErrors } from "../http/errors.js";

// The audit trail's refusals, in Swedish.
defineErrors({
  audit_key_invalid: {
    status: 400,
    text: () => "Ange vilken post loggen gäller: dess typ och id, som i länken Ändringslogg.",
  },
});
