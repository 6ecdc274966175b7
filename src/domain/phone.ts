export const MIN_PHONE_LENGTH = 3;
export const MAX_PHONE_LENGTH = 32;

// Main number of digits and the separators people write (+1 (425) 555-0100, 030/1234.56), then an
// optional extension written "ext", "ext." or "x". The no-break space is what Excel often puts there.
const PHONE = /^[0-9 \u00A0+()./-]+(?:[ \u00A0]*(?:ext\.?|x)[ \u00A0]*[0-9]+)?$/i;

/** Undefined when the optional phone is empty or valid, otherwise a reason a person can act on. */
export function phoneProblem(raw: string): string | undefined {
  const phone = raw.trim();
  if (phone === '') return undefined;
  if (phone.length < MIN_PHONE_LENGTH) {
    return `The phone number "${phone}" is shorter than ${MIN_PHONE_LENGTH} characters.`;
  }
  if (phone.length > MAX_PHONE_LENGTH) {
    return `The phone number is longer than ${MAX_PHONE_LENGTH} characters.`;
  }
  if (!PHONE.test(phone) || !/[0-9]/.test(phone)) {
    return `The phone number "${phone}" is not valid; use digits, spaces and + ( ) - . / (and "ext" for an extension).`;
  }
  return undefined;
}
