import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import type { Field, Option } from "../http/forms.js";
import { read, requireMunicipality } from "../http/pages.js";
import { createConsultation } from "./create-consultation.js";
import { isoDate, lines } from "./page-parts.js";
import {
  type NewConsultationChoices,
  readCaseIdByNumber,
  readNewConsultationChoices,
} from "./read-new-consultation.js";
import type { ConsulteeInput } from "./schemas.js";

function newFields(bodies: Option[]): Field[] {
  return [
    {
      name: "caseNumber",
      label: "Ärendets diarienummer",
      required: true,
      hint: "Som det står i diariet.",
    },
    { name: "decidedBy.bodyId", label: "Beslutande organ", type: "select", required: true, options: bodies },
    { name: "decidedBy.decidedOn", label: "Beslutsdatum", type: "date", required: true },
    { name: "decidedBy.paragraphNumber", label: "Paragraf (§)", type: "number" },
    { name: "title", label: "Rubrik", required: true },
    { name: "coverText", label: "Missiv (följebrev)", type: "textarea", required: true },
    { name: "questions", label: "Frågor", type: "textarea", hint: "En fråga per rad." },
    {
      name: "consultees",
      label: "Remissinstanser",
      type: "textarea",
      required: true,
      hint: "En per rad: ett organs namn eller förkortning, eller en extern organisation som Namn <e-postadress>.",
    },
    { name: "deadline", label: "Sista svarsdag", type: "date", required: true },
  ];
}

const NewForm = z.object({
  caseNumber: z.string({ error: "Ange diarienumret." }).trim().min(1, "Ange diarienumret."),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som beslutade om remissen." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": z.int({ error: "Ange paragrafnumret som ett heltal." }).min(1).nullish(),
  title: z.string({ error: "Ange remissens rubrik." }).trim().min(1, "Ange remissens rubrik.").max(500),
  coverText: z.string({ error: "Skriv missivet." }).trim().min(1, "Skriv missivet.").max(20_000),
  questions: z.string().max(50_000).nullish(),
  consultees: z
    .string({ error: "Ange minst en remissinstans." })
    .trim()
    .min(1, "Ange minst en remissinstans."),
  deadline: isoDate("Ange sista svarsdag som ÅÅÅÅ-MM-DD."),
});

/** The consultee lines of the form: a body by name or short name, or an external "Namn <adress>". */
function consulteeLines(text: string, bodies: NewConsultationChoices["bodies"]): ConsulteeInput[] {
  const consultees = lines(text).map((line): ConsulteeInput => {
    const external = /^(.+?)\s*<([^>]+)>$/.exec(line);
    if (external) return { organisationName: external[1]!.trim(), contactEmail: external[2]!.trim() };
    const needle = line.toLowerCase();
    const b = bodies.find((x) => x.name.toLowerCase() === needle || x.shortName?.toLowerCase() === needle);
    if (!b) throw new DomainError("consultee_unknown", { line }, "consultees");
    return { bodyId: b.id };
  });
  const bad = consultees.find((x) => x.contactEmail && !z.email().safeParse(x.contactEmail).success);
  if (bad) throw new DomainError("consultee_unknown", { line: JSON.stringify(bad) }, "consultees");
  return consultees;
}

/** /remisser/ny: a new consultation, saved as a draft. */
export function registerNewPage(app: OpenAPIHono<AppEnv>) {
  formRoute(app, "/remisser/ny", {
    load: (c) => {
      const m = requireMunicipality(c);
      return read(c, (tx) => readNewConsultationChoices(tx, m.id));
    },
    title: () => "Ny remiss",
    trail: () => [{ href: "/remisser", label: "Remisser" }, { label: "Ny remiss" }],
    intro: "Remissen sparas först som utkast. Den skickas från remissens sida.",
    fields: ({ options }) => newFields(options),
    schema: NewForm,
    run: async (tx, actor, f, { bodies }) => {
      const caseId = await readCaseIdByNumber(tx, actor.municipalityId, f.caseNumber);
      return createConsultation(tx, actor, {
        caseId,
        decidedBy: {
          bodyId: f["decidedBy.bodyId"],
          decidedOn: f["decidedBy.decidedOn"],
          paragraphNumber: f["decidedBy.paragraphNumber"] ?? null,
        },
        title: f.title,
        coverText: f.coverText,
        deadline: f.deadline,
        questions: lines(f.questions),
        consultees: consulteeLines(f.consultees, bodies),
      });
    },
    redirect: (created) => `/remisser/${created.id}`,
    submitLabel: "Spara utkastet",
  });
}
