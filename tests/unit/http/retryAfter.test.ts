/**
 * src/http/retryAfter.ts: Retry-After as RFC 9110 writes it (delay-seconds or an HTTP-date in any of
 * its three forms), relative to a `now` given by the test; everything else is undefined.
 */
import { MAX_RETRY_AFTER_SECONDS, retryAfterSeconds } from '../../../src/http/retryAfter';

const NOW = Date.parse('2025-01-01T00:00:00.000Z');

describe('retryAfterSeconds', () => {
  it.each([
    ['delay-seconds', '120', 120],
    ['zero', '0', 0],
    ['leading zeros', '007', 7],
    ['whitespace around', '  30\t', 30],
    ['a very long delay, capped', '99999999999999999999', MAX_RETRY_AFTER_SECONDS],
    ['IMF-fixdate in the future', 'Wed, 01 Jan 2025 00:02:00 GMT', 120],
    ['IMF-fixdate now', 'Wed, 01 Jan 2025 00:00:00 GMT', 0],
    ['IMF-fixdate in the past', 'Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['the RFC example, long past', 'Fri, 31 Dec 1999 23:59:59 GMT', 0],
    ['IMF-fixdate a day ahead', 'Thu, 02 Jan 2025 00:00:00 GMT', 86_400],
    ['a leap second', 'Wed, 01 Jan 2025 00:00:60 GMT', 60],
    ['rfc850-date', 'Wednesday, 01-Jan-25 00:00:30 GMT', 30],
    ['rfc850-date, a two-digit year more than 50 years ahead is the last century', 'Friday, 31-Dec-99 23:59:59 GMT', 0],
    ['asctime-date, one-digit day', 'Wed Jan  1 00:00:45 2025', 45],
    ['asctime-date, two-digit day', 'Thu Jan 02 00:00:00 2025', 86_400]
  ])('%s: %p -> %p', (_what, value, expected) => {
    expect(retryAfterSeconds(value, NOW)).toBe(expected);
  });

  it('rounds an HTTP-date up to whole seconds', () => {
    expect(retryAfterSeconds('Wed, 01 Jan 2025 00:00:10 GMT', NOW + 500)).toBe(10);
    expect(retryAfterSeconds('Wed, 01 Jan 2025 00:00:10 GMT', NOW + 9_001)).toBe(1);
  });

  it.each([
    ['absent', null],
    ['undefined', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['negative', '-5'],
    ['explicitly positive', '+5'],
    ['fractional', '1.5'],
    ['exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['a unit', '30s'],
    ['garbage', 'soon'],
    ['two delays (repeated header)', '120, 60'],
    ['two delays separated by a space', '120 60'],
    ['a delay and a date', '120, Wed, 01 Jan 2025 00:02:00 GMT'],
    ['two dates', 'Wed, 01 Jan 2025 00:02:00 GMT, Wed, 01 Jan 2025 00:03:00 GMT'],
    ['ISO 8601', '2025-01-01T00:02:00Z'],
    ['a date in another zone', 'Wed, 01 Jan 2025 00:02:00 +0000'],
    ['a date without its zone', 'Wed, 01 Jan 2025 00:02:00'],
    ['lower-case month', 'Wed, 01 jan 2025 00:02:00 GMT'],
    ['an impossible day', 'Sat, 30 Feb 2025 00:00:00 GMT'],
    ['day zero', 'Wed, 00 Jan 2025 00:00:00 GMT'],
    ['an impossible hour', 'Wed, 01 Jan 2025 24:00:00 GMT'],
    ['an impossible minute', 'Wed, 01 Jan 2025 00:60:00 GMT'],
    ['a one-digit day in IMF-fixdate', 'Wed, 1 Jan 2025 00:02:00 GMT'],
    ['a short year in IMF-fixdate', 'Wed, 01 Jan 25 00:02:00 GMT']
  ])('%s (%p) is undefined', (_what, value) => {
    expect(retryAfterSeconds(value, NOW)).toBeUndefined();
  });
});
