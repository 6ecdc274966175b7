/**
 * Email rules for portal users. Deliberately simpler than RFC 5322 (no quoted local parts, no IP
 * literals): these are mailbox addresses people type or paste, and invitations go through Graph,
 * which refuses the exotic forms anyway. Non-ASCII letters are accepted (internationalised mail).
 */

export const MAX_EMAIL_LENGTH = 254;
export const MAX_EMAIL_LOCAL_PART_LENGTH = 64;

// Characters never valid outside a quoted local part; whitespace and control characters are
// listed so that a pasted "Ava <ava@example.com>" or a cell with a line break is caught.
const FORBIDDEN = String.raw`\s\u0000-\u001f\u007f-\u009f@"(),:;<>\[\]\\`;
const LOCAL_PART = String.raw`[^${FORBIDDEN}]{1,${MAX_EMAIL_LOCAL_PART_LENGTH}}`;
const DOMAIN_LABEL = String.raw`[^${FORBIDDEN}.]+`;
const ADDRESS = String.raw`${LOCAL_PART}@${DOMAIN_LABEL}(?:\.${DOMAIN_LABEL})+`;

/**
 * For an Adaptive Card Input.Text `regex` (no flags there, so no `u`): surrounding spaces are
 * allowed because the server trims them, and the lookahead enforces the overall length.
 */
export const EMAIL_PATTERN = String.raw`^\s*(?=\S{1,${MAX_EMAIL_LENGTH}}\s*$)${ADDRESS}\s*$`;

const ADDRESS_REGEX = new RegExp(`^${ADDRESS}$`);

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Undefined when the address is valid, otherwise a reason a person can act on. */
export function emailProblem(raw: string): string | undefined {
  const email = raw.trim();
  if (email === '') return 'The email address is missing.';
  if (email.length > MAX_EMAIL_LENGTH) {
    return `The email address is longer than ${MAX_EMAIL_LENGTH} characters.`;
  }
  if (/\p{Cc}/u.test(email)) return 'The email address contains a control character (such as a line break).';
  const at = email.lastIndexOf('@');
  if (at > MAX_EMAIL_LOCAL_PART_LENGTH && email.indexOf('@') === at) {
    return `The part before @ in "${email}" is longer than ${MAX_EMAIL_LOCAL_PART_LENGTH} characters.`;
  }
  if (!ADDRESS_REGEX.test(email)) return `The email address "${email}" is not valid.`;
  return undefined;
}
