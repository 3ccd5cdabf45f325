// Screening of published texts for personal data (L31; GDPR art. 5.1 c, 87; OSL 21 kap. 7 §). Pure rules, no I/O.
// A match is masked in the public version and listed for the secretary; the internal version stays whole.

export type PersonalDataKind = "personal_number" | "coordination_number" | "phone" | "address";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The matched text, as written. */
  text: string;
  index: number;
}

/** What each kind is called to the secretary. */
export const personalDataLabel: Record<PersonalDataKind, string> = {
  personal_number: "personnummer",
  coordination_number: "samordningsnummer",
  phone: "telefonnummer",
  address: "adress",
};

/** The Luhn check over the ten digits YYMMDDNNNC (Skatteverket SKV 704). */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Whether digits (10 or 12, century optional) form a personal identity number or a co-ordination number:
 * a real month, a real day (plus 60 for a co-ordination number, folkbokföringslagen 18 a §) and the check digit.
 */
export function identityNumberKind(digits: string): "personal_number" | "coordination_number" | null {
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  if (ten.length !== 10 || !luhnValid(ten)) return null;
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6));
  if (month < 1 || month > 12) return null;
  if (day >= 1 && day <= 31) return "personal_number";
  if (day >= 61 && day <= 91) return "coordination_number";
  return null;
}

// 19/20 optional, YYMMDD, an optional - or + (100 years and older), four digits; not inside a longer number.
const identityPattern = /(?<![\d-])((?:19|20)?\d{6})[-+ ]?(\d{4})(?![\d-])/g;
// Swedish phone numbers: +46 or 0, an area code, then groups of digits; 7–10 digits after the prefix.
const phonePattern = /(?<![\d\w])(?:\+46[\s-]?\(?0?\)?|0)(?:\d[\s-]?){6,9}\d(?![\d])/g;
// A street with a house number: "Lönnvägen 7", "Storgatan 12 B", optionally followed by "123 45 Ort".
const streetSuffixes =
  "gatan|gata|vägen|väg|gränd|gränden|stigen|stig|allén|allé|backen|backe|torget|torg|plan|leden|led|liden|höjden|slingan|bågen|vallen|parken|hagen|udden|kroken|platsen|plats";
const addressPattern = new RegExp(
  `(?<![\\p{L}])\\p{Lu}[\\p{L}-]*(?:${streetSuffixes})\\s+\\d{1,4}(?:\\s?[A-Za-z](?![\\p{L}]))?(?:,?\\s+\\d{3}\\s?\\d{2}(?:\\s+\\p{Lu}\\p{L}+)?)?`,
  "gu",
);

/** The personal data a text carries, in order of appearance; overlapping matches are reported once. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(identityPattern)) {
    const kind = identityNumberKind(`${m[1]}${m[2]}`);
    if (kind) found.push({ kind, text: m[0], index: m.index ?? 0 });
  }
  for (const m of text.matchAll(phonePattern)) found.push({ kind: "phone", text: m[0], index: m.index ?? 0 });
  for (const m of text.matchAll(addressPattern))
    found.push({ kind: "address", text: m[0], index: m.index ?? 0 });
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: PersonalDataFinding[] = [];
  let end = -1;
  for (const f of found) {
    if (f.index < end) continue;
    kept.push(f);
    end = f.index + f.text.length;
  }
  return kept;
}

const maskWords: Record<PersonalDataKind, string> = {
  personal_number: "[personnummer borttaget]",
  coordination_number: "[samordningsnummer borttaget]",
  phone: "[telefonnummer borttaget]",
  address: "[adress borttagen]",
};

/** The public version of a text: every finding replaced by a bracketed word saying what was removed. */
export function maskPersonalData(text: string): string {
  const findings = findPersonalData(text);
  if (findings.length === 0) return text;
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.index) + maskWords[f.kind];
    at = f.index + f.text.length;
  }
  return out + text.slice(at);
}

/** The public version of a text that may be absent. */
export function maskOptional(text: string | null | undefined): string | null {
  return text ? maskPersonalData(text) : null;
}
