import { z } from "@hono/zod-openapi";
import { caseNumberProblem, maxNumberLength } from "./lookup.js";
import { recordDirections, recordTypes } from "./tables.js";

const isoDate = (message: string) => z.iso.date({ error: message }).openapi({ example: "2025-05-27" });

export const NumberSeriesInput = z
  .strictObject({
    code: z
      .string({ error: "Ange seriens kod." })
      .trim()
      .min(1, "Ange seriens kod.")
      .max(20, "Koden får vara högst 20 tecken.")
      .openapi({
        description:
          "Seriens kod, som ett nytt ärende anger i `seriesCode`. / The series' code, which a new case gives as `seriesCode`.",
        example: "KS",
      }),
    prefix: z.string({ error: "Ange prefix." }).trim().max(20, "Prefixet får vara högst 20 tecken.").openapi({
      description:
        "Texten som `{prefix}` i mönstret ersätts med; kan vara tom. / What `{prefix}` in the pattern stands for; may be empty.",
      example: "KS",
    }),
    pattern: z
      .string({ error: "Ange ett mönster." })
      .trim()
      .min(1, "Ange ett mönster.")
      .max(60, "Mönstret får vara högst 60 tecken.")
      .openapi({
        description: [
          "Hur diarienumren skrivs: text med platshållarna `{prefix}` (seriens prefix), `{year}` (året med fyra",
          "siffror), `{yy}` (året med två siffror), `{seq}` (löpnumret inom året) och `{seq:N}` (löpnumret med",
          "minst N siffror, N en siffra 1–9, utfyllt med nollor). Mönstret har exakt ett `{seq}` eller `{seq:N}`",
          "och `{year}` eller `{yy}`; andra klamrar avvisas. Exempel: `{prefix}-{year}-{seq}` ger STK-2024-1374,",
          "`{year}/{prefix} {seq:4}` ger 2011/KS 0206 och `{prefix}.{year}.{seq}` ger KU.2017.3. Löpnumret börjar",
          'om på 1 varje år. Ett nummer med "/" skrivs `%2F` i en URL-sökväg: /diarium/2011%2FKS%200206. /',
          "How case numbers are written: `{prefix}`, `{year}` (four digits), `{yy}` (two digits), `{seq}` (the",
          "number within the year) and `{seq:N}` (zero-padded to at least N digits, N one digit 1–9). Exactly one",
          "`{seq}`/`{seq:N}` and a `{year}` or `{yy}`; other braces are refused. `{year}/{prefix} {seq:4}` makes",
          '2011/KS 0206, `{prefix}.{year}.{seq}` makes KU.2017.3. A number with "/" is written `%2F` in a URL path.',
        ].join(" "),
        example: "{prefix}-{year}-{seq}",
      }),
    ownerBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish().openapi({
      description:
        "Organet (id från GET /api/bodies) som äger serien, t.ex. en nämnd med eget diarium. / The body (an id from GET /api/bodies) that owns the series.",
    }),
  })
  .openapi("NumberSeriesInput");
export type NumberSeriesInput = z.infer<typeof NumberSeriesInput>;

/** OSL 5 kap. 5 §: provision, date and marking authority — all three, always together. */
export const SecrecyInput = z
  .strictObject({
    provision: z
      .string({ error: "Ange sekretessbestämmelsen." })
      .trim()
      .min(1, "Ange sekretessbestämmelsen, t.ex. OSL 21 kap. 1 §.")
      .max(200, "Bestämmelsen får vara högst 200 tecken."),
    markedOn: isoDate("Ange datum för markeringen som ÅÅÅÅ-MM-DD."),
    markedById: z.uuid({ error: "Välj det organ som gjorde markeringen." }).openapi({
      description:
        "Organet som gjorde markeringen: ett organs id (GET /api/bodies). / The body that marked it: a body's id.",
    }),
  })
  .openapi("SecrecyInput");
export type SecrecyInput = z.infer<typeof SecrecyInput>;

export const CaseInput = z
  .strictObject({
    seriesCode: z.string({ error: "Välj nummerserie." }).trim().min(1, "Välj nummerserie."),
    title: z
      .string({ error: "Ange ärendets rubrik." })
      .trim()
      .min(1, "Ange ärendets rubrik.")
      .max(500, "Rubriken får vara högst 500 tecken."),
    publicTitle: z.string().trim().max(500, "Rubriken får vara högst 500 tecken.").nullish(),
    responsibleBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish().openapi({
      description:
        "Det ansvariga organet: ett organs id (GET /api/bodies). / The responsible body: a body's id (GET /api/bodies).",
    }),
    caseOfficerId: z.uuid({ error: "Välj en handläggare ur listan." }).nullish().openapi({
      description:
        "Handläggaren: en persons id (GET /api/persons), inte ett användarkontos. / The case officer: a person's id (GET /api/persons), not a user account's.",
    }),
    originCaseId: z.uuid({ error: "Välj ett ursprungsärende ur listan." }).nullish().openapi({
      description:
        "Ärendet som detta har sitt ursprung i: ett ärendes id. / The case this one arose from: a case's id.",
    }),
    openedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    secrecy: SecrecyInput.nullish(),
  })
  .openapi("CaseInput");
