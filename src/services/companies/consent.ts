import { AlreadyExistsError } from '../../store/errors';
import type { Repositories } from '../../store/repositories';
import type { SignedTokens, TokenCheck } from '../signedTokens';

export interface ConsentSettings {
  publicUrl: () => string;
  /** The multi-tenant Entra app; absent in embedded mode, where the local consent page stands in for Entra ID. */
  entraAppClientId?: string;
}

/** What a consent link's `state` names. */
export interface ConsentState {
  companyId: string;
  /** The staff member who asked, told in personal chat when the consent comes back. */
  staffId: string;
}

export const CONSENT_LINK_VALID_MS = 60 * 60 * 1000;

/**
 * Admin-consent links for a client's Microsoft 365 tenant. The `state` names the company and who asked,
 * expires after an hour, is signed with the MSP's key, and works once: the callback records its nonce.
 */
export class ConsentLinks {
  constructor(
    private readonly repos: Repositories,
    private readonly tokens: SignedTokens,
    private readonly settings: ConsentSettings
  ) {}

  async link(companyId: string, staffId: string, tenantId?: string): Promise<string> {
    const state = await this.tokens.sign<ConsentState>('consent', { companyId, staffId }, CONSENT_LINK_VALID_MS);
    const redirect = `${this.base()}/consent/callback`;
    if (!this.settings.entraAppClientId) {
      return `${this.base()}/dev/adminconsent?${new URLSearchParams({ tenant: tenantId ?? '', state, redirect_uri: redirect })}`;
    }
    const authority = `https://login.microsoftonline.com/${tenantId ?? 'organizations'}/adminconsent`;
    return `${authority}?${new URLSearchParams({ client_id: this.settings.entraAppClientId, redirect_uri: redirect, state })}`;
  }

  /** Whether the state is authentic and unexpired. Does not use it up. */
  async verify(state: string): Promise<TokenCheck<ConsentState>> {
    return this.tokens.verify<ConsentState>('consent', state);
  }

  /** Uses the state up (by its nonce); false when it was used before. */
  async useOnce(nonce: string, state: ConsentState): Promise<boolean> {
    try {
      // 'ours' is the same state used before (same company and staff member): used up all the same.
      return (await this.repos.lookups.claim('consentState', [nonce], { companyId: state.companyId, staffId: state.staffId })) === 'claimed';
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  private base(): string {
    return this.settings.publicUrl().replace(/\/+$/, '');
  }
}
