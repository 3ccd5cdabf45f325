/** The job that takes an approval's notice down from the notice board when its day has come (L13). */
export const takeDownJobKind = "approval.take-down-notice";

/**
 * The job an approval leaves for what follows it outside approval: dispatching the approved paragraphs' extracts
 * (M11, src/dispatch/after-approval.ts). Payload: `{ versionId, paragraphIds }`.
 */
export const minutesApprovedJobKind = "approval.minutes-approved";

/**
 * The job that tells the subscribers of the approved paragraphs' bodies and cases that the decisions are public
 * (X9, src/portal/notify.ts). Payload: `{ versionId, paragraphIds }`.
 */
export const decisionsPublishedJobKind = "approval.decisions-published";
