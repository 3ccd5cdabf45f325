import { defineErrors } from "../http/errors.js";

// Official reports' refusals, in Swedish.
defineErrors({
  report_section_too_long: {
    status: 400,
    text: (d) =>
      `Avsnittet ${d.heading} får vara högst ${d.max} tecken enligt mallen; texten har ${d.length}.`,
  },
  report_section_not_in_template: {
    status: 400,
    text: (d) => `Mallen har inget avsnitt ${d.kind} att skriva i.`,
  },
  report_template_missing_section: {
    status: 400,
    text: (d) =>
      `Mallen saknar det obligatoriska avsnittet ${d.heading}. En tjänsteskrivelse måste ha ${d.required}.`,
  },
  report_template_duplicate_section: {
    status: 400,
    text: (d) => `Mallen har avsnittet ${d.kind} två gånger.`,
  },
  report_template_missing: {
    status: 400,
    text: () => "Det finns ingen mall för tjänsteskrivelser för organet eller kommunen. Skapa en mall först.",
  },
  report_version_changed: {
    status: 409,
    text: (d) =>
      `Tjänsteskrivelsen har ändrats sedan du läste den (nu version ${d.current}). Läs den nya versionen innan du signerar.`,
  },
  report_already_signed: {
    status: 409,
    text: (d) => `Version ${d.version} är redan signerad och kan inte signeras igen.`,
  },
  report_signing_pending: {
    status: 409,
    text: (d) => `Version ${d.version} väntar redan på signering. Vänta tills den är klar.`,
  },
  report_signing_failed: {
    status: 409,
    text: (d) => `Signeringen misslyckades: ${d.reason}. Ingenting har sparats.`,
  },
  report_signing_not_pending: {
    status: 409,
    text: () => "Det finns ingen signering av tjänsteskrivelsen som väntar på svar.",
  },
  report_image_not_image: {
    status: 400,
    text: (d) =>
      `Filen är ingen PNG- eller JPEG-bild${d.actual ? ` (innehållet är ${String(d.actual).toUpperCase()})` : ""}. Välj en bild i PNG- eller JPEG-format.`,
  },
  report_image_too_many_pixels: {
    status: 400,
    text: (d) =>
      `Bilden är ${d.width} × ${d.height} bildpunkter; en bild i en tjänsteskrivelse får ha högst 25 miljoner bildpunkter. Förminska den och försök igen.`,
  },
  report_image_too_large: {
    status: 400,
    text: (d) => `Bilden är ${d.size} MB; en bild i en tjänsteskrivelse får vara högst ${d.limit} MB.`,
  },
  report_image_version_signed: {
    status: 409,
    text: (d) =>
      `Version ${d.version} är signerad och låst. Skriv en ny version innan du lägger till en bild.`,
  },
  report_image_removal_version_signed: {
    status: 409,
    text: (d) =>
      `Version ${d.version} är signerad och låst. Skriv en ny version innan du tar bort en bild; den signerade versionen behåller den.`,
  },
  report_image_alt_missing: {
    status: 400,
    text: () => "Skriv en alternativtext som beskriver bilden för den som inte ser den.",
  },
  report_reference_not_found: { status: 400, text: () => "Personen eller organet finns inte i kommunen." },
  report_record_not_found: { status: 400, text: () => "Handlingen finns inte i diariet." },
  report_signer_unknown: {
    status: 400,
    text: () => "Bara en inloggad användare kan signera en tjänsteskrivelse.",
  },
});
