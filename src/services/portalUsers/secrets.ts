import { createHash, randomBytes } from 'node:crypto';

/**
 * An invitation secret: 256 random bits, URL-safe. Only its SHA-256 hash is stored; the secret itself
 * exists only in the mailed link.
 */
export function newInvitationSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashInvitationSecret(secret) };
}

export function hashInvitationSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Secrets are 43 base64url characters; anything else is not a link we issued. */
export function looksLikeInvitationSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
