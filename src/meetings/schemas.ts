import { z } from "@hono/zod-openapi";
import { parseMailAddress } from "../domain/email.js";
import { secretTextFields } from "../domain/secret-text.js";
import { ballotChoices, capacities, motionKinds, routeRoles, statementKinds } from "./tables.js";

// Request shapes of meetings and minutes. The API and the secretary's forms validate with the same schemas.

const id = (message: string) => z.uuid({ error: message });
const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2026-01-22" });
const instant = z.coerce.date({ error: "Ange tidpunkt som ÅÅÅÅ-MM-DDTTT:MM." });
const text = (max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `Texten får vara högst ${max} tecken.`);

export const PlanMeetingInput = z
  .strictObject({
    bodyId: id("Välj ett organ ur listan."),
    heldOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    startsAt: z
      .string({ error: "Ange starttid som TT:MM." })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Ange starttid som TT:MM, till exempel 17:00."),
    place: text(300, "Ange plats."),
    approvalAt: instant.nullish(),
  })
  .openapi("PlanMeetingInput");
export type PlanMeetingInput = z.infer<typeof PlanMeetingInput>;

export const PublishNoticeInput = z
  .strictObject({ publishedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD.") })
  .openapi("PublishNoticeInput");
export type PublishNoticeInput = z.infer<typeof PublishNoticeInput>;

export const BasisEntryInput = z
  .strictObject({
    recordId: id("Välj en handling ur listan.").nullish(),
    paragraphId: id("Välj en paragraf ur listan.").nullish(),
  })
  .refine((e) => e.recordId || e.paragraphId, "Ange en handling eller en paragraf.");

export const AgendaItemInput = z
  .strictObject({
    caseId: id("Välj ett ärende."),
    position: z
      .int({ error: "Ange ärendenumret som ett heltal." })
      .min(1, "Ärendenumret måste vara minst 1.")
      .nullish(),
    title: z.string().trim().max(500, "Rubriken får vara högst 500 tecken.").nullish(),
    proposedByParagraphId: id("Välj en paragraf ur listan.").nullish(),
    proposalText: z.string().trim().max(5000, "Texten får vara högst 5000 tecken.").nullish(),
    basis: z.array(BasisEntryInput).max(200, "Högst 200 handlingar i beslutsunderlaget.").optional(),
  })
  .openapi("AgendaItemInput");
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

export const AttendanceInput = z
  .strictObject({
    personId: id("Välj en person ur listan."),
    capacity: z.enum(capacities, { error: "Välj i vilken egenskap personen är närvarande." }),
    replacesPersonId: id("Välj den ledamot som ersätts.").nullish(),
    presides: z.boolean().optional(),
    fromPosition: z.int().min(1, "Ange ett ärendenummer.").nullish(),
    toPosition: z.int().min(1, "Ange ett ärendenummer.").nullish(),
    note: z.string().trim().max(300, "Anteckningen får vara högst 300 tecken.").nullish(),
  })
  .openapi("AttendanceInput");
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const AttendanceCountInput = z
  .strictObject({
    countedPresent: z
      .int({ error: "Ange antalet som ett heltal." })
      .min(0, "Antalet kan inte vara negativt.")
      .max(1000, "Antalet får vara högst 1000."),
  })
  .openapi("AttendanceCountInput");
export type AttendanceCountInput = z.infer<typeof AttendanceCountInput>;

export const DisqualificationInput = z
  .strictObject({
    agendaItemId: id("Välj ett ärende på föredragningslistan."),
    personId: id("Välj den ledamot som är jävig."),
    reason: text(500, "Ange skälet till jävet."),
    substitutePersonId: id("Välj en ersättare ur listan.").nullish(),
  })
  .openapi("DisqualificationInput");
export type DisqualificationInput = z.infer<typeof DisqualificationInput>;

export const MomentInput = z.strictObject({ at: instant.nullish() }).openapi("MomentInput");
export type MomentInput = z.infer<typeof MomentInput>;

export const TakeUpItemInput = z
  .strictObject({
    agendaItemId: id("Välj ett ärende på föredragningslistan."),
    number: z.int().min(1, "Paragrafnumret måste vara minst 1.").nullish(),
    summary: z.string().trim().max(20000, "Sammanfattningen får vara högst 20000 tecken.").nullish(),
    decisionIntro: z.string().trim().max(300, "Texten får vara högst 300 tecken.").nullish(),
  })
  .openapi("TakeUpItemInput");
export type TakeUpItemInput = z.infer<typeof TakeUpItemInput>;

export const StartNumberingInput = z
  .strictObject({
    bodyId: id("Välj ett organ ur listan."),
    year: z.int().min(1900).max(2999),
    lastNumber: z.int().min(0, "Numret kan inte vara negativt."),
  })
  .openapi("StartNumberingInput");
export type StartNumberingInput = z.infer<typeof StartNumberingInput>;

const personIds = (message: string) => z.array(id(message)).max(100);

export const MotionInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    kind: z.enum(motionKinds, { error: "Välj vilket slags yrkande det är." }),
    text: z.string().trim().max(5000, "Texten får vara högst 5000 tecken.").nullish().openapi({
      description:
        "Yrkandets egen lydelse. Vid bifall: det förslag som yrkas bifall till; vid avslag: vad som föreslås i stället; vid ändring och tillägg: den nya lydelsen (krävs); vid återremiss och bordläggning: motiveringen. / The motion's own wording: what is proposed (approve), what is proposed instead (reject), the new wording (amend, add; required), or the reason (refer back, table).",
    }),
    moverIds: personIds("Välj vem som yrkar.").min(1, "Ange minst en person som yrkar."),
    supporterIds: personIds("Välj vem som instämmer.").optional(),
  })
  .openapi("MotionInput");
