/**
 * A rule said no. The code names the rule; src/http/errors.ts maps it to an HTTP status and a Swedish message,
 * and details fill that message's blanks.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    /** Field the error belongs to, so a form can show it beside the input. */
    readonly field?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}

/** The record does not exist, or the actor may not know that it does. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super("not_found", { what });
  }
}
