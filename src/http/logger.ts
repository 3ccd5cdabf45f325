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