export type MotionInput = z.infer<typeof MotionInput>;

export const QuestionInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    motionId: id("Välj ett yrkande."),
    againstMotionId: id("Välj ett yrkande.").nullish(),
    winnerMotionId: id("Välj det yrkande som bifölls.").nullish(),
    voteEventId: id("Välj en omröstning.").nullish().openapi({
      description:
        "En omröstning från före version 0011 som inte besvarar någon proposition. En ny omröstning ställer sin proposition själv, eller anges med questionId. / A vote recorded before migration 0011 that answers no question.",
    }),
  })
  .openapi("QuestionInput");
export type QuestionInput = z.infer<typeof QuestionInput>;

const count = z.int({ error: "Ange antalet som ett heltal." }).min(0, "Antalet kan inte vara negativt.");
const side = (what: string) => z.enum(["yes", "no"], { error: `Ange ${what}: ja eller nej.` });

export const VoteInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    questionId: id("Välj en proposition.").nullish().openapi({
      description:
        "Propositionen (steget i propositionsordningen) som omröstningen avgör. Utan den ställer omröstningen själv ja-yrkandet mot nej-yrkandet som en ny proposition. En fråga avgörs genom en omröstning (KL 5 kap. 52–53 §§). / The step of the order of questions the vote answers; without it the vote puts yesMotionId against noMotionId itself. A question is voted on once.",
    }),
    yesMotionId: id("Välj vad ja står för.").nullish().openapi({
      description:
        "Yrkandet som den som röstar ja bifaller; ett av propositionens två yrkanden. / The motion a yes vote carries; one of the question's two motions.",
    }),
    noMotionId: id("Välj vad nej står för.").nullish().openapi({
      description: "Yrkandet som den som röstar nej bifaller. / The motion a no vote carries.",
    }),
    election: z.boolean().optional().openapi({
      description:
        "Sant vid val: då anges kandidater och platser i stället för ja och nej, och lotten avgör vid lika röster (KL 5 kap. 55 §). / True for an election: candidates and seats instead of yes and no; a tie is settled by lots.",
    }),
    secret: z.boolean().optional().openapi({
      description:
        "Sluten omröstning; tillåten bara vid val (KL 5 kap. 52 §). Vid sluten omröstning sparas ingen enskild röst. / Secret ballot; allowed only in elections. No one's ballot is kept.",
    }),
    ballots: z
      .array(z.strictObject({ personId: id("Välj en ledamot."), choice: z.enum(ballotChoices) }))
      .max(1000)
      .optional()
      .openapi({
        description:
          "Varje tjänstgörande ledamots röst: ja, nej eller avstår (KL 4 kap. 25 §). Ordförandens röst är utslagsrösten vid lika. Används inte vid val. / Each serving member's ballot; the chair's ballot is the casting vote on a tie. Not used in elections.",
      }),
    counts: z
      .strictObject({
        yes: count.nullish(),
        no: count.nullish(),
        abstain: count,
        absent: count,
      })
      .nullish()
      .openapi({
        description:
          "Antalen, när inte varje röst anges: ja, nej, avstår och tjänstgörande som inte deltar; de ska tillsammans vara lika många som de tjänstgörande. Vid val anges bara avstår och deltar inte, och rösterna per kandidat. / The counts when ballots are not given; in an election only abstain and absent, with each candidate's votes.",
      }),
    castingVote: side("ordförandens utslagsröst").nullish().openapi({
      description:
        "Åt vilket håll ordföranden röstade, när bara antalen anges. Utslagsrösten är ordförandens egen röst: är ordförandens röst angiven måste den stämma, och en ordförande som inte röstat har ingen (KL 5 kap. 54 §). Inte vid val. / The side the chair voted for when only counts are given; it must agree with the chair's ballot. Not in elections.",
    }),
    lotSide: side("lottens utfall").nullish().openapi({
      description:
        "Används inte längre: en vanlig fråga avgörs aldrig genom lottning, och vid val anges vem lotten föll på i lotWinnerIds. / No longer used: an ordinary question is never decided by lots; in an election, give lotWinnerIds.",
    }),
    method: z.enum(["majority", "proportional"], { error: "Välj majoritetsval." }).optional().openapi({
      description:
        "Valsätt: majoritetsval (standard). Proportionella val enligt lag (1992:339) hanteras inte och avvisas. / Election method: majority (default); proportional elections are refused.",
    }),
    seats: z
      .int({ error: "Ange antalet platser som ett heltal." })
      .min(1, "Ett val fyller minst en plats.")
      .max(1000)
      .nullish()
      .openapi({
        description: "Antalet platser valet fyller (standard 1). / The seats the election fills (default 1).",
      }),
    candidates: z
      .array(z.strictObject({ personId: id("Välj en kandidat ur personregistret."), votes: count }))
      .max(200)
      .optional()
      .openapi({
        description:
          "Valets kandidater (personer) med det antal röster var och en fick. De med flest röster är valda. / The election's candidates with the votes each received; the most voted are elected.",
      }),
    lotWinnerIds: z.array(id("Välj en kandidat.")).max(200).optional().openapi({
      description:
        "De kandidater lotten föll på, när kandidater med lika röster konkurrerade om de sista platserna. Lotten dras vid sammanträdet och protokollförs; Paragraf drar aldrig lott (KL 5 kap. 55 §). / The candidates the lots fell on, drawn at the meeting; Paragraf never draws lots itself.",
    }),
  })
  .openapi("VoteInput");
