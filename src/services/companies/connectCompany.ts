import type { ConversationRef } from '../../store/model';
import type { StaffActor } from '../../domain/actor';
import { refuse } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import { GraphConsentError } from '../../graph/errors';
import { usersPage } from '../../graph/users';
import { refused, type ServiceResult } from '../result';
import { CONSENT_LINK_VALID_MS } from './consent';
import type { CompanyDeps } from './deps';
import { z } from 'zod';
import { CompanyIdInput } from '../operations/inputs';
import { runChange } from '../operations/pipeline';
import { companyOperation } from './companyOperation';

export interface ConnectLink {
  companyName: string;
  /** The tenant the company is connected to already, if any (the link then renews its consent). */
  tenantId?: string;
  url: string;
  validMinutes: number;
}

/**
 * The admin-consent link for a company's Microsoft 365 tenant. The requester's personal chat is kept
 * so they can be told when the consent comes back.
 */
export async function connectLink(
  deps: CompanyDeps,
  actor: StaffActor,
  companyId: string,
  personalChat?: ConversationRef
): Promise<ServiceResult<ConnectLink>> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const permission = authorize(actor, 'company.connect', { mspId: company.mspId, companyId });
  if (!permission.ok) return refused(permission);
  if (company.isMspCompany) return refused(refuse('mspCompany', `${company.name} is your own company; it is not a client tenant to connect.`));
  if (company.state !== 'active') return refused(refuse('companyArchived', `${company.name} is archived; restore it before connecting it.`));
  if (personalChat) await deps.repos.conversations.recordPersonalChat(actor.tenantId, actor.objectId, personalChat);
  const url = await deps.consent.link(company.companyId, actor.staffId, company.tenantId);
  return {
    status: 'done',
    value: { companyName: company.name, tenantId: company.tenantId, url, validMinutes: CONSENT_LINK_VALID_MS / 60_000 },
    message: `Admin-consent link for ${company.name}`
  };
}

export interface ConsentCallback {
  state: string;
  tenant?: string;
  /** Entra ID says True when the administrator consented. */
  adminConsent?: string;
  error?: string;
  errorDescription?: string;
}

/** What the consent callback page says. Its words go to the client's administrator, so they name no other client. */
export type ConsentOutcome =
  | { kind: 'connected' | 'renewed'; companyName: string }
  | { kind: 'declined'; companyName: string }
  | { kind: 'invalid' | 'expired' | 'used' | 'badTenant' }
  | { kind: 'notConsented' | 'unavailable'; companyName: string }
  | { kind: 'tenantTaken' | 'otherTenant' | 'companyGone' | 'archived' | 'notAllowed'; companyName?: string };

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The end of the admin-consent round trip. The `state` is checked (signature, purpose, expiry) before
 * anything else; the tenant id in the query is not signed by anyone, so the consent is proven by asking
 * Microsoft Graph for a token and one user of that tenant. Only then is the state used up (once), and
 * the tenant recorded on the company by a conditional write that claims the tenant's lookup, so a tenant
 * belongs to one company. The requester is told in personal chat either way.
 */
