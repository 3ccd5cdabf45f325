// What the meetings API tells a client without the source: which ids are bodies, persons, parties, agenda items
// and paragraphs, the order a meeting goes through, and the answer to a step taken out of order. Every write's
// operationId is the name of the use case it runs, the same one the secretary's form for that step runs
// (secretary-actions.ts lists them), so a client can follow the order below by name.

/** Where each kind of id comes from. */
const ids =
  "Id:n: `bodyId` är ett organs id (GET /api/bodies), `personId` och listor av personer (`moverIds`, " +
  "`announcerIds`, `signatoryIds`, `replacesPersonId`, `substitutePersonId`) är personers id (GET /api/persons), " +
  "`partyId`/`partyIds` partiers id (GET /api/parties), `caseId` ett ärendes id (GET /api/cases?number=…). " +
  "`{id}` i en sökväg under /api/meetings är sammanträdets id (svaret från planMeeting). `agendaItemId` är en " +
  "punkt på föredragningslistan (addAgendaItem/addCaseToAgenda, eller `agenda[].id` i GET /api/meetings/{id}); " +
  "`paragraphId` är en paragraf (svaret från takeUpItem); `motionId`, `voteEventId`, reservationers och " +
  "yttrandens id är svaren från addMotion, recordVote, announceReservation och announceStatement.";

/** The order of a meeting, step by step, each step named by its operationId. */
export const meetingOrder = [
  "Ett sammanträde går igenom stegen i denna ordning (operationId inom parentes):",
  "1. Planera: POST /api/meetings (planMeeting) – status `planned`.",
  "2. Föredragningslistan: POST /api/meetings/{id}/agenda-items (addAgendaItem, med ärendets id) eller " +
    "POST /api/meetings/{id}/agenda-items/by-case-number (addCaseToAgenda, med diarienumret); går till dess att " +
    "sammanträdet avslutas.",
  "3. Kallelsen: POST /api/meetings/{id}/notice (publishNotice) – status `notice_published`. Krävs för " +
    "fullmäktige, senast en vecka före sammanträdet (KL 5 kap. 12 §); går bara före öppnandet.",
  "4. Öppna: POST /api/meetings/{id}/open (openMeeting) – status `opened`.",
  "5. Närvaro: POST /api/meetings/{id}/attendance (recordAttendance, en person i taget; personen ska ha ett " +
    "uppdrag i organet på sammanträdesdagen, se /api/memberships) och/eller PUT " +
    "/api/meetings/{id}/attendance-count (recordAttendanceCount, antalet enligt upprop). Beslutförheten " +
    "(`quorate` i GET /api/meetings/{id}) räknas ur detta.",
  "6. Jäv: POST /api/disqualifications (recordDisqualification) för en punkt på listan.",
  "7. Ta upp ärendet: POST /api/paragraphs (takeUpItem) – ärendet får nästa paragrafnummer. Kräver öppnat " +
    "sammanträde.",
  "8. Beslutsgången i paragrafen: POST /api/motions (addMotion), /api/votes (recordVote), /api/questions " +
    "(putQuestion), /api/decisions (recordDecision). Kräver öppnat sammanträde.",
  "9. Reservationer och yttranden: POST /api/reservations (announceReservation) och /api/statements " +
    "(announceStatement), anmälda innan sammanträdet avslutas; mottagare: POST /api/recipients (setRecipients).",
  "10. Avsluta: POST /api/meetings/{id}/close (closeMeeting) – status `closed`. Därefter kan inget som sker " +
    "vid sammanträdet protokollföras.",
  "11. Fram till justeringen: skriftliga texter PUT /api/reservations/{id}/text (submitReservationText) och " +
    "PUT /api/statements/{id}/text (submitStatementText); en text blir bilaga med POST " +
    "/api/meetings/{id}/attachments (addAttachment).",
  "12. Läs protokollet: GET /api/meetings/{id} och GET /api/paragraphs/{id}.",
].join("\n");

/** What a client is told about a step taken out of order. */
export const outOfOrder =
  "Ett steg i fel ordning avvisas med 409 och problem details vars `code` säger vad som saknas och vars " +
  "`detail` namnger operationen som gör det: `meeting_not_open` (öppna med openMeeting, POST " +
  "/api/meetings/{id}/open), `council_notice_missing` (anslå kallelsen med publishNotice, POST " +
  "/api/meetings/{id}/notice), `meeting_not_planned` (kallelsen efter öppnandet), `meeting_already_opened`, " +
  "`meeting_closed` (sammanträdet är avslutat).";

