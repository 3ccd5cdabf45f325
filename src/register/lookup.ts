// The keys a case is looked up by, and what makes one unusable. A lookup takes exactly one key; a blank or
// malformed one finds nothing rather than some other case.

/** Exactly one of a case's keys: its id or its number (diarienummer). */
export type CaseKey = { id: string; number?: undefined } | { number: string; id?: undefined };

/** The longest case or record number the register accepts (as numberText in schemas.ts). */
export const maxNumberLength = 60;

// Control characters (NUL among them) cannot be stored in a PostgreSQL text and appear in no number.
const controlCharacter = /\p{Cc}/u;

/**
 * Why a string cannot be a case or record number as looked up, or null when it can: "blank" when it is empty or
 * only spaces, "malformed" when it is too long, has spaces around it or holds control characters.
 */
export function caseNumberProblem(number: string): "blank" | "malformed" | null {
  if (number.trim() === "") return "blank";
  if (number.length > maxNumberLength || number !== number.trim() || controlCharacter.test(number))
    return "malformed";
  return null;
}
