/** The job that takes an approval's notice down from the notice board when its day has come (L13). */
export const takeDownJobKind = "approval.take-down-notice";
