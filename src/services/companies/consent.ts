import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AlreadyExistsError } from '../../store/errors';
import type { Repositories } from '../../store/repositories';

export interface ConsentSettings {
  publicUrl: () => string;
  /** The multi-tenant Entra app; absent in embedded mode, where the local consent page stands in for Entra ID. */
  entraAppClientId?: string;
}

export interface ConsentState {
  companyId: string;
  /** The staff member who asked, told in personal chat when the consent comes back. */
  staffId: string;
  expiresAt: string;
  nonce: string;
}

const STATE_VALID_MS = 60 * 60 * 1000;

/**
 * Admin-consent links for a client's Microsoft 365 tenant. The `state` names the company and who asked,
 * expires after an hour, is signed with the MSP's key (HMAC-SHA256, kept in the store so every instance
 * verifies it) and works once: the callback records its nonce.
 */
export class ConsentLinks {
  constructor(
    private readonly repos: Repositories,
    private readonly settings: ConsentSettings,
    private readonly clock: () => Date
  ) {}

  async link(companyId: string, staffId: string, tenantId?: string): Promise<string> {
    const state = await this.sign({
      companyId,
      staffId,
      expiresAt: new Date(this.clock().getTime() + STATE_VALID_MS).toISOString(),
      nonce: randomBytes(16).toString('base64url')
    });
    const redirect = `${this.base()}/consent/callback`;
    if (!this.settings.entraAppClientId) {
      return `${this.base()}/dev/adminconsent?${new URLSearchParams({ tenant: tenantId ?? '', state, redirect_uri: redirect })}`;
    }
    const authority = `https://login.microsoftonline.com/${tenantId ?? 'organizations'}/adminconsent`;
    return `${authority}?${new URLSearchParams({ client_id: this.settings.entraAppClientId, redirect_uri: redirect, state })}`;
  }

  /** The state's content if it is authentic and unexpired; undefined otherwise. Does not use it up. */
  async verify(state: string): Promise<ConsentState | undefined> {
    const [payload, signature] = state.split('.');
    if (!payload || !signature || !/^[A-Za-z0-9_-]+$/.test(payload + signature)) return undefined;
    const expected = createHmac('sha256', await this.key()).update(payload).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let content: ConsentState;
    try {
      content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ConsentState;
    } catch {
      return undefined;
    }
    return Date.parse(content.expiresAt) > this.clock().getTime() ? content : undefined;
  }

  /** Uses the state up; false when it was used before. */
  async useOnce(state: ConsentState): Promise<boolean> {
    try {
      await this.repos.lookups.claim('consentState', [state.nonce], { companyId: state.companyId, staffId: state.staffId });
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  private async sign(state: ConsentState): Promise<string> {
    const payload = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
    const signature = createHmac('sha256', await this.key()).update(payload).digest('base64url');
    return `${payload}.${signature}`;
  }

  private base(): string {
    return this.settings.publicUrl().replace(/\/+$/, '');
  }

  private key(): Promise<Buffer> {
    return this.repos.settings.signingKey();
  }
}
