import { app, authentication } from '@microsoft/teams-js';
import { readConfig } from './config';
import { asThemeName, type TeamsThemeName } from './theme';

/** How this page gets its tokens: Teams single sign-on, the development sign-in, or not at all. */
export type Session =
  | { kind: 'teams'; theme: TeamsThemeName; tenantId?: string; loginHint?: string; token(): Promise<string> }
  | { kind: 'dev'; theme: TeamsThemeName; token(): Promise<string> }
  | { kind: 'outside' };

const DEV_TOKEN = 'tab.devToken';
/** teams-js rejects at once on a top-level page and never settles inside a foreign frame. */
const TEAMS_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Timed out waiting for Microsoft Teams.')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    );
  });
}

/** Embedded mode only: the development sign-in's token, from the URL fragment (then kept for this tab). */
function devToken(): string | undefined {
  if (!readConfig().devSignIn) return undefined;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fresh = fragment.get('devToken');
  if (fresh) {
    sessionStorage.setItem(DEV_TOKEN, fresh);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(DEV_TOKEN) ?? undefined;
}

export function forgetDevToken(): void {
  sessionStorage.removeItem(DEV_TOKEN);
}

export async function startSession(onTheme: (theme: TeamsThemeName) => void): Promise<Session> {
  const dev = devToken();
  if (dev) return { kind: 'dev', theme: asThemeName(new URLSearchParams(location.search).get('theme')), token: async () => dev };
  try {
    await withTimeout(app.initialize(), TEAMS_TIMEOUT_MS);
    const context = await withTimeout(app.getContext(), TEAMS_TIMEOUT_MS);
    app.registerOnThemeChangeHandler((theme) => onTheme(asThemeName(theme)));
    app.notifySuccess();
    return {
      kind: 'teams',
      theme: asThemeName(context.app.theme),
      tenantId: context.user?.tenant?.id,
      loginHint: context.user?.loginHint,
      // teams-js caches the token and asks Entra ID for a new one when it is about to expire.
      token: () => authentication.getAuthToken()
    };
  } catch {
    return { kind: 'outside' };
  }
}

/** Whether a single sign-on failure means the person (or their admin) has not consented yet. */
export function needsConsent(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /consent|interaction_required|invalid_grant|65001/i.test(text);
}

/** The consent pop-up: /tab/auth-start sends the person to Entra ID; /tab/auth-end reports back. */
export async function askConsent(session: Extract<Session, { kind: 'teams' }>): Promise<void> {
  const query = new URLSearchParams();
  if (session.tenantId) query.set('tenant', session.tenantId);
  if (session.loginHint) query.set('loginHint', session.loginHint);
  await authentication.authenticate({ url: `${location.origin}/tab/auth-start?${query}`, width: 600, height: 535 });
}
