import type { Logger } from 'pino';
import { startDevIssuer, type DevIssuer } from '../../src/auth/devIssuer';
import { devTabSettings } from '../../src/auth/tabSettings';
import type { Stored } from '../../src/store/documents';
import { derivedId } from '../../src/store/ids';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { startDemoApp, type DemoApp } from './demoApp';

export interface TabApp {
  demo: DemoApp;
  issuer: DevIssuer;
  url: string;
  company(name: string): Promise<Stored<CompanyDoc>>;
  /** The company's users, all categories. */
  users(companyId: string): Promise<Stored<PortalUserDoc>[]>;
  /** The first user of the company with this role and access. */
  user(companyName: string, role: PortalUserDoc['role'], access: PortalUserDoc['access']): Promise<Stored<PortalUserDoc>>;
  /** A token from the development issuer for this portal user, as Teams single sign-on would give it. */
  tokenFor(user: PortalUserDoc, options?: { lifetimeSeconds?: number }): Promise<string>;
  /** Calls the app with a bearer token (or none). */
  call(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * The demo app (embedded-mode settings, demo data, real Cosmos-protocol store) with the tab trusting
 * the local development issuer, exactly as `npm start` runs it.
 */
export async function startTabApp(options: { logger?: Logger } = {}): Promise<TabApp> {
  const issuer = await startDevIssuer();
  const demo = await startDemoApp({ tab: devTabSettings(issuer) }, { logger: options.logger });
  const { repos } = demo.app.services;
  const company = async (name: string) => {
    const found = await repos.companies.findByName(name);
    if (!found) throw new Error(`no company ${name}`);
    return found;
  };
  const users = async (companyId: string) => (await repos.portalUsers.list(companyId, { pageSize: 200 })).items;
  return {
    demo,
    issuer,
    url: demo.url,
    company,
    users,
    async user(companyName, role, access) {
      const found = (await users((await company(companyName)).companyId)).find((u) => u.role === role && u.access === access);
      if (!found) throw new Error(`no ${role} ${access} in ${companyName}`);
      return found;
    },
    async tokenFor(user, options = {}) {
      const owner = await repos.companies.get(user.companyId);
      if (!owner?.tenantId) throw new Error(`${owner?.name} has no tenant`);
      const objectId = user.identity?.objectId ?? user.entraObjectId ?? derivedId('devTabSignIn', user.companyId, user.id);
      return issuer.issue({ tenantId: owner.tenantId, objectId, name: user.displayName, email: user.email, ...options });
    },
    async call(method, path, token, body) {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${demo.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
      return { status: response.status, body: parsed };
    },
    async close() {
      await demo.close();
      await issuer.close();
    }
  };
}
