import { defineErrors } from "../http/errors.js";

// Refusals of consultations (remiss), in Swedish.
defineErrors({
  consultee_twice: { status: 400, text: (d) => `${d.name} står två gånger bland remissinstanserna.` },
  consultation_already_sent: { status: 409, text: (d) => `Remissen skickades redan ${d.date}.` },
  deadline_before_send: {
    status: 400,
    text: (d) => `Sista svarsdag (${d.deadline}) ligger före utskicksdagen. Ändra datumet eller svarsdagen.`,
  },
  reminder_before_send: {
    status: 400,
    text: (d) => `En påminnelse kan inte ligga före utskicket (${d.date}).`,
  },
  reminder_taken: { status: 409, text: () => "Det finns redan en påminnelse vid den tidpunkten." },
  not_consulted: {
    status: 400,
    text: (d) => `${d.name} fick inte remissen och kan därför inte svara på den.`,
  },
  consultee_not_found: { status: 400, text: () => "Remissinstansen finns inte i den här remissen." },
  consultation_not_sent: {
    status: 409,
    text: (d) => `Remissen har inte skickats ännu, så ${d.name} kan inte ha svarat.`,
  },
  consultee_already_answered: {
    status: 409,
    text: (d) => `${d.name} har redan ${d.status}. Ett svar registreras bara en gång.`,
  },
  answer_before_send: {
    status: 400,
    text: (d) => `Svaret kan inte vara daterat före utskicket (${d.date}).`,
  },
  decision_after_answer: {
    status: 400,
    text: () => "Beslutet om svaret kan inte vara fattat efter svarsdagen.",
  },
  decision_of_other_body: {
    status: 400,
    text: (d) => `Beslutet om svaret ska vara fattat av ${d.name} själv.`,
  },
  question_not_found: { status: 400, text: (d) => `Remissen har ingen fråga ${d.number}.` },
  question_answered_twice: { status: 400, text: () => "Varje fråga besvaras högst en gång per instans." },
  party_unknown: { status: 400, text: (d) => `Partiet ${d.abbreviation} finns inte i kommunen.` },
  party_twice: { status: 400, text: () => "Samma parti står två gånger i samma reservation eller yttrande." },
  positions_need_decision: {
    status: 400,
    text: () => "Reservationer och särskilda yttranden hör till ett beslut: ange beslutet (organ, datum, §).",
  },
  response_not_in_case: { status: 400, text: () => "Remissvaret måste vara en handling i remissens ärende." },
});

defineErrors({
  external_has_no_decision: {
    status: 400,
    text: () =>
      "En extern organisation har inget beslut i kommunen att hänvisa till. Lämna beslutsfälten tomma.",
  },
  consultee_unknown: {
    status: 400,
    text: (d) =>
      `Raden "${d.line}" är varken ett organ i kommunen eller en organisation med e-postadress (Namn <adress>).`,
  },
});
