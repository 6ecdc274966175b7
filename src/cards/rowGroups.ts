import type { RowOutcome } from '../domain/portalUserImport';

/** "2, 5, 7–9, 12": consecutive row numbers as ranges. */
export function rowRanges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}\u2013${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Row outcomes grouped by reason, each reason once with every row it applies to: "Rows 4, 7–9: The
 * email address is missing." Keeps a card short even when thousands of rows share a reason.
 */
export function groupByReason(outcomes: RowOutcome[]): string[] {
  const byReason = new Map<string, number[]>();
  for (const outcome of outcomes) byReason.set(outcome.reason, [...(byReason.get(outcome.reason) ?? []), outcome.rowNumber]);
  return [...byReason].map(([reason, rows]) => `${rows.length === 1 ? 'Row' : 'Rows'} ${rowRanges(rows)}: ${reason}`);
}
