import { defineErrors } from "../http/errors.js";

// The diarium's refusals, in Swedish.
defineErrors({
  series_not_found: { status: 400, text: (d) => `Nummerserien ${d.code} finns inte.` },
  series_code_taken: { status: 409, text: (d) => `Det finns redan en nummerserie med koden ${d.code}.` },
  pattern_seq_missing: {
    status: 400,
    text: () => "Mönstret måste innehålla {seq} (löpnumret) exakt en gång.",
  },
  pattern_year_missing: { status: 400, text: () => "Mönstret måste innehålla {year} eller {yy}." },
  pattern_unknown_token: {
    status: 400,
    text: () =>
      "Mönstret innehåller en okänd platshållare. Tillåtna: {prefix}, {year}, {yy}, {seq}, {seq:4}.",
  },
  case_not_found: { status: 400, text: () => "Ärendet finns inte." },
  case_closed: { status: 409, text: (d) => `Ärendet ${d.number} är avslutat.` },
  case_not_closed: { status: 409, text: (d) => `Ärendet ${d.number} är inte avslutat.` },
  case_closed_before_opened: {
    status: 400,
    text: (d) => `Ärendet kan inte avslutas före den dag det öppnades (${d.openedOn}).`,
  },
  case_own_origin: { status: 400, text: () => "Ett ärende kan inte vara sitt eget ursprungsärende." },
  case_related_to_itself: { status: 400, text: () => "Ett ärende kan inte kopplas till sig självt." },
  cases_already_related: { status: 409, text: (d) => `Ärendet är redan kopplat till ${d.number}.` },
  number_malformed: {
    status: 400,
    text: (d) => `${d.number} är inte ett diarienummer i serien. Skriv det som i exemplet ${d.example}.`,
  },
  record_number_malformed: {
    status: 400,
    text: (d) => `${d.number} är inte ett handlingsnummer i ärendet. Skriv det som i exemplet ${d.example}.`,
  },
  series_start_below_given: {
    status: 409,
    text: (d) =>
      `Paragraf har redan gett numret ${d.given}. Serien kan inte börja om på ${d.number}, då skulle nummer delas ut två gånger.`,
  },
  record_start_below_given: {
    status: 409,
    text: (d) =>
      `Paragraf har redan gett handlingsnumret ${d.given}. Numreringen kan inte börja om på ${d.number}.`,
  },
  file_name_missing: { status: 400, text: () => "Filen saknar namn." },
  file_empty: { status: 400, text: (d) => `Filen ${d.name} är tom.` },
  file_too_large: {
    status: 413,
    text: (d) => `Filen ${d.name} är för stor. Största tillåtna storlek är ${d.limitMb} MB.`,
  },
  file_type_not_allowed: {
    status: 415,
    text: (d) =>
      `Filen ${d.name} har en filtyp som inte tas emot. Tillåtna är PDF, text, PNG, JPEG, Word, Excel och OpenDocument-text.`,
  },
  file_zip_bomb: {
    status: 415,
    text: (d) =>
      `Filen ${d.name} är ett packat arkiv vars innehåll packas upp till orimligt mycket, och tas inte emot. Spara dokumentet på nytt och försök igen.`,
  },
  file_type_mismatch: {
    status: 415,
    text: (d) =>
      `Filen ${d.name} är angiven som ${d.declared} men innehållet är ${d.actual}. Kontrollera att det är rätt fil.`,
  },
  file_already_attached: { status: 409, text: (d) => `Filen ${d.name} är redan bifogad handlingen.` },
  files_missing: { status: 400, text: () => "Välj minst en fil att bifoga." },
  secret_case_needs_public_title: {
    status: 400,
    text: () => "Ett sekretessmarkerat ärende behöver en publik rubrik för diariet (OSL 5 kap. 2 §).",
  },
  // Closing a case whose decision has yet to run its course (src/register/close-case.ts).
  case_route_incomplete: {
    status: 409,
    text: (d) =>
      `Ärendet ${d.number} kan inte avslutas: beslutsplaneringen är inte genomförd (${d.missing} steg återstår).`,
  },
  case_decision_not_dispatched: {
    status: 409,
    text: (d) =>
      `Ärendet ${d.number} kan inte avslutas: beslutet ${d.code} är inte expedierat till alla mottagare (${d.pending} återstår).`,
  },
});
