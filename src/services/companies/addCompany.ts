import { z } from 'zod';
import type { Actor, StaffActor } from '../../domain/actor';
import { companyNameKey, companyNameProblem, normaliseCompanyName } from '../../domain/companyName';
import { rolesThatMay } from '../../domain/companyOperations';
import { authorize } from '../../domain/permissions';
import { phoneProblem } from '../../domain/phone';
import { derivedId } from '../../store/ids';
import type { AuditSurface, CompanyDoc } from '../../store/model';
import { loadSettled, settle } from '../pendingAudit';
import type { ServiceResult } from '../result';
import { runCreate } from '../operations/create';
import type { CreateOperation } from '../operations/operation';
import type { CompanyDeps } from './deps';
import { toCompanyView, type CompanyView } from './view';

export interface AddCompanyRequest {
  actor: Actor;
  surface: AuditSurface;
  idempotencyKey: string;
  payload: unknown;
  name: string;
  website?: string;
  phone?: string;
}

const MAX_WEBSITE_LENGTH = 200;

/** Undefined when the optional website is empty or an http(s) address, otherwise a reason. */
export function websiteProblem(raw: string): string | undefined {
  const website = raw.trim();
  if (website === '') return undefined;
  if (website.length > MAX_WEBSITE_LENGTH) return `The website is longer than ${MAX_WEBSITE_LENGTH} characters.`;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(website) ? website : `https://${website}`);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !url.username && !url.password) return undefined;
  } catch {
    // not a URL: the reason below
  }
  return `The website "${website}" is not a web address; write it like https://contoso.com.`;
}

function normaliseWebsite(raw: string): string | undefined {
  const website = raw.trim();
  if (!website) return undefined;
  return new URL(/^[a-z][a-z0-9+.-]*:/i.test(website) ? website : `https://${website}`).toString().replace(/\/$/, '');
}

/** Why this actor may not add companies (shown before the form, so no one fills in one that will be refused), or undefined. */
export function addCompanyRefusal(actor: StaffActor): string | undefined {
  const permission = authorize(actor, 'company.add', { mspId: actor.mspId });
  if (permission.ok) return undefined;
  return permission.code === 'forbidden' ? `${permission.reason} Ask ${rolesThatMay('company.add')}.` : permission.reason;
}

export const AddCompanyInput = z.object({ name: z.string().max(1000), website: z.string().max(1000).optional(), phone: z.string().max(1000).optional() });
type AddCompanyInput = z.infer<typeof AddCompanyInput>;

/** company.add: a client company, its name unique within the MSP whatever the capitals (claimed by a lookup). */
export function addCompanyOperation(deps: CompanyDeps): CreateOperation<AddCompanyInput, CompanyDoc, CompanyView> {
  const { repos } = deps;
  return {
    kind: 'create',
    id: 'company.add',
    action: 'company.add',
    input: AddCompanyInput,
    idOf: ({ request }) => derivedId('company', repos.mspId, request.idempotencyKey),
    permission: () => ({ mspId: repos.mspId }),
    load: async (id) => loadSettled(deps, 'company', await repos.companies.get(id)),
    // Filed in the new company's history once it exists; a refusal under the MSP's own company.
    audited: (id, { input }, created) => ({ companyId: created ? id : undefined, target: { kind: 'company', id, name: input.name } }),
    async plan(id, { input, request }) {
      const fields: Record<string, string> = {};
      const nameIssue = companyNameProblem(input.name);
      const websiteIssue = websiteProblem(input.website ?? '');
      const phoneIssue = phoneProblem(input.phone ?? '');
      if (nameIssue) fields.name = nameIssue;
      if (websiteIssue) fields.website = websiteIssue;
      if (phoneIssue) fields.phone = phoneIssue;
      if (Object.keys(fields).length) return { invalid: Object.values(fields).join(' '), fields };
      const name = normaliseCompanyName(input.name);
      const now = deps.clock().toISOString();
      const doc: CompanyDoc = {
        id,
        companyId: id,
        mspId: repos.mspId,
        type: 'company',
        name,
        nameKey: companyNameKey(name),
        website: normaliseWebsite(input.website ?? ''),
        phone: input.phone?.trim() || undefined,
        isMspCompany: false,
        state: 'active',
        lastActionKey: request.idempotencyKey,
        createdAt: now,
        updatedAt: now
      };
      return {
        doc,
        after: { name, website: doc.website, phone: doc.phone },
        recorded: `${name} added`,
        message: `${name} is added. Connect it to Microsoft 365 to import its people.`,
        async whenTaken() {
          const holder = await repos.companies.findByName(name);
          const message = holder
            ? `A company named ${holder.name} exists already${holder.state === 'archived' ? ' (archived: restore it instead)' : ''}. Company names are unique, whatever the capitals.`
            : `A company named ${name} is being added by someone else right now.`;
          return { invalid: message, fields: { name: message } };
        }
      };
    },
    create: (doc) => repos.companies.create(doc),
    settle: async (written) => (await settle(deps, 'company', written)) ?? written,
    view: toCompanyView,
    replayed: (_doc, view) => ({ status: 'noop', message: `${view.name} was added already.`, current: view })
  };
}

/** Adds a client company (the operation company.add, for the composition root's callers and tests). */
export function addCompany(deps: CompanyDeps, request: AddCompanyRequest): Promise<ServiceResult<CompanyView>> {
  const { actor, surface, idempotencyKey, payload, name, website, phone } = request;
  return runCreate(deps, addCompanyOperation(deps), { actor, surface, idempotencyKey, payload, input: { name, website, phone } });
}
