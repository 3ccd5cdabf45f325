import { defineErrors } from "../http/errors.js";

// Refusals of dispatch (expediering), in Swedish.
defineErrors({
  dispatch_not_approved: {
    status: 409,
    text: () =>
      "Beslutet kan expedieras först när protokollet är justerat, eller paragrafen är omedelbart justerad (KL 5 kap. 69–70 §§).",
  },
  dispatch_no_decision: {
    status: 409,
    text: () => "Paragrafen har inget protokollfört beslut att expediera.",
  },
  dispatch_no_recipients: {
    status: 409,
    text: () => "Paragrafen har inga mottagare. Ange vart beslutet skickas innan det expedieras.",
  },
  already_dispatched: {
    status: 409,
    text: (d) => `Beslutet expedierades redan ${d.date}. Skicka om till en enskild mottagare i stället.`,
  },
  recipient_address_invalid: {
    status: 400,
    text: (d) =>
      `E-postadressen till ${d.name} (${d.address}) går inte att tolka. Rätta den och expediera sedan beslutet; ingenting har skickats.`,
  },
  delivery_not_found: { status: 404, text: () => "Leveransen finns inte." },
  delivery_not_resendable: {
    status: 409,
    text: (d) =>
      `Utskicket till ${d.name} kan bara skickas om när det har misslyckats eller studsat (nu: ${d.status}).`,
  },
});
