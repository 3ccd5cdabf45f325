/** Seconds to wait before attempt n+1 after n failed attempts: 30 s doubling, at most an hour. */
export function retryDelaySeconds(failedAttempts: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(30 * 2 ** (n - 1), 3600);
}
