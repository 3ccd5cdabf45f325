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

/**
 * The job that asks the signing provider how a pending signature of the minutes stands (collectSignature), and
 * leaves the next one while it is still pending (src/approval/signing-jobs.ts). Payload: `{ signatureId, poll }`.
 */
export const collectSignatureJobKind = "approval.collect-signature";
