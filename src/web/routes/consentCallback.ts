import type { Request, Response, Server } from 'restify';
import type { CompanyService } from '../../services/companies';
import type { ConsentOutcome } from '../../services/companies/connectCompany';
import { escapeHtml as e } from '../../services/portalUsers/invitationMail';
import { sendPage } from '../page';

const ASK_AGAIN = '<p>Ask your IT provider for a new consent link.</p>';

/**
 * The page a client's Microsoft 365 administrator lands on after the consent. It names only their own
 * company (from the signed state), never another client, even when the tenant belongs to one.
 */
function pageFor(outcome: ConsentOutcome, mspName: string): { status: number; title: string; body: string } {
  const msp = e(mspName);
  switch (outcome.kind) {
    case 'connected':
      return { status: 200, title: 'Connected', body: `<h1>${e(outcome.companyName)} is connected</h1><p>${msp} can now bring your people into the client portal from your Microsoft 365 directory. The app reads users only (User.Read.All); you can revoke it at any time under Enterprise applications in Microsoft Entra ID.</p><p class="muted">You can close this page.</p>` };
    case 'renewed':
      return { status: 200, title: 'Consent renewed', body: `<h1>Consent renewed for ${e(outcome.companyName)}</h1><p>${msp} can read your directory's users again.</p><p class="muted">You can close this page.</p>` };
    case 'declined':
      return { status: 200, title: 'Consent not given', body: `<h1>Nothing was connected</h1><p>Consent for ${e(outcome.companyName)} was not given, so ${msp} cannot read your directory. If that was a mistake, ask them for a new link.</p>` };
    case 'invalid':
      return { status: 400, title: 'Link not valid', body: `<h1>This consent link is not valid</h1><p>Check that the whole link was opened.</p>${ASK_AGAIN}` };
    case 'expired':
      return { status: 410, title: 'Link expired', body: `<h1>This consent link has expired</h1><p>Consent links work for an hour.</p>${ASK_AGAIN}` };
    case 'used':
      return { status: 410, title: 'Link already used', body: `<h1>This consent link was already used</h1><p>Each link works once. If the company is not connected yet:</p>${ASK_AGAIN}` };
    case 'badTenant':
      return { status: 400, title: 'No tenant', body: `<h1>Microsoft did not say which tenant consented</h1><p>Nothing was connected. Open the link again and sign in as an administrator of your organisation.</p>` };
    case 'notConsented':
      return { status: 409, title: 'Consent not confirmed', body: `<h1>Microsoft 365 does not confirm the consent yet</h1><p>${msp} still cannot read the directory of ${e(outcome.companyName)}. Consent can take a few minutes to apply; open the same link again shortly (it works for an hour).</p>` };
    case 'unavailable':
      return { status: 503, title: 'Try again shortly', body: `<h1>The consent could not be checked now</h1><p>Nothing was connected for ${e(outcome.companyName)}. Open the same link again in a few minutes.</p>` };
    case 'tenantTaken':
      return { status: 409, title: 'Already connected', body: `<h1>This Microsoft 365 organisation is connected already</h1><p>${msp} has it connected to another company; one organisation belongs to one company. Nothing was changed. Contact ${msp}.</p>` };
    case 'otherTenant':
      return { status: 409, title: 'Another organisation', body: `<h1>This is not the organisation on record</h1><p>${e(outcome.companyName ?? 'The company')} is connected to a different Microsoft 365 organisation. Nothing was changed. Sign in as an administrator of the organisation ${msp} has on record, or contact them.</p>` };
    case 'companyGone':
      return { status: 410, title: 'Company not found', body: `<h1>This company is no longer a client of ${msp}</h1><p>Nothing was connected.</p>` };
    case 'archived':
      return { status: 409, title: 'Portal access is paused', body: `<h1>Portal access is paused</h1><p>The portal of ${e(outcome.companyName ?? 'this company')} is paused, so nothing was connected. Contact ${msp}.</p>` };
    case 'notAllowed':
      return { status: 403, title: 'Link no longer valid', body: `<h1>This consent link is no longer valid</h1><p>The person at ${msp} who made it can no longer connect companies.</p>${ASK_AGAIN}` };
  }
}

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * GET /consent/callback: where Microsoft Entra ID (or, in embedded mode, the local consent page) sends
 * the administrator back, with `tenant`, `admin_consent` and the signed `state`, or `error`.
 */
export function registerConsentCallbackRoute(server: Server, companies: CompanyService, mspName: string): void {
  server.get('/consent/callback', async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const outcome = await companies.completeConsent({
      state: one(query.state) ?? '',
      tenant: one(query.tenant),
      adminConsent: one(query.admin_consent),
      error: one(query.error),
      errorDescription: one(query.error_description)
    });
    const page = pageFor(outcome, mspName);
    sendPage(res, page.status, page);
  });
}