export type VoteInput = z.infer<typeof VoteInput>;

export const DecisionInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    points: z
      .array(text(5000, "En beslutspunkt får inte vara tom."))
      .min(1, "Ange minst en beslutspunkt.")
      .max(100),
  })
  .openapi("DecisionInput");
export type DecisionInput = z.infer<typeof DecisionInput>;

export const ReservationInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    personId: id("Välj ledamoten som reserverar sig.").nullish(),
    partyId: id("Välj ett parti.").nullish(),
    againstMotionId: id("Välj ett yrkande.").nullish(),
    forMotionId: id("Välj ett yrkande.").nullish(),
    announcedAt: instant.nullish(),
  })
  .refine((r) => r.personId || r.partyId, { message: "Ange ledamoten eller partiet.", path: ["personId"] })
  .openapi("ReservationInput");
export type ReservationInput = z.infer<typeof ReservationInput>;

export const WrittenTextInput = z
  .strictObject({ text: text(50000, "Skriv texten."), submittedAt: instant.nullish() })
  .openapi("WrittenTextInput");
export type WrittenTextInput = z.infer<typeof WrittenTextInput>;

export const StatementInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    kind: z.enum(statementKinds, { error: "Välj särskilt yttrande eller protokollsanteckning." }),
    announcerIds: personIds("Välj vem som anmäler.").optional(),
    partyIds: z.array(id("Välj ett parti.")).max(20).optional(),
    signatoryIds: personIds("Välj vem som undertecknar.").optional(),
    announcedAt: instant.nullish(),
    text: z.string().trim().max(50000, "Texten får vara högst 50000 tecken.").nullish(),
    submittedAt: instant.nullish(),
  })
  .openapi("StatementInput");
