/**
 * Times on cards, shown in each viewer's own time zone: Teams renders Adaptive Cards' `{{DATE()}}` and
 * `{{TIME()}}` in TextBlocks (not in FactSets) from a strict RFC 3339 time without fractional seconds.
 */
export function cardTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "Wed, Dec 2, 2026 at 4:39 PM" in the viewer's time zone, for a TextBlock. */
export function localDateTime(iso: string): string {
  if (Number.isNaN(new Date(iso).getTime())) return 'an unknown time';
  const time = cardTime(iso);
  return `{{DATE(${time}, SHORT)}} at {{TIME(${time})}}`;
}

/** "Wed, Dec 2, 2026" in the viewer's time zone, for a TextBlock. */
export function localDate(iso: string): string {
  if (Number.isNaN(new Date(iso).getTime())) return 'an unknown day';
  return `{{DATE(${cardTime(iso)}, SHORT)}}`;
}
