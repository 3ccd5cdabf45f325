// Swedish grammar that more than one capability writes with: the genitive of a name, lists joined with "och",
// and a name's form inside a sentence.

/**
 * Swedish genitive of a name as written: "Arbetsmarknads- och socialnämndens", "Kommunfullmäktiges",
 * "MINC i Sverige AB:s", "KSAU:s". A name ending in s, x or z takes no extra s (Svenska skrivregler).
 */
export function genitive(name: string): string {
  if (/[A-ZÅÄÖ0-9]$/.test(name)) return `${name}:s`;
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}

/**
 * A body's name inside running text: "Kommunstyrelsen" → "kommunstyrelsen". Abbreviations and names whose second
 * letter is a capital ("KSAU", "MINC i Sverige AB") keep their case.
 */
export function inRunningText(name: string): string {
  if (name.length > 1 && /[A-ZÅÄÖ]/.test(name.charAt(1))) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** "a", "a och b", "a, b och c". */
export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} och ${parts.at(-1)}`;
}
