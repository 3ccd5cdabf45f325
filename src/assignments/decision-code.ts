// The citation of a decision now lives in src/domain/citation.ts and the genitive in src/domain/swedish.ts. These
// re-exports only keep src/consultations' imports working until that folder imports src/domain itself.

export { decisionCode, decisionTitle, shortDate } from "../domain/citation.js";
export { genitive } from "../domain/swedish.js";