/** The tags of meetings and minutes, with the order and the ids, for the OpenAPI document's `tags`. */
export const meetingApiTags = [
  { name: "Sammanträden", description: `${meetingOrder}\n\n${ids}\n\n${outOfOrder}` },
  {
    name: "Protokoll",
    description: `Paragrafer och det som protokollförs i dem (steg 6–11 nedan).\n\n${meetingOrder}\n\n${ids}`,
  },
];

/** The existing writes of api.ts: their use case (operationId) and what a client needs to know to call them. */
export const meetingWrites: Record<string, { operationId: string; description: string }> = {
  "/api/meetings": {
    operationId: "planMeeting",
    description: `Steg 1. \`bodyId\` är organets id (GET /api/bodies). Svaret är sammanträdets id, \`{id}\` i alla steg som följer.\n\n${meetingOrder}`,
  },
  "/api/meetings/{id}/agenda-items": {
    operationId: "addAgendaItem",
    description:
      "Steg 2. `{id}` är sammanträdet, `caseId` ärendets id (GET /api/cases?number=…). Svaret är punktens id, " +
      "`agendaItemId` i jäv och när ärendet tas upp. Går inte efter att sammanträdet avslutats (409 meeting_closed).",
  },
  "/api/meetings/{id}/attendance": {
    operationId: "recordAttendance",
    description:
      "Steg 5. `{id}` är sammanträdet; `personId` och `replacesPersonId` är personer (GET /api/persons) med " +
      "uppdrag i organet på sammanträdesdagen (GET /api/memberships). `capacity`: member, serving_substitute " +
      "(tjänstgörande ersättare, med `replacesPersonId`), substitute, official, other.",
  },
  "/api/paragraphs": {
    operationId: "takeUpItem",
    description:
      "Steg 7. `agendaItemId` är punkten på föredragningslistan. Kräver öppnat sammanträde: annars 409 " +
      "meeting_not_open, och sammanträdet öppnas med openMeeting (POST /api/meetings/{id}/open). Svaret är " +
      "paragrafens id, `paragraphId` i stegen som följer.",
  },
  "/api/decision-routes": {
    operationId: "planDecisionRoute",
    description:
      "`caseId` är ärendet; varje steg har `bodyId` (organ) och eventuellt `meetingId` (ett sammanträde i det organet).",
  },
  "/api/motions": {
    operationId: "addMotion",
    description:
      "Steg 8. `paragraphId` är paragrafen; `moverIds` och `supporterIds` är personer som tjänstgör i ärendet. " +
      "Svaret är yrkandets id (`motionId` i propositioner och omröstningar). Kräver öppnat sammanträde (409 meeting_not_open).",
  },
  "/api/questions": {
    operationId: "putQuestion",
    description:
      "Steg 8. Ordförandens proposition: `motionId` ställs mot `againstMotionId`; `winnerMotionId` är det som " +
      "bifölls, eller `voteEventId` den omröstning som avgjorde. Kräver öppnat sammanträde.",
  },
  "/api/votes": {
    operationId: "recordVote",
    description:
      "Steg 8. `yesMotionId`/`noMotionId` är yrkandena; `ballots[].personId` tjänstgörande ledamöter. Kräver öppnat sammanträde.",
  },
  "/api/decisions": {
    operationId: "recordDecision",
    description: "Steg 8. Beslutspunkterna i ordning, en text var. Kräver öppnat sammanträde.",
  },
  "/api/reservations": {
    operationId: "announceReservation",
    description:
      "Steg 9. `personId` är ledamoten som deltog i beslutet och reserverar sig, eller `partyId` partiet. " +
      "Anmäls innan sammanträdet avslutas. Den skriftliga texten lämnas sedan med submitReservationText.",
  },
  "/api/statements": {
    operationId: "announceStatement",
    description:
      "Steg 9. `announcerIds` är närvarande personer, `partyIds` partier. Texten kan lämnas direkt eller senare med submitStatementText.",
  },
  "/api/recipients": {
    operationId: "setRecipients",
    description: "Steg 9. Varje mottagare är ett organ (`bodyId`) eller en text (`label`).",
  },
};
