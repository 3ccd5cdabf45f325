/** What the secretary knows about a set of minutes before closing it. */
export interface MinutesContent {
  attendanceRecorded: boolean;
  paragraphs: { number: number; decided: boolean; motions: number }[];
}

/**
 * What the minutes still lack of what the law says they show (L10): who attended, and for each paragraph the
 * decision; motions and votes are shown as recorded. KL 5 kap. 66 § (check)
 */
export function minutesGaps(content: MinutesContent): string[] {
  const gaps: string[] = [];
  if (!content.attendanceRecorded) gaps.push("Närvaron är inte protokollförd.");
  for (const p of content.paragraphs) if (!p.decided) gaps.push(`§ ${p.number} saknar beslut.`);
  return gaps;
}
