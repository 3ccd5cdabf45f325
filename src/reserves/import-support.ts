import type { z } from "@hono/zod-openapi";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { parseKronor } from "../domain/money.js";
import { describeError } from "../http/errors.js";
import { parseSwedishNumber } from "./csv.js";
import { kronorMessages } from "./form-parts.js";

// What every import of the reserves' tables shares: a row by column name, its refusals in Swedish, and the
// savepoint each row is written in.

/** One refused row: its line in the file (the header is line 1), the column and what is wrong, in Swedish. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export type Row = { line: number; cells: Record<string, string> };

/** A zod failure of a row as row errors, named by the file's columns. */
export function zodErrors(line: number, error: z.ZodError, names: Record<string, string>): RowError[] {
  return error.issues.map((i) => ({
    row: line,
    field: names[String(i.path[0])] ?? String(i.path[0] ?? "rad"),
    message: i.message,
  }));
}

export function domainRowError(line: number, error: unknown, names: Record<string, string>): RowError {
  if (!(error instanceof DomainError)) throw error;
  const field = error.field?.split(".").pop() ?? "";
  return { row: line, field: names[field] ?? field ?? "rad", message: describeError(error).message };
}

export function number(cells: Record<string, string>, column: string): number {
  return parseSwedishNumber(cells[column] ?? "") ?? Number.NaN;
}

export function kronor(cells: Record<string, string>, column: string): number {
  const parsed = parseKronor(cells[column] ?? "");
  return "ore" in parsed ? parsed.ore : parsed.problem === "negative" ? -1 : Number.NaN;
}

/** Runs one row's write in a savepoint, so a refused row leaves nothing and the next rows are still checked. */
export async function attempt(
  tx: Tx,
  errors: RowError[],
  fn: (sp: Tx) => Promise<unknown>,
  onError: (e: unknown) => RowError,
) {
  try {
    await tx.transaction(async (sp) => {
      await fn(sp as unknown as Tx);
    });
  } catch (error) {
    errors.push(onError(error));
  }
}

/** A kronor cell in whole öre, or null with the Swedish reason on the row's column. */
export function kronorOrError(
  line: number,
  cells: Record<string, string>,
  column: string,
  errors: RowError[],
): number | null {
  const parsed = parseKronor(cells[column] ?? "");
  if ("ore" in parsed) return parsed.ore;
  errors.push({ row: line, field: column, message: kronorMessages[parsed.problem]! });
  return null;
}
