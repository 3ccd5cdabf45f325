import type { BodyKind, MembershipRole } from "../organisation/tables.js";

// The organisation behind Malmö kommunfullmäktige § 8, 2026-01-22 (../shared/seed). Names, titles and the one
// e-mail address (nasrin.bigdelou@malmo.se) come from the seed; the other addresses follow that same pattern.
// The term is the 2022–2026 mandatperiod, during which every meeting of the seed's route was held.

export const municipality = { name: "Malmö stad", slug: "malmo", organisationNumber: "212000-1124" };

export const parties = [
  { abbreviation: "S", name: "Socialdemokraterna" },
  { abbreviation: "M", name: "Moderaterna" },
  { abbreviation: "L", name: "Liberalerna" },
  { abbreviation: "C", name: "Centerpartiet" },
  { abbreviation: "SD", name: "Sverigedemokraterna" },
  { abbreviation: "V", name: "Vänsterpartiet" },
];

interface ExampleBody {
  name: string;
  shortName: string;
  kind: BodyKind;
  parent?: string;
  seats?: number;
  openMeetings?: boolean;
}

export const bodies: ExampleBody[] = [
  { name: "Kommunfullmäktige", shortName: "KF", kind: "council", seats: 61, openMeetings: true },
  { name: "Kommunstyrelsen", shortName: "KS", kind: "executive_board", parent: "KF" },
  { name: "Kommunstyrelsens arbetsutskott", shortName: "KSAU", kind: "working_committee", parent: "KS" },
  { name: "Kommunstyrelseberedningen", shortName: "KSB", kind: "preparatory_committee", parent: "KS" },
  { name: "Arbetsmarknads- och socialnämnden", shortName: "ASN", kind: "committee", parent: "KF" },
  { name: "Fritidsnämnden", shortName: "FRN", kind: "committee", parent: "KF" },
  { name: "Funktionsstödsnämnden", shortName: "FSN", kind: "committee", parent: "KF" },
  { name: "Förskolenämnden", shortName: "FN", kind: "committee", parent: "KF" },
  { name: "Grundskolenämnden", shortName: "GSN", kind: "committee", parent: "KF" },
  { name: "Gymnasie- och vuxenutbildningsnämnden", shortName: "GVN", kind: "committee", parent: "KF" },
  { name: "Kulturnämnden", shortName: "KN", kind: "committee", parent: "KF" },
  { name: "Miljönämnden", shortName: "MN", kind: "committee", parent: "KF" },
  { name: "Servicenämnden", shortName: "SN", kind: "committee", parent: "KF" },
  { name: "Stadsbyggnadsnämnden", shortName: "SBN", kind: "committee", parent: "KF" },
  { name: "Tekniska nämnden", shortName: "TN", kind: "committee", parent: "KF" },
  { name: "MKB Fastighets AB", shortName: "MKB", kind: "company" },
  { name: "MINC i Sverige AB", shortName: "MINC", kind: "company" },
  { name: "Stadskontoret", shortName: "STK", kind: "administration", parent: "KS" },
  { name: "Hållbarhetsavdelningen", shortName: "HÅL", kind: "department", parent: "STK" },
];

export const term = { startsOn: "2022-10-15", endsOn: "2026-10-14" };

interface ExamplePerson {
  name: string;
  party?: string;
  email: string;
  seats?: { body: string; role: MembershipRole }[];
  post?: { body: string; title: string };
}

export const persons: ExamplePerson[] = [
  {
    name: "Katrin Stjernfeldt Jammeh",
    party: "S",
    email: "katrin.stjernfeldt.jammeh@malmo.se",
    seats: [
      { body: "KF", role: "member" },
      { body: "KS", role: "chair" },
    ],
  },
  { name: "Roko Kursar", party: "L", email: "roko.kursar@malmo.se", seats: [{ body: "KF", role: "member" }] },
  {
    name: "Farishta Sulaiman",
    party: "M",
    email: "farishta.sulaiman@malmo.se",
    seats: [{ body: "KF", role: "member" }],
  },
  {
    name: "Kay Wictorin",
    party: "C",
    email: "kay.wictorin@malmo.se",
    seats: [{ body: "KF", role: "member" }],
  },
  { name: "Håkan Fäldt", party: "M", email: "hakan.faldt@malmo.se", seats: [{ body: "KF", role: "member" }] },
  { name: "Anton Sauer", party: "C", email: "anton.sauer@malmo.se", seats: [{ body: "KF", role: "member" }] },
  { name: "Nasrin Bigdelou", email: "nasrin.bigdelou@malmo.se", post: { body: "STK", title: "Enhetschef" } },
  {
    name: "Nicklas Löfström",
    email: "nicklas.lofstrom@malmo.se",
    post: { body: "STK", title: "Nämndsekreterare" },
  },
  {
    name: "Ana-Maria Deliv",
    email: "ana-maria.deliv@malmo.se",
    post: { body: "HÅL", title: "Avdelningschef" },
  },
  {
    name: "Andreas Norbrant",
    email: "andreas.norbrant@malmo.se",
    post: { body: "STK", title: "Stadsdirektör" },
  },
];
