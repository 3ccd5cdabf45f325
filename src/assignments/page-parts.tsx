import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/context.js";
import type { Field, Option } from "../http/forms.js";
import { isoDay } from "../http/layout.js";
import { read, requireMunicipality } from "../http/pages.js";
import { readBodies } from "../organisation/read-bodies.js";
import { type AssignmentView, assignmentPath, bodyAssignmentsPath, statusLabel } from "./present.js";

// What the assignment pages share: the table of assignments, the decision fields of the forms and their schemas.

export type C = Context<AppEnv>;

const isoDate = (message: string) => z.iso.date({ error: message });
const paragraphNumber = z
  .int({ error: "Ange paragrafnumret som ett heltal." })
  .min(1, "Paragrafnumret måste vara minst 1.")
  .nullish();

/** The decision fields of a form, named as the use case's error fields are ("givenBy.decidedOn"). */
function decisionFields(prefix: string, label: string, bodies: Option[]): Field[] {
  return [
    { name: `${prefix}.bodyId`, label: `${label}: organ`, type: "select", required: true, options: bodies },
    { name: `${prefix}.decidedOn`, label: `${label}: datum`, type: "date", required: true },
    { name: `${prefix}.paragraphNumber`, label: `${label}: paragraf (§)`, type: "number" },
  ];
}

const decisionForm = (prefix: string) => ({
  [`${prefix}.bodyId`]: z.uuid({ error: "Välj det organ som fattade beslutet." }),
  [`${prefix}.decidedOn`]: isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  [`${prefix}.paragraphNumber`]: paragraphNumber,
});

/** The decision reference a form's fields name. */
export function decisionFrom(prefix: string, f: Record<string, unknown>) {
  return {
    bodyId: f[`${prefix}.bodyId`] as string,
    decidedOn: f[`${prefix}.decidedOn`] as string,
    paragraphNumber: (f[`${prefix}.paragraphNumber`] as number | null | undefined) ?? null,
  };
}

export const NewAssignmentForm = z.object({
  caseNumber: z.string({ error: "Ange diarienumret." }).trim().min(1, "Ange diarienumret."),
  ...decisionForm("givenBy"),
  bodyId: z.uuid({ error: "Välj det organ som får uppdraget." }),
  text: z.string({ error: "Skriv uppdragets text." }).trim().min(1, "Skriv uppdragets text.").max(5000),
  deadline: isoDate("Ange sista dag som ÅÅÅÅ-MM-DD.").nullish(),
});

export const CloseForm = z.object({
  outcome: z.enum(["reported", "lapsed", "written_off"], { error: "Välj hur uppdraget avslutas." }),
  ...decisionForm("closedBy"),
});

/** The bodies a form may name, "Kommunfullmäktige (KF)". */
export async function bodyOptions(c: C): Promise<Option[]> {
  const m = requireMunicipality(c);
  const bodies = await read(c, (tx) => readBodies(tx, m.id));
  return bodies.map((b) => ({ value: b.id, label: b.shortName ? `${b.name} (${b.shortName})` : b.name }));
}

export function newFields(bodies: Option[]): Field[] {
  return [
    {
      name: "caseNumber",
      label: "Ärendets diarienummer",
      required: true,
      hint: "Som det står i diariet.",
    },
    ...decisionFields("givenBy", "Beslutet som ger uppdraget", bodies),
    { name: "bodyId", label: "Organ som får uppdraget", type: "select", required: true, options: bodies },
    { name: "text", label: "Uppdraget", type: "textarea", required: true },
    { name: "deadline", label: "Sista dag för återrapportering", type: "date" },
  ];
}

export function closeFields(bodies: Option[]): Field[] {
  return [
    {
      name: "outcome",
      label: "Utfall",
      type: "select",
      required: true,
      options: [
        { value: "reported", label: statusLabel.reported },
        { value: "lapsed", label: statusLabel.lapsed },
        { value: "written_off", label: statusLabel.written_off },
      ],
    },
    ...decisionFields("closedBy", "Beslutet som avslutar", bodies),
  ];
}

/** A decision's citation, linked to its paragraph when the minutes are in Paragraf. */
export function decisionLink(d: { code: string; href: string | null }) {
  return d.href ? <a href={d.href}>{d.code}</a> : d.code;
}

/** Status in words, with the overdue mark written out (never colour alone). */
export function statusText(a: AssignmentView): string {
  return a.overdue ? `${statusLabel[a.status]} – försenat` : statusLabel[a.status];
}

function StatusCell({ a }: { a: AssignmentView }) {
  return <td>{a.overdue ? <strong>{statusText(a)}</strong> : statusText(a)}</td>;
}

export function AssignmentTable({
  rows,
  caption,
  closed,
}: {
  rows: AssignmentView[];
  caption: string;
  closed?: boolean;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Uppdrag</th>
          <th scope="col">Organ</th>
          <th scope="col">Givet genom</th>
          <th scope="col">Ärende</th>
          <th scope="col">Ålder (dagar)</th>
          <th scope="col">Sista dag</th>
          <th scope="col">Status</th>
          {closed ? <th scope="col">Avslutat genom</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr>
            <td>
              <a href={assignmentPath(a.id)}>{a.text}</a>
            </td>
            <td>
              <a href={bodyAssignmentsPath(a.bodySlug)}>{a.bodyName}</a>
            </td>
            <td>{decisionLink(a.givenBy)}</td>
            <td>{a.caseNumber}</td>
            <td>{String(a.ageDays)}</td>
            <td>{a.deadline ? isoDay(a.deadline) : "–"}</td>
            <StatusCell a={a} />
            {closed ? <td>{a.closedBy ? decisionLink(a.closedBy) : ""}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
