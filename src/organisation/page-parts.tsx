import type { Context } from "hono";
import type { AppEnv } from "../http/context.js";
import type { Field } from "../http/forms.js";
import { isoDay } from "../http/layout.js";
import { read, requireMunicipality } from "../http/pages.js";
import { bodyKindLabel, roleLabel } from "./labels.js";
import type { MembershipView } from "./present.js";
import { readBodyBySlug } from "./read-bodies.js";
import { readParties } from "./read-parties.js";
import { bodyKinds, membershipRoles } from "./tables.js";

// What the organisation pages share: the fields of their forms, the loaders the forms start from, breadcrumbs.

export type C = Context<AppEnv>;

export function bodyFields(parents: { id: string; name: string }[]): Field[] {
  return [
    { name: "name", label: "Namn", required: true },
    {
      name: "kind",
      label: "Typ",
      type: "select",
      required: true,
      options: bodyKinds.map((k) => ({ value: k, label: bodyKindLabel[k] })),
    },
    { name: "shortName", label: "Förkortning", hint: "Till exempel KF, KS, KSAU eller MKB." },
    {
      name: "parentId",
      label: "Överordnat organ",
      type: "select",
      options: parents.map((p) => ({ value: p.id, label: p.name })),
    },
    {
      name: "seats",
      label: "Antal ledamotsplatser",
      type: "number",
      hint: "Används för att räkna beslutförhet.",
    },
    { name: "openMeetings", label: "Sammanträdena är offentliga", type: "checkbox" },
    { name: "email", label: "E-postadress", type: "email" },
  ];
}

export const partyFields: Field[] = [
  { name: "name", label: "Namn", required: true },
  {
    name: "abbreviation",
    label: "Förkortning",
    required: true,
    hint: "Till exempel S, M, L, C, SD eller V.",
  },
];

export function personFields(parties: { id: string; name: string; abbreviation: string }[]): Field[] {
  return [
    { name: "name", label: "Namn", required: true, autocomplete: "off" },
    { name: "email", label: "E-postadress", type: "email", autocomplete: "off" },
    {
      name: "partyId",
      label: "Parti",
      type: "select",
      options: parties.map((p) => ({ value: p.id, label: `${p.name} (${p.abbreviation})` })),
    },
  ];
}

export function membershipFields(
  persons: { id: string; name: string; partyAbbreviation: string | null }[],
): Field[] {
  return [
    {
      name: "personId",
      label: "Person",
      type: "select",
      required: true,
      options: persons.map((p) => ({
        value: p.id,
        label: p.partyAbbreviation ? `${p.name} (${p.partyAbbreviation})` : p.name,
      })),
    },
    {
      name: "role",
      label: "Roll",
      type: "select",
      required: true,
      options: membershipRoles.map((r) => ({ value: r, label: roleLabel[r] })),
    },
    { name: "startsOn", label: "Från och med", type: "date", required: true },
    { name: "endsOn", label: "Till och med", type: "date" },
  ];
}

export function officialFields(persons: { id: string; name: string }[]): Field[] {
  return [
    {
      name: "personId",
      label: "Person",
      type: "select",
      required: true,
      options: persons.map((p) => ({ value: p.id, label: p.name })),
    },
    {
      name: "title",
      label: "Titel",
      required: true,
      hint: "Till exempel enhetschef eller nämndsekreterare.",
    },
  ];
}

/** The body the URL's slug names; a 404 when there is none. */
export function loadBody(c: C) {
  const m = requireMunicipality(c);
  return read(c, (tx) => readBodyBySlug(tx, m.id, c.req.param("slug") ?? ""));
}

/** The parties a person form offers. */
export function partiesFor(c: C) {
  return read(c, (tx) => readParties(tx, requireMunicipality(c).id));
}

/** Organ › {body} › {last}. */
export function bodyTrail(b: { slug: string; name: string }, last: string) {
  return [{ href: "/organ", label: "Organ" }, { href: `/organ/${b.slug}`, label: b.name }, { label: last }];
}

/** "2022-10-15 – " or "2022-10-15 – 2026-10-14": a membership's period. */
export function period(x: Pick<MembershipView, "startsOn" | "endsOn">): string {
  return `${isoDay(x.startsOn)} – ${isoDay(x.endsOn)}`;
}
