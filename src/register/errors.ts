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
  pattern_unknown_placeholder: {
    status: 400,
    text: () =>
      "Mönstret innehåller en okänd platshållare. Tillåtna: {prefix}, {year}, {yy}, {seq}, {seq:4}.",
  },
  case_not_found: { status: 400, text: () => "Ärendet finns inte." },
  secret_case_needs_public_title: {
    status: 400,
    text: () => "Ett sekretessmarkerat ärende behöver en publik rubrik för diariet (OSL 5 kap. 2 §).",
  },
});
