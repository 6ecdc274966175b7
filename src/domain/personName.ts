export const MAX_NAME_LENGTH = 100;

// Control characters, plus the bidirectional embedding/override/isolate marks, which can make a
// name display as something else (the "Trojan Source" trick) and never belong in a typed name.
const FORBIDDEN_IN_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Trimmed, inner whitespace collapsed to single spaces, NFC so "Zoë" typed two ways compares equal. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Undefined when the name is valid (any script), otherwise a reason a person can act on. */
export function nameProblem(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return 'The name is missing.';
  // Checked before normalising, which would quietly turn a tab or line break into a space.
  if (FORBIDDEN_IN_NAME.test(trimmed)) {
    return 'The name contains a control character (such as a tab or line break).';
  }
  // Counted in characters as people see them (code points), not UTF-16 units.
  if ([...normaliseName(raw)].length > MAX_NAME_LENGTH) {
    return `The name is longer than ${MAX_NAME_LENGTH} characters.`;
  }
  return undefined;
}
