/**
 * The one Retry-After parser (RFC 9110 section 10.2.3), for Microsoft Graph (src/graph) and the PSAs
 * (src/psa). No I/O and no dependencies; the current time is passed in.
 *
 *   Retry-After = HTTP-date / delay-seconds        delay-seconds = 1*DIGIT
 *
 * HTTP-date (section 5.6.7) in each of its three forms, which a recipient must all accept:
 *   IMF-fixdate   Sun, 06 Nov 1994 08:49:37 GMT   (the preferred form)
 *   rfc850-date   Sunday, 06-Nov-94 08:49:37 GMT  (a two-digit year more than 50 years ahead is the last century's)
 *   asctime-date  Sun Nov  6 08:49:37 1994
 * Names of days and months are case-sensitive, as in the grammar; the day name is not checked against
 * the date. Leading and trailing whitespace is ignored.
 */

/** A delay longer than this is read as this (as RFC 9111 does for delta-seconds it cannot represent). */
export const MAX_RETRY_AFTER_SECONDS = 2 ** 31;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`);

/**
 * What a Retry-After value asks for, in whole seconds from `now` (milliseconds since the epoch): the
 * delay-seconds as given (at most MAX_RETRY_AFTER_SECONDS), or the time until the HTTP-date rounded up
 * (0 when the date has passed). Undefined for anything else: absent, empty, negative, fractional,
 * garbage, an impossible date, or several values ("120, 60", as repeated headers arrive joined).
 */
export function retryAfterSeconds(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  const date = httpDate(text, now);
  if (date === undefined) return undefined;
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/** An HTTP-date in any of its three forms as milliseconds since the epoch, or undefined. */
function httpDate(text: string, now: number): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return utc(Number(year), month!, Number(day), Number(hour), Number(minute), Number(second));
  }
  match = RFC850_DATE.exec(text);
  if (match) {
    const [, day, month, yy, hour, minute, second] = match;
    return utc(fullYear(Number(yy), now), month!, Number(day), Number(hour), Number(minute), Number(second));
  }
  match = ASCTIME_DATE.exec(text);
  if (match) {
    const [, month, day, hour, minute, second, year] = match;
    return utc(Number(year), month!, Number(day!.trim()), Number(hour), Number(minute), Number(second));
  }
  return undefined;
}

/** RFC 9110: a two-digit year that would be more than 50 years in the future is the most recent past year ending so. */
function fullYear(yy: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + yy;
  if (year > current + 50) year -= 100;
  return year;
}

function utc(year: number, monthName: string, day: number, hour: number, minute: number, second: number): number | undefined {
  const month = MONTHS.indexOf(monthName);
  // Second 60 is a leap second (RFC 9110 allows it); the other fields must name a real time.
  if (hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  const time = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(Date.UTC(year, month, day));
  // Date.UTC maps years 0..99 to 1900..1999; a four-digit year of this range is not a Retry-After anyway.
  if (year < 100 || check.getUTCMonth() !== month || check.getUTCDate() !== day) return undefined;
  return time;
}