export async function completeConsent(deps: CompanyDeps, callback: ConsentCallback): Promise<ConsentOutcome> {
  const check = await deps.consent.verify(callback.state ?? '');
  if (check.status === 'invalid') return { kind: 'invalid' };
  if (check.status === 'expired') return { kind: 'expired' };
  const state = check.payload;
  const company = await deps.repos.companies.get(state.companyId);
  const staff = await deps.repos.staff.get(state.staffId);
  if (!company) return { kind: 'companyGone' };
  const actor: StaffActor | undefined = staff?.identity && {
    kind: 'staff',
    mspId: deps.repos.mspId,
    staffId: staff.id,
    role: staff.role,
    displayName: staff.displayName,
    tenantId: staff.identity.tenantId,
    objectId: staff.identity.objectId
  };
  // The requester's rights are checked again now: they may have lost them since the link was made.
  if (!actor || !authorize(actor, 'company.connect', { mspId: company.mspId, companyId: company.companyId }).ok) {
    return { kind: 'notAllowed', companyName: company.name };
  }
  const tell = (title: string, tone: 'done' | 'warning' | 'refused', message: string) => deps.notifications.tell(actor, { title, tone, message });

  if (callback.error || callback.adminConsent?.toLowerCase() !== 'true') {
    if (!(await deps.consent.useOnce(check.nonce, state))) return { kind: 'used' };
    const detail = callback.errorDescription ? ` Microsoft said: ${callback.errorDescription.slice(0, 300)}` : '';
    await tell('Consent not given', 'warning', `The administrator did not give consent for ${company.name}.${detail} Say "connect ${company.name}" for a new link.`);
    return { kind: 'declined', companyName: company.name };
  }
  const tenantId = callback.tenant?.trim() ?? '';
  if (!TENANT_ID.test(tenantId)) return { kind: 'badTenant' };
  if (company.state !== 'active') return { kind: 'archived', companyName: company.name };
  if (company.tenantId && company.tenantId.toLowerCase() !== tenantId.toLowerCase()) {
    await tell('Not connected', 'refused', `The consent for ${company.name} came from another Microsoft 365 tenant (${tenantId}) than the one it is connected to (${company.tenantId}). Nothing was changed.`);
    return { kind: 'otherTenant', companyName: company.name };
  }
  const holder = await deps.repos.companies.findByTenant(tenantId);
  if (holder && holder.companyId !== company.companyId) {
    await tell('Not connected', 'refused', `That Microsoft 365 tenant (${tenantId}) is connected to ${holder.name} already; one tenant belongs to one company. Nothing was changed for ${company.name}.`);
    return { kind: 'tenantTaken' };
  }
  try {
    await usersPage(deps.graph, tenantId, { top: 1 });
  } catch (error) {
    if (!(error instanceof GraphConsentError)) return { kind: 'unavailable', companyName: company.name };
    await tell('Consent not confirmed', 'warning', `Microsoft 365 does not confirm the consent for ${company.name} (tenant ${tenantId}): the app still cannot read its directory. The administrator may have closed the consent page early; the same link works again for an hour.`);
    return { kind: 'notConsented', companyName: company.name };
  }
  if (!(await deps.consent.useOnce(check.nonce, state))) return { kind: 'used' };

  const renewed = company.tenantId?.toLowerCase() === tenantId.toLowerCase();
  if (renewed) {
    await deps.audit.record({ actor, surface: 'system', action: 'company.connect', companyId: company.companyId, target: { kind: 'company', id: company.companyId, name: company.name }, after: { tenantId, consent: 'renewed' }, payload: callback, result: 'done' });
    await tell('Consent renewed', 'done', `${company.name}'s administrator gave consent again. Imports and syncs from its Microsoft 365 tenant work.`);
    return { kind: 'renewed', companyName: company.name };
  }
  const result = await runChange(deps, connectTenantOperation(deps), {
    actor,
    surface: 'system',
    idempotencyKey: `consent:${check.nonce}`,
    payload: callback,
    input: { companyId: company.companyId, tenantId }
  });
  if (result.status === 'done') {
    await tell('Connected to Microsoft 365', 'done', `${company.name} is connected to its Microsoft 365 tenant. Say "import users for ${company.name}" to bring its people into the portal.`);
    return { kind: 'connected', companyName: company.name };
  }
  await tell('Not connected', 'refused', result.message);
  // Invalid is the tenant claimed by another company in the same moment; anything else can be retried.
  return result.status === 'invalid' ? { kind: 'tenantTaken' } : { kind: 'unavailable', companyName: company.name };
}

const ConnectTenantInput = z.object({ companyId: CompanyIdInput, tenantId: z.string().regex(TENANT_ID) });

/** The consent's tenant written on the company, claimed first: one tenant belongs to one company. */
export function connectTenantOperation(deps: CompanyDeps) {
  return companyOperation(deps, {
    id: 'company.connectTenant',
    audit: 'company.connect',
    action: 'company.connect',
    input: ConnectTenantInput,
    async plan({ doc: current }, { input }) {
      if (current.tenantId) return refuse('illegalTransition', `${current.name} was connected to another tenant meanwhile.`);
      const tenantId = input.tenantId.toLowerCase();
      return {
        next: { ...current, tenantId },
        before: { tenantId: null },
        after: { tenantId },
        message: `${current.name} is connected to Microsoft 365.`,
        whenTaken: async () => {
          const holder = await deps.repos.companies.findByTenant(tenantId);
          return `That Microsoft 365 tenant (${input.tenantId}) is connected to ${holder?.name ?? 'another company'} already; one tenant belongs to one company.`;
        }
      };
    }
  });
}
