const letters: Record<string, string> = { å: "a", ä: "a", ö: "o", é: "e", è: "e", ü: "u", æ: "ae", ø: "o" };

/** A URL slug from a Swedish name: "Fritidsnämnden" → "fritidsnamnden", "Arbetsmarknads- och socialnämnden" → "arbetsmarknads-och-socialnamnden". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åäöéèüæø]/g, (c) => letters[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
