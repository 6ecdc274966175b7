import type { Request, Response, Server } from 'restify';
import type { DevIssuer } from '../auth/devIssuer';
import { COMPANY_ROLE_LABELS, MSP_ROLE_LABELS } from '../domain/roles';
import { escapeHtml as e } from '../services/portalUsers/invitationMail';
import { statusOf } from '../services/portalUsers/view';
import { derivedId } from '../ids';
import type { Repositories } from '../store/repositories';
import { sendPage } from '../web/page';

const THEMES = ['default', 'dark', 'contrast'] as const;
const one = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Embedded mode only (registered by the composition root only with the development issuer, which
 * createApp refuses outside embedded mode); a development tool, so it reads the demo data directly: GET /dev/tab-signin lists the demo companies' portal users and the MSP's staff; a
 * button opens the tab in this browser as that person, with a token from the local issuer that Teams
 * single sign-on would otherwise give. The server checks it like any token; whether the person gets
 * in (disabled, paused, not invited) is decided by the same sign-in as in Teams.
 */
export function registerDevTabSignInRoutes(server: Server, repos: Repositories, issuer: DevIssuer, mspTenantId: string): void {
  server.get('/dev/tab-signin', async (_req: Request, res: Response) => {
    const companies = (await repos.companies.list({ includeArchived: true, pageSize: 100 })).items.filter((c) => !c.isMspCompany);
    const sections = await Promise.all(
      companies.map(async (company) => {
        const users = (await repos.portalUsers.list(company.companyId, { pageSize: 100 })).items;
        const rows = users
          .map((user) =>
            company.tenantId
              ? `<li><button type="submit" name="who" value="portalUser|${e(company.companyId)}|${e(user.id)}">${e(user.displayName)}</button> ${e(COMPANY_ROLE_LABELS[user.role])} · ${e(statusOf(user))}</li>`
              : `<li>${e(user.displayName)} · ${e(COMPANY_ROLE_LABELS[user.role])}</li>`
          )
          .join('');
        const note = company.tenantId ? (company.state === 'archived' ? ' (archived: its people see "Portal access is paused")' : '') : ' (not connected to Microsoft 365: its people cannot sign in yet)';
        return `<section aria-label="${e(company.name)}"><h2>${e(company.name)}<span class="muted">${e(note)}</span></h2><ul>${rows}</ul></section>`;
      })
    );
    const staff = (await repos.staff.list())
      .filter((s) => s.identity)
      .map((s) => `<li><button type="submit" name="who" value="staff|${e(s.id)}">${e(s.displayName)}</button> ${e(MSP_ROLE_LABELS[s.role])}</li>`)
      .join('');
    sendPage(res, 200, {
      title: 'Development sign-in',
      body: `<p role="note" style="background:#fff4ce;color:#242424;padding:.5rem .75rem;border-radius:4px"><strong>Development sign-in.</strong> Embedded mode only: a local issuer stands in for Microsoft Entra ID. Production has no such page and trusts Entra ID alone.</p>
<h1>Open the tab as…</h1>
<form method="post" action="/dev/tab-signin">
<p><label for="theme">Teams theme</label> <select id="theme" name="theme">${THEMES.map((t) => `<option value="${t}">${t}</option>`).join('')}</select></p>
${sections.join('\n')}
<section aria-label="MSP staff"><h2>MSP staff <span class="muted">(the MSP app's tab)</span></h2><ul>${staff}</ul></section>
</form>`
    });
  });

  server.post('/dev/tab-signin', async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const [kind, first, second] = one(body.who).split('|');
    const theme = THEMES.find((t) => t === one(body.theme)) ?? 'default';
    let token: string | undefined;
    if (kind === 'portalUser') {
      const company = await repos.companies.get(first ?? '');
      const user = company?.tenantId ? await repos.portalUsers.get(company.companyId, second ?? '') : undefined;
      if (company?.tenantId && user) {
        // The Entra account the person would sign in with: the one bound, else the one imported from, else a stable stand-in.
        const objectId = user.identity?.objectId ?? user.entraObjectId ?? derivedId('devTabSignIn', user.companyId, user.id);
        token = await issuer.issue({ tenantId: company.tenantId, objectId, name: user.displayName, email: user.email });
      }
    } else if (kind === 'staff') {
      const staff = await repos.staff.get(first ?? '');
      if (staff?.identity) {
        token = await issuer.issue({ tenantId: mspTenantId, objectId: staff.identity.objectId, name: staff.displayName, email: staff.email ?? `${staff.id}@staff.example` });
      }
    }
    if (!token) {
      sendPage(res, 400, { title: 'Nobody chosen', body: '<h1>Choose a person</h1><p><a href="/dev/tab-signin">Back to the development sign-in</a></p>' });
      return;
    }
    // The token rides in the fragment, which browsers never send to a server; the tab keeps it in sessionStorage.
    res.writeHead(303, { Location: `/tab?theme=${theme}#devToken=${token}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    res.end();
  });
}
