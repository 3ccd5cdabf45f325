// Money as whole öre in integers, never floating point; shown the Swedish way ("10 000 000 kr"). No I/O.

const groupSeparator = "\u00a0";

function grouped(whole: bigint): string {
  return whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, groupSeparator);
}

/** "10 000 000 kr", or "1 234,50 kr" when there are öre; a non-breaking space keeps the groups together. */
export function formatKronor(ore: number | bigint): string {
  const value = BigInt(ore);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 100n;
  const rest = abs % 100n;
  const text = rest === 0n ? grouped(whole) : `${grouped(whole)},${rest.toString().padStart(2, "0")}`;
  return `${negative ? "−" : ""}${text}${groupSeparator}kr`;
}

export type KronorProblem = "blank" | "malformed" | "negative" | "fraction_of_ore" | "too_large";

/** The largest sum Paragraf takes: a thousand billion kronor, well inside JavaScript's exact integers. */
export const maxOre = 100_000_000_000_000;

/**
 * Kronor as a person types them ("10 000 000", "1 234,50", "1234.5 kr") in öre, or what is wrong with them.
 * Whole öre only: "0,005" is refused rather than rounded.
 */
export function parseKronor(input: string): { ore: number } | { problem: KronorProblem } {
  const text = input
    .trim()
    .replace(/\s*kr\.?$/i, "")
    .replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return { problem: "blank" };
  const match = /^([-−+]?)(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!match) return { problem: "malformed" };
  const [, sign, whole, fraction = ""] = match;
  if (sign === "-" || sign === "−") return { problem: "negative" };
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) return { problem: "fraction_of_ore" };
  const ore = BigInt(whole!) * 100n + BigInt((fraction.slice(0, 2) || "0").padEnd(2, "0"));
  if (ore > BigInt(maxOre)) return { problem: "too_large" };
  return { ore: Number(ore) };
}

/** A share of a whole in per mille, rounded down so that a part never shows as more than it is. */
export function permilleOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part * 1000) / whole);
}