export type CaseInput = z.infer<typeof CaseInput>;

export const RecordInput = z
  .strictObject({
    caseId: z.uuid({ error: "Välj ett ärende." }),
    direction: z.enum(recordDirections, { error: "Välj inkommande, upprättad eller utgående." }),
    recordType: z.enum(recordTypes, { error: "Välj en handlingstyp." }),
    datedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD."),
    counterpartBodyId: z.uuid({ error: "Välj ett organ ur listan." }).nullish().openapi({
      description:
        "Avsändare eller mottagare som är ett eget organ: ett organs id (GET /api/bodies). Andra anges med namn i `counterpartName`. / A sender or recipient that is one of the municipality's bodies (GET /api/bodies); others by name in `counterpartName`.",
    }),
    counterpartName: z.string().trim().max(300, "Namnet får vara högst 300 tecken.").nullish(),
    description: z
      .string({ error: "Beskriv handlingen kort." })
      .trim()
      .min(1, "Beskriv handlingen kort.")
      .max(1000, "Beskrivningen får vara högst 1000 tecken."),
    publicDescription: z.string().trim().max(1000, "Beskrivningen får vara högst 1000 tecken.").nullish(),
    secrecy: SecrecyInput.nullish(),
  })
  .openapi("RecordInput");
export type RecordInput = z.infer<typeof RecordInput>;

/** Changes to a case; only the fields given change. The number never changes. */
export const CaseUpdate = CaseInput.omit({ seriesCode: true, openedOn: true })
  .partial()
  .openapi("CaseUpdate");
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const CloseCaseInput = z
  .strictObject({ closedOn: isoDate("Ange datum som ÅÅÅÅ-MM-DD.") })
  .openapi("CloseCaseInput");
export type CloseCaseInput = z.infer<typeof CloseCaseInput>;

export const RelateCaseInput = z
  .strictObject({ relatedCaseId: z.uuid({ error: "Välj ett ärende ur listan." }) })
  .openapi("RelateCaseInput");
export type RelateCaseInput = z.infer<typeof RelateCaseInput>;

/** Changes to a record; the case and the number never change. */
export const RecordUpdate = RecordInput.omit({ caseId: true }).partial().openapi("RecordUpdate");
export type RecordUpdate = z.infer<typeof RecordUpdate>;

const numberText = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(maxNumberLength, `Numret får vara högst ${maxNumberLength} tecken.`);

/** Where a series continues when Paragraf takes over from an earlier register: the first number it gives. */
export const SeriesStartInput = z
  .strictObject({
    seriesCode: z.string({ error: "Välj nummerserie." }).trim().min(1, "Välj nummerserie."),
    firstNumber: numberText("Ange det första diarienummer Paragraf ska ge, t.ex. STK-2024-1374.").openapi({
      description:
        "Det första diarienummer Paragraf ska ge i serien, skrivet som seriens mönster gör det (t.ex. 2011/KS 0206 för `{year}/{prefix} {seq:4}`). / The first case number Paragraf gives in the series, as its pattern writes it.",
      example: "STK-2024-1374",
    }),
  })
  .openapi("SeriesStartInput");
export type SeriesStartInput = z.infer<typeof SeriesStartInput>;

/** Where a case's record numbers continue after an import: the first record number Paragraf gives. */
export const RecordNumberStartInput = z
  .strictObject({
    firstNumber: numberText(
      "Ange det första handlingsnummer Paragraf ska ge, t.ex. STK-2023-137-50.",
    ).openapi({
      example: "STK-2023-137-50",
    }),
  })
  .openapi("RecordNumberStartInput");
export type RecordNumberStartInput = z.infer<typeof RecordNumberStartInput>;

/** A file sent through the JSON API, its bytes in base64. */
export const FileUpload = z
  .strictObject({
    name: z
      .string({ error: "Ange filnamnet." })
      .trim()
      .min(1, "Ange filnamnet.")
      .max(255, "Högst 255 tecken."),
    mediaType: z.string({ error: "Ange filtypen." }).trim().min(1, "Ange filtypen, t.ex. application/pdf."),
    contentBase64: z.base64({ error: "Innehållet ska vara base64-kodat." }),
  })
  .openapi("FileUpload");
export type FileUpload = z.infer<typeof FileUpload>;

export const FilesUpload = z
  .strictObject({
    files: z.array(FileUpload).min(1, "Bifoga minst en fil.").max(20, "Högst 20 filer åt gången."),
  })
  .openapi("FilesUpload");

// Output: what the API shows. Parsing through these drops every field they do not name.

const BodyRef = z.object({ id: z.string(), name: z.string(), slug: z.string() }).openapi("BodyRef");