export type StatementInput = z.infer<typeof StatementInput>;

export const AttachmentInput = z
  .strictObject({
    meetingId: id("Välj ett sammanträde."),
    title: text(300, "Ange bilagans rubrik."),
    number: z.int().min(1, "Bilagans nummer måste vara minst 1.").nullish(),
    recordId: id("Välj en handling ur diariet.").nullish(),
    statementId: id("Välj ett yttrande.").nullish(),
    reservationId: id("Välj en reservation.").nullish(),
  })
  .openapi("AttachmentInput");
export type AttachmentInput = z.infer<typeof AttachmentInput>;

export const RecipientsInput = z
  .strictObject({
    paragraphId: id("Välj en paragraf."),
    recipients: z
      .array(
        z
          .strictObject({
            bodyId: id("Välj ett organ ur listan.").nullish(),
            personId: id("Välj en person ur listan.").nullish().openapi({
              description: "En person som mottagare; beslutet expedieras till personens e-postadress",
            }),
            label: z.string().trim().max(300, "Texten får vara högst 300 tecken.").nullish(),
            email: z
              .string()
              .trim()
              .max(254, "E-postadressen får vara högst 254 tecken.")
              .refine((v) => v === "" || parseMailAddress(v) !== null, {
                error: (i) =>
                  `E-postadressen ${String(i.input)} går inte att tolka. Skriv den som namn@exempel.se.`,
              })
              .transform((v) => (v === "" ? null : parseMailAddress(v)))
              .nullish()
              .openapi({
                description: "En extern mottagares e-postadress; beslutet expedieras då med e-post",
              }),
          })
          .refine(
            (r) => r.bodyId || r.personId || r.label,
            "Ange ett organ, en person eller en mottagare i klartext.",
          )
          .refine((r) => !(r.bodyId && r.personId), {
            error: "En mottagare är antingen ett organ eller en person.",
            path: ["personId"],
          })
          .refine((r) => !((r.bodyId || r.personId) && r.email), {
            error:
              "Ett organs eller en persons e-postadress anges på organet eller personen, inte bland mottagarna.",
            path: ["email"],
          }),
      )
      .max(200),
  })
  .openapi("RecipientsInput");
export type RecipientsInput = z.infer<typeof RecipientsInput>;

export const RouteInput = z
  .strictObject({
    caseId: id("Välj ett ärende."),
    steps: z
      .array(
        z.strictObject({
          bodyId: id("Välj ett organ ur listan."),
          plannedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
          role: z.enum(routeRoles, { error: "Välj bereda, besluta eller anmäla." }),
          meetingId: id("Välj ett sammanträde.").nullish(),
        }),
      )
      .min(1, "Ange minst ett steg.")
      .max(50),
  })
  .openapi("RouteInput");
export type RouteInput = z.infer<typeof RouteInput>;

export const CaseNumberInput = z
  .strictObject({ caseNumber: text(100, "Ange diarienumret som det står i diariet.") })
  .openapi("CaseNumberInput");

export const SecretTextReviewInput = z
  .strictObject({
    field: z.enum(secretTextFields, {
      error: "Ange vilken text som granskats: summary, proposal, motion, statement eller reservation.",
    }),
    sourceId: id("Ange id för det som texten står på (paragrafen, ärendet på listan, yrkandet, yttrandet)."),
    textSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "Ange SHA-256 för den text du har läst, som 64 hexadecimala tecken."),
  })
  .openapi("SecretTextReviewInput", {
    description:
      "En granskning av en fritext i ett sekretessärende: vilken text, och SHA-256 av texten som den granskades.",
  });
export type SecretTextReviewInput = z.infer<typeof SecretTextReviewInput>;
