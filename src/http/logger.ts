import pino from "pino";

/** JSON logs to stdout. Bodies, cookies and query strings are never logged: they may carry secrets. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info") {
  return pino({
    level,
    base: { service: "paragraf" },
    redact: {
      paths: ["*.password", "*.passwordHash", "*.token", "*.cookie", "*.authorization"],
      censor: "[borttaget]",
    },
  });
}

/**
 * What of an unexpected error may be logged. A query layer error carries the SQL's parameters, and a database
 * error's detail repeats the values of a violated key: either can hold secret text, so both are left out. What
 * remains — the error's name, its message up to the parameters, the database's error code and constraint, and the
 * stack's frames — is enough to find the fault.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cut = (text: string) => text.split(/\nparams:/)[0]!.slice(0, 2000);
  const cause = error.cause as { code?: unknown; constraint?: unknown; name?: unknown } | undefined;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  // A database's own message may quote the offending value ('invalid input syntax … "…"'): keep only its code.
  const fromDatabase = "severity" in error;
  return {
    type: error.name,
    message: fromDatabase ? "database error" : cut(error.message),
    code: (error as { code?: unknown }).code ?? cause?.code,
    constraint: (error as { constraint?: unknown }).constraint ?? cause?.constraint,
    cause: cause?.name,
    stack: frames.join("\n"),
  };
}
