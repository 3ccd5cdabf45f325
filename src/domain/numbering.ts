// Diarium number patterns (M2). A pattern is text with tokens in braces:
//   {prefix}  the series' prefix, e.g. STK, KS, KU
//   {year}    four-digit year;  {yy} two-digit year
//   {seq}     the sequence number; {seq:4} zero-padded to four digits
// Real registers use forms like STK-2024-1374 ({prefix}-{year}-{seq}), 2011/KS 0206 ({year}/{prefix} {seq:4})
// and KU.2017.3 ({prefix}.{year}.{seq}). Records in a case are numbered {case number}-{n}: STK-2023-137-50.

const token = /\{(prefix|year|yy|seq)(?::(\d))?\}/g;

/** Why a pattern is unusable, or null when it is fine. */
export function patternProblem(pattern: string): string | null {
  const tokens = [...pattern.matchAll(token)].map((m) => m[1]);
  if (tokens.filter((t) => t === "seq").length !== 1) return "seq_missing";
  if (!tokens.includes("year") && !tokens.includes("yy")) return "year_missing";
  if (/[{}]/.test(pattern.replace(token, ""))) return "unknown_token";
  return null;
}

/** The number for one sequence value in one year. */
export function formatNumber(pattern: string, prefix: string, year: number, sequence: number): string {
  return pattern.replace(token, (_all, name: string, width?: string) => {
    if (name === "prefix") return prefix;
    if (name === "year") return String(year);
    if (name === "yy") return String(year % 100).padStart(2, "0");
    return width ? String(sequence).padStart(Number(width), "0") : String(sequence);
  });
}

/** A record's number within its case. */
export function formatRecordNumber(caseNumber: string, sequence: number): string {
  return `${caseNumber}-${sequence}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Reads year and sequence back out of a number made by the pattern, or null when it is not one. */
export function parseNumber(
  pattern: string,
  prefix: string,
  number: string,
): { year: number; sequence: number } | null {
  let year: number | undefined;
  let sequence: number | undefined;
  const order: string[] = [];
  let source = "";
  let last = 0;
  for (const m of pattern.matchAll(token)) {
    source += escapeRegex(pattern.slice(last, m.index));
    last = m.index! + m[0].length;
    const name = m[1]!;
    if (name === "prefix") source += escapeRegex(prefix);
    else {
      order.push(name);
      source +=
        name === "year" ? "(\\d{4})" : name === "yy" ? "(\\d{2})" : m[2] ? `(\\d{${m[2]},})` : "([1-9]\\d*)";
    }
  }
  source += escapeRegex(pattern.slice(last));
  const match = new RegExp(`^${source}$`).exec(number);
  if (!match) return null;
  order.forEach((name, i) => {
    const value = Number(match[i + 1]);
    if (name === "year") year = value;
    else if (name === "yy") year = 2000 + value;
    else sequence = value;
  });
  if (year === undefined || sequence === undefined || sequence < 1) return null;
  return { year, sequence };
}

/**
 * A number split around its sequence: formatNumber(pattern, prefix, year, n) is head + n padded to width + tail.
 * Lets the database write the number in the same statement that takes the sequence value.
 */
export function numberParts(
  pattern: string,
  prefix: string,
  year: number,
): { head: string; tail: string; width: number } {
  const seq = [...pattern.matchAll(token)].find((m) => m[1] === "seq")!;
  const head = formatNumber(pattern.slice(0, seq.index), prefix, year, 0);
  const tail = formatNumber(pattern.slice(seq.index! + seq[0].length), prefix, year, 0);
  return { head, tail, width: seq[2] ? Number(seq[2]) : 0 };
}
