export const MAX_COMPANY_NAME_LENGTH = 100;

// Control characters, the bidirectional embedding/override/isolate marks (the "Trojan Source" trick)
// and invisible characters (zero-width space, joiners, word joiner, BOM) never belong in a company name:
// a name that displays the same as another must not be a different name.
const FORBIDDEN_IN_COMPANY_NAME = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** The name as stored: NFC, trimmed, inner whitespace collapsed to single spaces. */
export function normaliseCompanyName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The key names are unique by within an MSP: case-insensitive. */
export function companyNameKey(name: string): string {
  return normaliseCompanyName(name).toLowerCase();
}

/** Undefined when the name is valid, otherwise a reason a person can act on. */
export function companyNameProblem(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return 'The company name is missing.';
  if (FORBIDDEN_IN_COMPANY_NAME.test(trimmed)) {
    return 'The company name contains an invisible or control character (such as a tab, line break or zero-width space).';
  }
  if ([...normaliseCompanyName(raw)].length > MAX_COMPANY_NAME_LENGTH) {
    return `The company name is longer than ${MAX_COMPANY_NAME_LENGTH} characters.`;
  }
  return undefined;
}

/**
 * The syntax characters of regular expressions as Adaptive Cards clients evaluate them (JavaScript on
 * desktop and web, .NET-like engines elsewhere). Everything else stands for itself in a pattern.
 */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;

/**
 * The `regex` of the typed-name input: matches exactly the company's name and nothing else (same case,
 * no extra space), so the card does not submit until the name is typed exactly.
 */
export function exactNamePattern(name: string): string {
  return `^${name.replace(REGEX_SYNTAX, '\\$&')}$`;
}

/**
 * The server's check of a typed name: exact code-unit equality. No trimming, no case folding, no
 * Unicode normalisation: "Contoso" ≠ "contoso" ≠ "Contoso " ≠ the NFD form ≠ a look-alike letter.
 */
export function typedNameMatches(typed: string, name: string): boolean {
  return typed === name;
}
