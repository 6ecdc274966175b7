import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { MspSettingsRepository } from '../store/repositories/mspSettings';

export type TokenPurpose = 'consent' | 'historyExport';

export type TokenCheck<T> = { status: 'valid'; payload: T; nonce: string } | { status: 'expired'; payload: T } | { status: 'invalid' };

/** The one algorithm, and the `typ` header every token carries; anything else is refused. */
export const TOKEN_ALG = 'HS256';
export const TOKEN_TYP = 'msp+jwt';

/** Longer than any token this app makes by far; a longer string is refused before any work. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Three base64url segments, the last an HMAC-SHA256 (32 bytes: 43 characters, the last of which carries
 * 4 bits and two zero bits). Node decodes base64url leniently, so without the last character's check a
 * signature could be written in more than one way; jose itself only ever writes the canonical one.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** The claims of a token: the registered `exp` and `jti`, the purpose, and what the token names. */
interface TokenClaims<T> extends JWTPayload {
  purpose: TokenPurpose;
  data: T;
}

/**
 * Short-lived tokens that name what they allow: a consent link's `state`, a history export link.
 *
 * Format: a compact JWS (a JWT), URL-safe as it stands: header `{"alg":"HS256","typ":"msp+jwt"}`,
 * claims `{ purpose, data, exp, jti }`, signed with HMAC-SHA256 under the MSP's key (kept in the store
 * so every instance verifies what another issued). `purpose` binds the token to one use: a token made
 * for one purpose is refused for another. `exp` is in whole seconds (rounded down, so a token never
 * outlives what was asked). `jti` is a random nonce (128 bits), which callers that must allow one use
 * only record. `data` is the caller's payload, kept under its own claim so it never shadows `exp`/`jti`.
 *
 * Verification accepts HS256 with the pinned `typ` only (so `alg: none`, other algorithms, and other
 * JWTs signed with the same key are refused); the signature is checked before anything is read, so an
 * expired token is reported as such only when it is authentic and of the right purpose.
 *
 * Upgrade note: tokens of the previous hand-made format (`<base64url JSON>.<HMAC>`, two segments) are
 * refused as invalid. A consent link or history export link made just before the deploy therefore
 * stops working (the callback says the link is not valid; the export link answers 404); they last an
 * hour and 15 minutes respectively, and a new one is a command or a click away.
 */
export class SignedTokens {
  constructor(
    private readonly settings: Pick<MspSettingsRepository, 'signingKey'>,
    private readonly clock: () => Date
  ) {}

  async sign<T>(purpose: TokenPurpose, payload: T, validMs: number): Promise<string> {
    const claims: TokenClaims<T> = { purpose, data: payload };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: TOKEN_ALG, typ: TOKEN_TYP })
      .setExpirationTime(Math.floor((this.clock().getTime() + validMs) / 1000))
      .setJti(randomBytes(16).toString('base64url'))
      .sign(await this.settings.signingKey());
  }

  async verify<T>(purpose: TokenPurpose, token: string): Promise<TokenCheck<T>> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return { status: 'invalid' };
    // Outside the try: a store that cannot give the key is an outage, not an invalid token.
    const key = await this.settings.signingKey();
    let claims: JWTPayload;
    let expired = false;
    try {
      ({ payload: claims } = await jwtVerify(token, key, {
        algorithms: [TOKEN_ALG],
        typ: TOKEN_TYP,
        requiredClaims: ['exp', 'jti'],
        currentDate: this.clock(),
        clockTolerance: 0
      }));
    } catch (error) {
      // jose reports expiry only after the signature and the other claims passed.
      if (!(error instanceof errors.JWTExpired)) return { status: 'invalid' };
      claims = error.payload;
      expired = true;
    }
    if (claims.purpose !== purpose || typeof claims.jti !== 'string' || !claims.jti || !('data' in claims)) return { status: 'invalid' };
    const payload = claims.data as T;
    return expired ? { status: 'expired', payload } : { status: 'valid', payload, nonce: claims.jti };
  }
}
