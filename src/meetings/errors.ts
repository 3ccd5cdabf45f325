import { defineErrors } from "../http/errors.js";

// Meetings' and minutes' refusals, in Swedish, each citing the rule it enforces.
defineErrors({
  meeting_not_found: { status: 400, text: () => "Sammanträdet finns inte." },
  agenda_item_not_found: { status: 400, text: () => "Ärendet finns inte på föredragningslistan." },
  paragraph_unknown: { status: 400, text: () => "Paragrafen finns inte." },
  // L31: a review passes one free text on a secret case, as the secretary read it, to the public versions.
  secret_text_not_secret: {
    status: 409,
    text: () => "Ärendet är inte sekretessmarkerat; dess fritext publiceras utan granskning.",
  },
  secret_text_not_found: { status: 400, text: () => "Texten finns inte i paragrafen." },
  secret_text_changed: {
    status: 409,
    text: () => "Texten har ändrats sedan du läste den. Läs den nya texten och granska den igen.",
  },
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
  casting_vote_against_ballot: {
    status: 400,
    text: (d) =>
      `Ordföranden röstade ${d.ballot} och kan inte ha utslagsröst för ${d.stated}: utslagsrösten är ordförandens egen röst (KL 5 kap. 54 §). Ingenting har sparats.`,
  },
  casting_vote_chair_did_not_vote: {
    status: 400,
    text: (d) =>
      `Rösterna är lika, men ${d.chairRecorded === false ? "ingen ordförande är protokollförd i närvaron, så ingen" : `ordföranden ${d.ballot === "avstår" ? "avstod" : "röstade inte"}, och en ordförande som inte röstat`} har utslagsröst: utslagsrösten är ordförandens egen röst (KL 5 kap. 54 §). Ingenting har sparats.`,
  },
  casting_vote_in_election: {
    status: 400,
    text: () =>
      "Vid val har ordföranden ingen utslagsröst: vid lika röstetal avgör lotten, som dras vid sammanträdet (KL 5 kap. 55 §). Ingenting har sparats.",
  },
  secret_ballot_not_election: {
    status: 400,
    text: () =>
      "Sluten omröstning får bara användas vid val. Andra frågor avgörs med öppen omröstning (KL 5 kap. 52 §). Ingenting har sparats.",
  },
  order_question_not_found: { status: 400, text: () => "Propositionen hör inte till paragrafen." },
  question_not_contested: {
    status: 400,
    text: () =>
      "En omröstning avgör mellan två yrkanden, men propositionen ställer bara ett. Ställ det mot ett annat yrkande, till exempel ett avslagsyrkande.",
  },
  question_already_voted: {
    status: 409,
    text: (d) =>
      `Frågan har redan avgjorts i omröstning ${d.position}. En fråga avgörs genom en omröstning (KL 5 kap. 52–53 §§). Ingenting har sparats.`,
  },
  vote_already_answers_question: {
    status: 409,
    text: (d) =>
      `Omröstning ${d.position} avgör redan en fråga och protokollförs med den; en omröstning besvarar en fråga (KL 5 kap. 52–53 §§).`,
  },
  vote_needs_sides: {
    status: 400,
    text: () =>
      "Ange vilken proposition omröstningen avgör, eller vilka två yrkanden ja och nej står för. En omröstning besvarar en fråga i propositionsordningen.",
  },
  vote_sides_not_question: {
    status: 400,
    text: () => "Ja och nej måste stå för de två yrkanden som propositionen ställer mot varandra.",
  },
  candidates_only_in_election: {
    status: 400,
    text: () =>
      "Kandidater, platser och lottning hör till val. Markera omröstningen som val, eller ta bort dem.",
  },
  lot_side_not_used: {
    status: 400,
    text: () =>
      "Lotten avgör bara val, och då anges den eller de kandidater lotten föll på. En vanlig fråga avgörs vid lika röster av ordförandens utslagsröst (KL 5 kap. 54–55 §§). Ingenting har sparats.",
  },
  election_without_candidates: {
    status: 400,
    text: () =>
      "Ett val har kandidater: ange vilka personer som kan väljas och hur många röster var och en fick, så att protokollet kan säga vem som blev vald (KL 5 kap. 55 §). Ingenting har sparats.",
  },
  election_not_question: {
    status: 400,
    text: () =>
      "Ett val avgörs mellan kandidater, inte mellan yrkanden. Ange kandidaterna i stället för ja och nej.",
  },
  election_ballots_not_recorded: {
    status: 400,
    text: () => "Vid val protokollförs rösterna per kandidat, inte varje ledamots röst.",
  },
  election_yes_no_counts: {
    status: 400,
    text: () =>
      "Vid val räknas rösterna per kandidat. Ange kandidaternas röster, och antalet som avstår och inte deltar.",
  },
  proportional_election_unsupported: {
    status: 400,
    text: () =>
      "Proportionella val räknas enligt lagen (1992:339) om proportionellt valsätt vid val, som Paragraf inte hanterar. Paragraf protokollför majoritetsval av en eller flera platser. Ingenting har sparats.",
  },
  candidate_twice: { status: 400, text: (d) => `${d.person} finns fler än en gång bland kandidaterna.` },
  election_counts_mismatch: {
    status: 400,
    text: (d) =>
      `Rösterna i valet går inte ihop: ${d.serving} tjänstgör, ${d.abstain} avstår och ${d.absent} deltar inte, så ${d.voted} röstar, och kandidaterna har tillsammans ${d.sum} röster. Varje tjänstgörande ledamot räknas en gång, och varje väljare röstar på högst en kandidat per plats (${d.seats}) (KL 5 kap. 52 §).`,
  },
  lots_missing: {
    status: 400,
    text: (d) =>
      `Rösterna är lika mellan ${d.tied} om ${d.places === 1 ? "en plats" : `${d.places} platser`}. Vid val avgör lotten, som dras vid sammanträdet: ange vem lotten föll på (KL 5 kap. 55 §). Paragraf drar aldrig lott själv. Ingenting har sparats.`,
  },
  lot_winners_wrong: {
    status: 400,
    text: (d) =>
      `Lotten kan bara falla på kandidaterna med lika röster om de sista platserna, ${d.tied}, och på så många som det finns platser kvar (${d.places}) (KL 5 kap. 55 §).`,
  },
  lots_not_needed: {
    status: 400,
    text: () =>
      "Rösterna avgör valet; lotten dras bara när kandidater har lika många röster om de sista platserna (KL 5 kap. 55 §).",
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
