/**
 * The job that asks the signing provider how a report's pending signing stands (collectReportSignature), and leaves
 * the next one while it is still pending (src/reports/signing-jobs.ts). Payload: `{ reportId, signingId, poll }`.
 */
export const collectReportSignatureJobKind = "reports.collect-signature";