export const SecrecyMarkingView = z
  .object({
    provision: z.string(),
    markedOn: z.string(),
    markedByName: z.string().nullable(),
  })
  .openapi("SecrecyMarking");

export const CaseRef = z.object({ id: z.string(), number: z.string(), title: z.string() }).openapi("CaseRef");

export const FileView = z
  .object({
    sha256: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number(),
    url: z.string(),
  })
  .openapi("File");

export const RecordView = z
  .object({
    id: z.string(),
    number: z.string(),
    caseId: z.string(),
    caseNumber: z.string(),
    direction: z.enum(recordDirections),
    recordType: z.enum(recordTypes),
    datedOn: z.string(),
    counterpartBody: BodyRef.nullable(),
    counterpartName: z.string().nullable(),
    description: z.string(),
    withheld: z.boolean().openapi({ description: "Delar av posten är sekretessmarkerade och visas inte." }),
    secrecy: SecrecyMarkingView.nullable(),
    files: z.array(FileView),
  })
  .openapi("Record");
export type RecordView = z.infer<typeof RecordView>;

export const CaseView = z
  .object({
    id: z.string(),
    number: z.string(),
    title: z.string(),
    withheld: z
      .boolean()
      .openapi({ description: "Den riktiga rubriken är sekretessmarkerad och visas inte." }),
    status: z.enum(["open", "closed"]),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    responsibleBody: BodyRef.nullable(),
    caseOfficerName: z.string().nullable(),
    secrecy: SecrecyMarkingView.nullable(),
    originCase: CaseRef.nullable(),
    derivedCases: z.array(CaseRef),
    relatedCases: z.array(CaseRef),
    records: z.array(RecordView),
  })
  .openapi("Case");
export type CaseView = z.infer<typeof CaseView>;

export const SearchHitView = z
  .object({
    kind: z.enum(["case", "record"]),
    id: z.string(),
    number: z.string(),
    caseNumber: z.string(),
    caseTitle: z.string(),
    heading: z.string(),
    datedOn: z.string(),
    recordType: z.enum(recordTypes).nullable(),
    direction: z.enum(recordDirections).nullable(),
    status: z.enum(["open", "closed"]),
    bodyName: z.string().nullable(),
    secret: z.boolean(),
    withheld: z.boolean(),
    snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
  })
  .openapi("SearchHit");

export const SearchResultView = z
  .object({
    hits: z.array(SearchHitView),
    total: z.number(),
    totalCapped: z.boolean(),
    page: z.number(),
    perPage: z.number(),
  })
  .openapi("SearchResult");

/**
 * The one key of a lookup by case number. A blank number is refused, never read as "no filter"; so is one with
 * characters no number has (control characters, which the database cannot even compare).
 */
export const CaseNumberQuery = z.object({
  number: z
    .string({ error: "Ange diarienumret." })
    .trim()
    .min(1, "Ange diarienumret.")
    .max(maxNumberLength, `Diarienumret får vara högst ${maxNumberLength} tecken.`)
    .refine(
      (n) => caseNumberProblem(n) === null,
      "Diarienumret innehåller tecken som inte finns i ett diarienummer.",
    )
    .openapi({
      description:
        'Diarienumret som det står i diariet. "/" och mellanslag får stå som de är i frågesträngen (`?number=2011/KS 0206`, mellanslaget som %20 eller +); i en URL-sökväg skrivs "/" `%2F` (/diarium/2011%2FKS%200206). / The case number as written; in a URL path "/" is written `%2F`.',
      example: "STK-2024-1374",
    }),
});

/** An empty query parameter (a form's "any" option) counts as not given. */
const blankAsMissing = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const SearchQuery = z.object({
  q: z
    .string()
    .max(200, "Sökfrågan får vara högst 200 tecken.")
    .refine((q) => !q.includes("\u0000"), "Sökfrågan innehåller ett tecken som inte kan sökas på.")
    .optional(),
  organ: blankAsMissing(z.uuid({ error: "Välj ett organ ur listan." })),
  ar: blankAsMissing(
    z.coerce
      .number({ error: "Ange år med fyra siffror." })
      .int("Ange år med fyra siffror.")
      .min(1900, "Ange år med fyra siffror.")
      .max(2999, "Ange år med fyra siffror."),
  ),
  typ: blankAsMissing(z.enum(recordTypes, { error: "Okänd handlingstyp." })),
  riktning: blankAsMissing(z.enum(recordDirections, { error: "Okänd riktning." })),
  status: blankAsMissing(z.enum(["open", "closed"], { error: "Okänd status." })),
  slag: blankAsMissing(z.enum(["case", "record"], { error: "Okänt slag." })),
  sortering: blankAsMissing(
    z.enum(["relevance", "newest", "oldest", "number"], { error: "Okänd sortering." }),
  ),
  sida: blankAsMissing(
    z.coerce.number({ error: "Ange sidan som ett tal." }).int("Ange sidan som ett tal.").min(1).max(50),
  ),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
