import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MspSettingsRepository } from '../store/repositories/mspSettings';

export type TokenPurpose = 'consent' | 'historyExport';

export type TokenCheck<T> = { status: 'valid'; payload: T; nonce: string } | { status: 'expired'; payload: T } | { status: 'invalid' };

interface Envelope<T> {
  purpose: TokenPurpose;
  expiresAt: string;
  nonce: string;
  payload: T;
}

/**
 * Short-lived tokens that name what they allow: a consent link's `state`, a history export link. Signed
 * with the MSP's key (HMAC-SHA256, kept in the store so every instance verifies what another issued),
 * bound to one purpose so a token made for one thing is refused for another, and expiring. Each carries
 * a random nonce, which callers that must allow one use only record.
 */
export class SignedTokens {
  constructor(
    private readonly settings: MspSettingsRepository,
    private readonly clock: () => Date
  ) {}

  async sign<T>(purpose: TokenPurpose, payload: T, validMs: number): Promise<string> {
    const envelope: Envelope<T> = {
      purpose,
      expiresAt: new Date(this.clock().getTime() + validMs).toISOString(),
      nonce: randomBytes(16).toString('base64url'),
      payload
    };
    const body = Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
    return `${body}.${await this.signature(body)}`;
  }

  async verify<T>(purpose: TokenPurpose, token: string): Promise<TokenCheck<T>> {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body + signature)) return { status: 'invalid' };
    const expected = Buffer.from(await this.signature(body), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
    let envelope: Envelope<T>;
    try {
      envelope = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Envelope<T>;
    } catch {
      return { status: 'invalid' };
    }
    if (envelope.purpose !== purpose || typeof envelope.nonce !== 'string') return { status: 'invalid' };
    if (!(Date.parse(envelope.expiresAt) > this.clock().getTime())) return { status: 'expired', payload: envelope.payload };
    return { status: 'valid', payload: envelope.payload, nonce: envelope.nonce };
  }

  private async signature(body: string): Promise<string> {
    return createHmac('sha256', await this.settings.signingKey()).update(body).digest('base64url');
  }
}
