import type { DevIssuer } from './devIssuer';
import { appIdUriOf, entraTabTrust, type TabTokenTrust } from './tabToken';

/** How the tab signs people in: whom its tokens must come from, and the app they are for. */
export interface TabSettings {
  trust: TabTokenTrust;
  /** The Entra app's client id and Application ID URI (the consent pop-up asks for its scope). */
  clientId: string;
  appIdUri: string;
  /** Embedded mode only: the local issuer behind the development sign-in page. */
  devIssuer?: DevIssuer;
}

/** Production: Microsoft Entra ID's v2 tokens for the multi-tenant app, and nothing else. */
export function productionTabSettings(clientId: string, publicUrl: string): TabSettings {
  return { trust: entraTabTrust(clientId, publicUrl), clientId, appIdUri: appIdUriOf(clientId, publicUrl) };
}

/** Embedded mode: the local development issuer, and its sign-in page. */
export function devTabSettings(issuer: DevIssuer): TabSettings {
  return { trust: issuer.trust(), clientId: issuer.clientId, appIdUri: issuer.appIdUri, devIssuer: issuer };
}

export class DevSignInOutsideEmbeddedError extends Error {
  constructor() {
    super('The development sign-in (local token issuer) exists in embedded mode only; production trusts Microsoft Entra ID alone.');
    this.name = 'DevSignInOutsideEmbeddedError';
  }
}

/** Refuses a development issuer in an app that is not embedded, whatever built the settings. */
export function checkTabSettings(tab: TabSettings | undefined, embedded: boolean): void {
  if (tab?.devIssuer && !embedded) throw new DevSignInOutsideEmbeddedError();
}
