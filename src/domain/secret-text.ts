import { createHash } from "node:crypto";
import { maskPersonalData } from "./personal-data.js";

// Free text written on a secret case (L31): a paragraph's summary, the proposal's text, motions, written
// reservations and statements. Secrecy covers the case's records; what a secretary writes about the case in the
// minutes may repeat them, so the public versions leave such text out until a secretary has reviewed it. A review
// holds for the exact text reviewed (its SHA-256): a changed text needs a new review. Pure.

export const secretTextFields = ["summary", "proposal", "motion", "statement", "reservation"] as const;
export type SecretTextField = (typeof secretTextFields)[number];

/** The Swedish name of each kind of free text, as the review list and the warnings say it. */
export const secretTextLabel: Record<SecretTextField, string> = {
  summary: "Sammanfattning",
  proposal: "Förslag till beslut",
  motion: "Yrkande",
  statement: "Yttrande",
  reservation: "Reservation",
};

/** The SHA-256 of a text as UTF-8, in hex: what a review is a review of. */
export function textSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface TextReview {
  field: string;
  sourceId: string;
  textSha256: string;
}

/** The reviews loaded for a view, looked up by the text they hold for. */
export function reviewedTexts(reviews: readonly TextReview[]) {
  const keys = new Set(reviews.map((r) => `${r.field}:${r.sourceId}:${r.textSha256}`));
  return {
    /** True when this very text, on this row, has been reviewed. */
    has: (field: SecretTextField, sourceId: string, text: string) =>
      keys.has(`${field}:${sourceId}:${textSha256(text)}`),
  };
}
export type ReviewedTexts = ReturnType<typeof reviewedTexts>;

/**
 * A free text as the public may read it: screened for personal data, and on a secret case only once the text as it
 * stands has been reviewed; null when it is left out.
 */
export function publicFreeText(
  text: string | null,
  at: { secret: boolean; reviewed: ReviewedTexts; field: SecretTextField; sourceId: string },
): string | null {
  if (text === null) return null;
  if (at.secret && !at.reviewed.has(at.field, at.sourceId, text)) return null;
  return maskPersonalData(text);
}

/** The warning a secretary gets when writing free text on a secret case. */
export const secretTextWarning =
  "Ärendet är sekretessmarkerat. Fritext som skrivs i ärendet (sammanfattning, förslag till beslut, yrkanden, " +
  "reservationer och yttranden) visas inte offentligt – på webbplatsen, i API:erna, flödena, de öppna data eller " +
  "nedladdningarna – förrän en sekreterare har granskat den under Granskning före publicering (/granskning). " +
  "Ändras texten efter granskningen behöver den granskas igen.";
