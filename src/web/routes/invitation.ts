import type { Request, Response, Server } from 'restify';
import type { InvitationLinkStatus } from '../../services/portalUsers/acceptInvitation';
import type { PortalUserService } from '../../services/portalUsers';
import { escapeHtml as e } from '../../services/portalUsers/invitationMail';
import { sendPage } from '../page';

const ASK_AGAIN = '<p>Ask your administrator, or your IT provider, to send you a new invitation.</p>';

/** The page for each state of a link. Only a valid link offers the Accept button (a POST). */
function pageFor(status: InvitationLinkStatus, secret: string): { status: number; title: string; body: string } {
  switch (status.state) {
    case 'valid': {
      const until = new Date(status.expiresAt).toUTCString().replace(/:\d\d GMT$/, ' UTC');
      return {
        status: 200,
        title: `Invitation to the ${status.companyName} portal`,
        body: `<h1>Join the ${e(status.companyName)} portal</h1>
<p>This invitation is for <strong>${e(status.displayName)}</strong> (${e(status.email)}).</p>
<form method="post" action="/invite/${e(secret)}"><button type="submit">Accept invitation</button></form>
<p class="muted">The invitation is valid until ${e(until)} and works once.</p>`
      };
    }
    case 'accepted':
      return {
        status: 200,
        title: 'Invitation accepted',
        body: `<h1>Welcome, ${e(status.displayName)}</h1><p>You now have access to the ${e(status.companyName)} portal. Open the <strong>Portal</strong> tab in Microsoft Teams to use it.</p>`
      };
    case 'used':
      return { status: 410, title: 'Invitation already used', body: `<h1>This invitation has already been used</h1><p>If that was you, open the <strong>Portal</strong> tab in Microsoft Teams to sign in.</p>${ASK_AGAIN}` };
    case 'expired':
      return { status: 410, title: 'Invitation expired', body: `<h1>This invitation has expired</h1>${ASK_AGAIN}` };
    case 'replaced':
      return { status: 410, title: 'Invitation replaced', body: `<h1>This invitation is no longer valid</h1><p>A newer invitation was sent to you; use the link in the most recent email.</p>${ASK_AGAIN}` };
    case 'revoked':
      return { status: 410, title: 'Invitation withdrawn', body: `<h1>This invitation is no longer valid</h1><p>It was withdrawn.</p>${ASK_AGAIN}` };
    case 'paused':
      return { status: 403, title: 'Portal access is paused', body: `<h1>Portal access is paused</h1><p>Portal access for ${e(status.companyName)} is paused at the moment. Contact your IT provider.</p>` };
    case 'unknown':
      return { status: 404, title: 'Invitation not found', body: `<h1>This invitation link is not valid</h1><p>Check that you opened the whole link from the email.</p>${ASK_AGAIN}` };
  }
}

/**
 * GET /invite/:secret shows the invitation and never uses it: mail scanners and link previews open
 * links. POST /invite/:secret (the Accept button) accepts it.
 */
export function registerInvitationRoutes(server: Server, portalUsers: PortalUserService): void {
  server.get('/invite/:secret', async (req: Request, res: Response) => {
    const secret = String(req.params.secret ?? '');
    const page = pageFor(await portalUsers.inspectInvitation(secret), secret);
    sendPage(res, page.status, page);
  });
  server.post('/invite/:secret', async (req: Request, res: Response) => {
    const secret = String(req.params.secret ?? '');
    const page = pageFor(await portalUsers.acceptInvitation(secret), secret);
    sendPage(res, page.status, page);
  });
}
