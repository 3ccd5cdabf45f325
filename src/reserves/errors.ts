import { defineErrors } from "../http/errors.js";

// Refusals of reserves, call-offs, follow-up reports, imports and areas, in Swedish.
defineErrors({
  appropriation_not_found: { status: 404, text: () => "Reserven finns inte." },
  call_off_not_found: { status: 404, text: () => "Avropet finns inte." },
  external_id_taken: {
    status: 409,
    text: (d) => `Det externa id:t ${d.externalId} används redan av ${d.what}.`,
  },
  theme_not_allowed: {
    status: 400,
    text: (d) => `Reserven tillåter inte temat "${d.theme}". Tillåtna teman: ${d.allowed}.`,
  },
  call_off_outside_year: {
    status: 400,
    text: (d) => `Insatsen måste börja under reservens år ${d.year}.`,
  },
  amount_above_remaining: {
    status: 409,
    text: (d) => `Beloppet ${d.amount} är större än det som återstår i reserven (${d.remaining}).`,
  },
  granted_above_requested: {
    status: 400,
    text: (d) => `Det beviljade beloppet kan inte vara större än det sökta (${d.requested}).`,
  },
  partial_grant_not_partial: {
    status: 400,
    text: () => "Vid delvis bifall ska det beviljade beloppet vara mindre än det sökta. Välj annars bifall.",
  },
  call_off_already_decided: { status: 409, text: () => "Avropet är redan beslutat." },
  payment_above_granted: {
    status: 409,
    text: (d) =>
      `Utbetalningen ${d.amount} är större än det som återstår att betala ut av beviljat belopp (${d.left}).`,
  },
  payment_not_granted: { status: 409, text: () => "Avropet har inget beviljat belopp att betala ut." },
  reversal_nothing_granted: {
    status: 409,
    text: () => "Avropet har inget beviljat belopp att minska eller återkalla.",
  },
  reversal_above_granted: {
    status: 409,
    text: (d) => `Minskningen ${d.amount} är större än det som är beviljat (${d.granted}).`,
  },
  reversal_below_paid: {
    status: 409,
    text: (d) =>
      `Efter minskningen skulle utbetalt (${d.paid}) vara mer än beviljat (${d.left}). Rätta först utbetalningen.`,
  },
  correction_above_paid: {
    status: 409,
    text: (d) => `Rättelsen ${d.amount} är större än det som är utbetalt (${d.paid}).`,
  },
  theme_in_use: {
    status: 409,
    text: (d) => `Temat "${d.theme}" har avrop och kan inte tas bort ur reserven.`,
  },
  area_not_found: { status: 400, text: () => "Området finns inte i kommunens register." },
  indicator_not_found: { status: 400, text: () => "Indikatorn hör inte till avropet." },
  indicator_value_wrong_unit: {
    status: 400,
    text: (d) => `${d.name} mäts i ${d.unit}: ${d.rule}.`,
  },
  indicator_twice: { status: 400, text: () => "Samma indikator har angetts två gånger." },
  indicator_target_is_baseline: { status: 400, text: () => "Målvärdet måste skilja sig från utgångsvärdet." },
  report_period_not_begun: {
    status: 400,
    text: (d) => `${d.label} avser en period som inte har börjat (den börjar ${d.startsOn}).`,
  },
  report_before_grant: { status: 409, text: () => "Bara ett beviljat avrop följs upp." },
  report_money_above_paid: {
    status: 400,
    text: (d) => `Använda medel kan inte vara mer än det som betalats ut (${d.paid}).`,
  },
  reserve_has_no_case: {
    status: 409,
    text: () => "Reserven har inget ärende i diariet; en frågeomgång skickas i ett ärende.",
  },
  calendar_rule_invalid: { status: 400, text: (d) => String(d.message) },
  import_header_wrong: {
    status: 400,
    text: (d) => `Filen har fel kolumner. Väntade: ${d.expected}. Fick: ${d.got}.`,
  },
  import_rows_refused: {
    status: 400,
    text: (d) => `${d.count} rader har fel; inget har sparats.`,
  },
  import_not_csv_or_xlsx: {
    status: 400,
    text: () => "Filen är varken CSV (text med semikolon) eller en Excel-arbetsbok (XLSX).",
  },
  import_not_xlsx: {
    status: 400,
    text: () =>
      "Filen ser ut som en Excel-arbetsbok men kunde inte läsas. Spara den som XLSX och försök igen.",
  },
  import_xlsx_too_large: {
    status: 400,
    text: () =>
      "Excel-arbetsboken packas upp till orimligt mycket och läses inte in. Spara bara bladet som ska läsas in, som XLSX eller CSV, och försök igen.",
  },
  import_empty: { status: 400, text: () => "Filen har inga rader att läsa in." },
  import_not_found: { status: 404, text: () => "Inläsningen finns inte." },
});

defineErrors({
  input_refused: { status: 400, text: (d) => String(d.message ?? "Uppgifterna är inte giltiga.") },
});
