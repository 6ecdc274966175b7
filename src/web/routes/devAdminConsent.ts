import type { Request, Response, Server } from 'restify';
import { escapeHtml as e } from '../../services/portalUsers/invitationMail';
import { sendPage } from '../page';

/** The local Microsoft Graph's tenants, for the stand-in consent page (embedded mode only). */
export interface LocalConsentDirectory {
  tenants(): { tenantId: string; displayName: string; consented: boolean }[];
  grant(tenantId: string): void;
}

const one = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Embedded mode only: GET /dev/adminconsent stands in for Microsoft Entra ID's admin-consent page, so
 * a demo tenant can be connected through the real callback. Accepting grants the local Graph's consent
 * and sends the browser to /consent/callback the way Entra ID does; the callback checks everything.
 * It always returns to this app's own callback, whatever redirect_uri says (no open redirect).
 */
export function registerDevAdminConsentRoutes(server: Server, directory: LocalConsentDirectory, appName: string): void {
  server.get('/dev/adminconsent', async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const wanted = one(query.tenant).toLowerCase();
    const options = directory
      .tenants()
      .map((t) => `<option value="${e(t.tenantId)}"${t.tenantId === wanted ? ' selected' : ''}>${e(t.displayName)}${t.consented ? ' (consented)' : ''}</option>`)
      .join('');
    sendPage(res, 200, {
      title: 'Admin consent (local)',
      body: `<p class="muted">Embedded mode: this page stands in for the Microsoft Entra ID admin-consent page.</p>
<h1>Permissions requested</h1>
<p><strong>${e(appName)}</strong> asks to <strong>read all users' full profiles</strong> (User.Read.All, application) of your organisation.</p>
<form method="post" action="/dev/adminconsent">
<input type="hidden" name="state" value="${e(one(query.state))}">
<p><label for="tenant">Sign in as the administrator of</label><br><select id="tenant" name="tenant">${options}</select></p>
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`
    });
  });

  server.post('/dev/adminconsent', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const state = one(body.state);
    const tenantId = one(body.tenant).toLowerCase();
    const known = directory.tenants().some((t) => t.tenantId === tenantId);
    let query: URLSearchParams;
    if (one(body.decision) === 'accept' && known) {
      directory.grant(tenantId);
      query = new URLSearchParams({ admin_consent: 'True', tenant: tenantId, state });
    } else {
      query = new URLSearchParams({ error: 'access_denied', error_description: 'The administrator declined to consent.', state });
    }
    res.writeHead(303, { Location: `/consent/callback?${query}`, 'Cache-Control': 'no-store' });
    res.end();
  });
}
