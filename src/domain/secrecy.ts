// Secrecy markings and what the public register shows (OSL 2009:400). Pure rules, no I/O.

export interface SecrecyMarking {
  provision: string | null | undefined;
  markedOn: string | null | undefined;
  markedById: string | null | undefined;
}

/** Which part of a secrecy marking is missing, or null when it is complete. */
// OSL 5 kap. 5 § (check): a marking states the provision, the date of the marking and the authority that made it.
export function secrecyMarkingProblem(marking: SecrecyMarking): "provision" | "date" | "body" | null {
  if (!marking.provision?.trim()) return "provision";
  if (!marking.markedOn) return "date";
  if (!marking.markedById) return "body";
  return null;
}

export interface RegisterEntry {
  secret: boolean;
  title: string;
  publicTitle: string | null;
}

/** The case title the register may show to a reader: the real one, or the public title when it is secret. */
// OSL 5 kap. 2 §: the register itself stays public; a secret title is replaced by a public one.
export function registerTitle(entry: RegisterEntry, readerHasAccess: boolean): string {
  if (!entry.secret || readerHasAccess) return entry.title;
  return entry.publicTitle?.trim() || "Sekretessmarkerat ärende";
}

export interface RecordEntry {
  secret: boolean;
  description: string;
  publicDescription: string | null;
  counterpartName: string | null;
  counterpartBodyId: string | null;
}

/**
 * The fields of a record's register entry a reader may see. Date and number are always public; sender or
 * recipient and the description are left out or replaced when the record is secret and the reader has no access.
 */
// OSL 5 kap. 2 §: sender/recipient and description may be left out where needed to keep the register public.
export function registerRecordEntry(
  entry: RecordEntry,
  readerHasAccess: boolean,
): {
  description: string;
  counterpartName: string | null;
  counterpartBodyId: string | null;
  withheld: boolean;
} {
  if (!entry.secret || readerHasAccess) {
    return {
      description: entry.description,
      counterpartName: entry.counterpartName,
      counterpartBodyId: entry.counterpartBodyId,
      withheld: false,
    };
  }
  return {
    description: entry.publicDescription?.trim() || "Sekretessmarkerad handling",
    counterpartName: null,
    counterpartBodyId: null,
    withheld: true,
  };
}
