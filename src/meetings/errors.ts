import { defineErrors } from "../http/errors.js";

// Meetings' and minutes' refusals, in Swedish, each citing the rule it enforces.
defineErrors({
  meeting_not_found: { status: 400, text: () => "Sammanträdet finns inte." },
  agenda_item_not_found: { status: 400, text: () => "Ärendet finns inte på föredragningslistan." },
  paragraph_unknown: { status: 400, text: () => "Paragrafen finns inte." },
  motion_not_found: { status: 400, text: () => "Yrkandet hör inte till paragrafen." },
  basis_record_not_found: { status: 400, text: () => "Handlingen finns inte i diariet." },
  statement_not_found: { status: 400, text: () => "Yttrandet finns inte." },
  reservation_not_found: { status: 400, text: () => "Reservationen finns inte." },
  vote_not_found: { status: 400, text: () => "Omröstningen hör inte till paragrafen." },
  meeting_not_planned: {
    status: 409,
    text: () => "Kallelsen kan bara publiceras för ett planerat sammanträde som inte har öppnats.",
  },
  council_notice_late: {
    status: 400,
    text: (d) =>
      `Kallelsen till fullmäktige måste anslås senast ${d.deadline}, en vecka före sammanträdesdagen (KL 5 kap. 12 §).`,
  },
  council_notice_missing: {
    status: 409,
    text: () =>
      "Fullmäktiges sammanträde kan inte öppnas förrän kallelsen har anslagits på anslagstavlan (KL 5 kap. 12 §). Publicera kallelsen först: på sekreterarsidan med Publicera kallelsen, i API:et med publishNotice (POST /api/meetings/{id}/notice).",
  },
  meeting_not_open: {
    status: 409,
    text: () =>
      "Sammanträdet är inte öppnat. Öppna det först: på sekreterarsidan med Öppna sammanträdet, i API:et med openMeeting (POST /api/meetings/{id}/open).",
  },
  meeting_already_opened: { status: 409, text: () => "Sammanträdet har redan öppnats." },
  meeting_closed: {
    status: 409,
    text: () => "Sammanträdet är avslutat. Det som sker vid sammanträdet kan inte längre protokollföras.",
  },
  agenda_position_taken: {
    status: 409,
    text: (d) => `Föredragningslistan har redan ett ärende ${d.position}.`,
  },
  close_before_open: { status: 400, text: () => "Sammanträdet kan inte avslutas innan det öppnades." },
  quorum_missing: {
    status: 409,
    text: (d) =>
      `${d.body} är inte beslutför: ${d.present} av ${d.seats} ledamöter tjänstgör, minst ${d.needed} krävs (KL 5 kap. 46 §, 6 kap. 27 §). Ingenting har sparats.`,
  },
  quorum_seats_unknown: {
    status: 409,
    text: (d) =>
      `Antalet ledamotsplatser i ${d.body} är inte känt, så beslutförheten kan inte prövas (KL 5 kap. 46 §, 6 kap. 27 §). Ange antalet platser för organet.`,
  },
  not_eligible_to_attend: {
    status: 400,
    text: (d) => `${d.person} är inte ${d.as} i ${d.body} på sammanträdesdagen.`,
  },
  already_attending: { status: 409, text: (d) => `${d.person} finns redan i närvarolistan.` },
  replaced_member_present: {
    status: 400,
    text: (d) => `${d.person} tjänstgör själv och kan inte samtidigt ersättas.`,
  },
  replaced_not_member: { status: 400, text: (d) => `${d.person} är inte ledamot i organet.` },
  replaced_twice: { status: 409, text: (d) => `${d.person} ersätts redan av en annan ersättare.` },
  presiding_twice: { status: 409, text: () => "Någon annan är redan ordförande vid sammanträdet." },
  counted_below_named: {
    status: 400,
    text: (d) =>
      `Antalet närvarande (${d.count}) kan inte vara lägre än antalet namngivna tjänstgörande (${d.named}).`,
  },
  counted_above_seats: {
    status: 400,
    text: (d) => `Antalet närvarande (${d.count}) kan inte vara fler än organets ${d.seats} platser.`,
  },
  disqualified_not_serving: {
    status: 400,
    text: (d) => `${d.person} tjänstgör inte vid ärendet och kan därför inte anmäla jäv där.`,
  },
  substitute_not_available: {
    status: 400,
    text: (d) =>
      `${d.person} kan inte tjänstgöra i den jäviges ställe: bara en närvarande ersättare som inte redan tjänstgör kan göra det (KL 5 kap. 48 §, 6 kap. 28 §).`,
  },
  already_disqualified: { status: 409, text: (d) => `${d.person} har redan anmält jäv i ärendet.` },
  paragraph_exists: { status: 409, text: (d) => `Ärendet har redan en paragraf: § ${d.number}.` },
  paragraph_number_taken: {
    status: 409,
    text: (d) =>
      `${d.body} har redan § ${d.number} år ${d.year}. Paragrafnummer löper utan luckor per organ och kalenderår och används aldrig två gånger; nästa lediga är § ${d.next}.`,
  },
  paragraph_number_gap: {
    status: 400,
    text: (d) =>
      `§ ${d.number} skulle lämna en lucka: paragrafnummer löper utan luckor per organ och kalenderår, och nästa är § ${d.next}.`,
  },
  numbering_already_started: {
    status: 409,
    text: (d) => `Paragrafnumreringen för ${d.body} år ${d.year} har redan börjat (senast § ${d.last}).`,
  },
  not_serving: {
    status: 400,
    text: (d) =>
      `${d.person} tjänstgör inte vid detta ärende (närvaro, jäv och ersättare avgör vem som tjänstgör). Bara tjänstgörande ledamöter kan ${d.act} (KL 5 kap. 52 §, 47 §).`,
  },
  duplicate_ballot: {
    status: 400,
    text: (d) => `${d.person} har fler än en röst. Varje ledamot har en röst (KL 5 kap. 52 §).`,
  },
  vote_needs_counts: {
    status: 400,
    text: () => "Ange varje ledamots röst eller antalet ja, nej och avstår.",
  },
  vote_counts_mismatch: {
    status: 400,
    text: (d) =>
      `Rösterna går inte ihop: ${d.yes} ja + ${d.no} nej + ${d.abstain} avstår + ${d.absent} frånvarande = ${d.sum}, men ${d.serving} tjänstgör. Varje tjänstgörande ledamot räknas en gång (KL 5 kap. 52 §).`,
  },
  vote_counts_disagree_with_ballots: {
    status: 400,
    text: () => "Antalen stämmer inte med de enskilda rösterna. Ange antingen rösterna eller antalen.",
  },
  casting_vote_missing: {
    status: 400,
    text: () =>
      "Rösterna är lika: ordföranden har utslagsröst. Ange åt vilket håll ordföranden röstade (KL 5 kap. 54 §).",
  },
  motions_identical: { status: 400, text: () => "Ett yrkande kan inte ställas mot sig självt." },
  winner_not_in_question: { status: 400, text: () => "Det bifallna yrkandet måste vara ett av de ställda." },
  winner_missing: {
    status: 400,
    text: () => "Ange vilket yrkande som bifölls, eller den omröstning som avgjorde.",
  },
  reservation_not_participant: {
    status: 400,
    text: (d) =>
      `${d.person} deltog inte i beslutet och kan därför inte reservera sig. Bara den som deltagit i avgörandet får reservera sig (KL 4 kap. 27 §).`,
  },
  reservation_after_close: {
    status: 400,
    text: () =>
      "Reservationen anmäldes efter att sammanträdet avslutades. En reservation ska anmälas innan sammanträdet avslutas (KL 4 kap. 27 §).",
  },
  reservation_party_not_participant: {
    status: 400,
    text: (d) =>
      `Ingen ledamot för ${d.party} deltog i beslutet, så partiet kan inte reservera sig (KL 4 kap. 27 §).`,
  },
  reservation_exists: { status: 409, text: () => "Reservationen finns redan för denna paragraf." },
  written_after_approval: {
    status: 400,
    text: () =>
      "Den skriftliga texten lämnades efter den tid som bestämts för justeringen. Den ska lämnas före justeringen (KL 4 kap. 27 §).",
  },
  statement_needs_author: {
    status: 400,
    text: () => "Ange vem som anmäler yttrandet: personer eller partier.",
  },
  statement_author_absent: {
    status: 400,
    text: (d) => `${d.person} var inte närvarande vid sammanträdet och kan inte anmäla ett yttrande.`,
  },
  statement_after_close: {
    status: 400,
    text: () =>
      "Yttrandet anmäldes efter att sammanträdet avslutades. Särskilda yttranden och protokollsanteckningar anmäls vid sammanträdet.",
  },
  attachment_number_taken: {
    status: 409,
    text: (d) => `Bilaga ${d.number} finns redan i protokollet; nästa lediga nummer är ${d.next}.`,
  },
  attachment_other_meeting: {
    status: 400,
    text: () => "Yttrandet eller reservationen hör till ett annat sammanträdes protokoll.",
  },
  proposal_not_earlier: {
    status: 400,
    text: () => "Förslaget till beslut måste vara en paragraf i samma ärende från ett tidigare sammanträde.",
  },
  route_meeting_mismatch: {
    status: 400,
    text: () => "Sammanträdet i beslutsplaneringen hör till ett annat organ.",
  },
  route_steps_out_of_order: {
    status: 400,
    text: () => "Stegen i beslutsplaneringen måste komma i datumordning.",
  },
});
