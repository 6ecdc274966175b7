import { app } from '@microsoft/teams-js';
import { readConfig } from './config';

/**
 * The consent pop-up's first page (Teams opens it with authentication.authenticate): it sends the person
 * to Microsoft Entra ID to consent to the tab's scope, with PKCE. Entra ID returns to /tab/auth-end.
 * The authorization code is never redeemed: once consent is given, single sign-on works.
 */
function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function start(): Promise<void> {
  await app.initialize().catch(() => undefined);
  const config = readConfig();
  const query = new URLSearchParams(location.search);
  const tenant = /^[0-9a-f-]{36}$/i.test(query.get('tenant') ?? '') ? query.get('tenant')! : 'organizations';
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem('tab.authState', state);
  const authorize = new URL(`https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`);
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: `${location.origin}/tab/auth-end`,
    response_mode: 'query',
    scope: `${config.appIdUri}/access_as_user openid profile`,
    prompt: 'consent',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(query.get('loginHint') ? { login_hint: query.get('loginHint')! } : {})
  }).toString();
  location.assign(authorize.toString());
}

void start();
