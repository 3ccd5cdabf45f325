import { defineErrors } from "../http/errors.js";

// Refusals of assignments and decision references, in Swedish.
defineErrors({
  decision_body_not_found: {
    status: 400,
    text: () => "Organet som ska ha fattat beslutet finns inte i kommunen.",
  },
  decision_reference_conflict: {
    status: 409,
    text: (d) =>
      `${d.body} har redan en § ${d.number} år ${d.year}: ${d.code}. Samma paragraf kan inte ha två olika datum.`,
  },
  decision_paragraph_missing: {
    status: 400,
    text: (d) =>
      `Paragraf ${d.number} år ${d.year} finns inte i organets protokoll. Kontrollera paragrafnumret.`,
  },
  decision_paragraph_other_day: {
    status: 400,
    text: (d) => `§ ${d.number} fattades vid sammanträdet ${d.heldOn}, inte det datum som angavs.`,
  },
  record_not_found: { status: 400, text: () => "Handlingen finns inte." },
  deadline_before_decision: {
    status: 400,
    text: (d) => `Sista dag för uppdraget kan inte ligga före beslutet (${d.date}).`,
  },
  assignment_already_closed: {
    status: 409,
    text: (d) => `Uppdraget är redan avslutat (${d.outcome}). Ett uppdrag kan bara avslutas en gång.`,
  },
  closing_before_given: {
    status: 400,
    text: (d) => `Beslutet som avslutar uppdraget måste vara fattat efter beslutet som gav det (${d.date}).`,
  },
});
