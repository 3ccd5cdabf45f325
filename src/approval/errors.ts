import { defineErrors } from "../http/errors.js";

// Approval's, the notice board's and legal force's refusals, in Swedish, each citing the rule it enforces.
defineErrors({
  minutes_approved_locked: {
    status: 409,
    text: () =>
      "Protokollet är justerat och kan inte ändras. En rättelse görs som en ny version av protokollet, med skälet till rättelsen (sidan Justering).",
  },
  approval_meeting_not_found: { status: 400, text: () => "Sammanträdet finns inte." },
  chair_not_served: {
    status: 400,
    text: (d) =>
      `${d.person} tjänstgjorde inte som ledamot vid sammanträdet och kan inte vara ordförande vid justeringen.`,
  },
  approver_not_served: {
    status: 400,
    text: (d) =>
      `${d.person} tjänstgjorde inte vid sammanträdet. Justerare utses bland ledamöter och tjänstgörande ersättare som var med (KL 5 kap. 69 §).`,
  },
  approver_is_chair: {
    status: 400,
    text: () => "Ordföranden justerar redan protokollet och kan inte också vara justerare.",
  },
  approvers_missing: { status: 400, text: () => "Utse minst en justerare." },
  approvers_not_appointed: {
    status: 409,
    text: () => "Utse justerare och tid och plats för justeringen innan protokollet fryses för justering.",
  },
  approval_locked_arrangement: {
    status: 409,
    text: () =>
      "Justeringen har börjat: justerarna kan inte bytas medan en version signeras eller sedan protokollet är justerat.",
  },
  minutes_meeting_not_closed: {
    status: 409,
    text: () =>
      "Hela protokollet kan justeras först när sammanträdet är avslutat. Enskilda paragrafer kan justeras omedelbart (KL 5 kap. 70 §).",
  },
  paragraph_not_decided: {
    status: 409,
    text: () => "Paragrafen har inget beslut protokollfört och kan inte justeras.",
  },
  version_reason_required: {
    status: 400,
    text: () => "Ange skälet till den nya versionen (vad som rättats och varför).",
  },
  late_reason_required: {
    status: 400,
    text: (d) =>
      `Protokollet skulle ha justerats senast ${d.deadline}, 14 dagar efter sammanträdet (KL 5 kap. 69 §). Ange skälet till att justeringen sker senare.`,
  },
  version_unchanged: {
    status: 409,
    text: () =>
      "Protokollet har inte ändrats sedan den förra versionen. Rätta det som justeraren påpekade först.",
  },
  version_already_approved: {
    status: 409,
    text: () =>
      "Protokollet är redan justerat. En rättelse görs som en ny version med skälet till rättelsen.",
  },
  version_not_found: { status: 404, text: () => "Versionen av protokollet finns inte." },
  version_not_signing: {
    status: 409,
    text: (d) =>
      d.status === "approved"
        ? "Den här versionen är redan justerad."
        : "Den här versionen signeras inte längre: en nyare version har frysts eller en justerare har vägrat. Läs den aktuella versionen och signera den.",
  },
  version_changed: {
    status: 409,
    text: () =>
      "Protokollet har ändrats sedan du läste det: kontrollsumman stämmer inte med versionen som signeras. Läs protokollet igen och signera den version du har läst.",
  },
  minutes_changed_since_frozen: {
    status: 409,
    text: () =>
      "Protokollet har ändrats sedan versionen frystes, så versionen kan inte längre signeras. Sekreteraren fryser en ny version.",
  },
  signer_not_appointed: {
    status: 403,
    text: () =>
      "Du är inte utsedd att signera det här protokollet. Ordföranden, de utsedda justerarna och sekreteraren signerar.",
  },
  signer_role_ambiguous: {
    status: 400,
    text: () => "Ange i vilken egenskap du signerar (ordförande, justerare eller sekreterare).",
  },
  already_signed: { status: 409, text: () => "Du har redan signerat den här versionen." },
  signature_already_pending: {
    status: 409,
    text: () =>
      "Din signering av den här versionen väntar redan på svar från signeringstjänsten. Signera där, eller hämta status på sidan; efter 30 minuter utan signatur kan du börja om.",
  },
  refusal_comment_required: { status: 400, text: () => "Skriv vad som behöver rättas." },
  signature_not_pending: { status: 409, text: () => "Signeringen väntar inte längre på svar." },
  signature_not_yours: {
    status: 403,
    text: () =>
      "Det är inte din signering. Den som signerar, eller den som för protokollet, kan hämta dess status.",
  },
  signing_service_unavailable: {
    status: 503,
    text: (d) =>
      `Det gick inte att nå ${d.service} just nu. Ingenting har signerats eller sparats; försök igen om en stund.`,
  },
  notice_before_approval: {
    status: 409,
    text: () =>
      "Protokollet är inte justerat. Justeringen kan anslås först när alla har signerat (KL 8 kap. 12 §).",
  },
  notice_posted_before_approval: {
    status: 400,
    text: (d) => `Anslaget kan inte sättas upp före justeringsdagen ${d.approvedOn}.`,
  },
  notice_late: {
    status: 400,
    text: (d) =>
      `Justeringen ska anslås senast andra dagen efter justeringen, dvs. senast ${d.deadline} (KL 8 kap. 12 §).`,
  },
  notice_exists: { status: 409, text: () => "Justeringen är redan anslagen." },
  paragraph_not_approved: {
    status: 409,
    text: () =>
      "Paragrafen är inte justerad och anslagen, så något överklagande kan inte ha kommit in mot den.",
  },
  appeal_before_notice: {
    status: 400,
    text: (d) => `Ett överklagande kan inte ha kommit in före anslagsdagen ${d.postedOn}.`,
  },
  appeal_exists: { status: 409, text: () => "Överklagandet är redan registrerat." },
});
