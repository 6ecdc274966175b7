import type { AuditEntry } from '../../audit/recorder';
import type { Actor, StaffActor } from '../../domain/actor';
import { companyNameKey, companyNameProblem, normaliseCompanyName } from '../../domain/companyName';
import { rolesThatMay } from '../../domain/companyOperations';
import { authorize } from '../../domain/permissions';
import { phoneProblem } from '../../domain/phone';
import { AlreadyExistsError } from '../../store/errors';
import { derivedId } from '../../store/ids';
import type { AuditSurface, CompanyDoc } from '../../store/model';
import { carrying, loadSettled, settle } from '../pendingAudit';
import { refused, type ServiceResult } from '../result';
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

/** Adds a client company. Names are unique within the MSP, case-insensitively (claimed by a lookup). */
/** Why this actor may not add companies (shown before the form, so no one fills in one that will be refused), or undefined. */
export function addCompanyRefusal(actor: StaffActor): string | undefined {
  const permission = authorize(actor, 'company.add', { mspId: actor.mspId });
  if (permission.ok) return undefined;
  return permission.code === 'forbidden' ? `${permission.reason} Ask ${rolesThatMay('company.add')}.` : permission.reason;
}

export async function addCompany(deps: CompanyDeps, request: AddCompanyRequest): Promise<ServiceResult<CompanyView>> {
  const { repos } = deps;
  const id = derivedId('company', repos.mspId, request.idempotencyKey);
  const entry = (result: 'refused' | 'done', message: string, extra: object = {}): AuditEntry => ({
      actor: request.actor,
      surface: request.surface,
      action: 'company.add',
      companyId: result === 'done' ? id : undefined,
      target: { kind: 'company', id, name: request.name },
      payload: request.payload,
      result,
      message,
      idempotencyKey: request.idempotencyKey,
      ...extra
    });
  const audit = (result: 'refused', message: string) => deps.audit.record(entry(result, message));
  const permission = authorize(request.actor, 'company.add', { mspId: repos.mspId });
  if (!permission.ok) {
    await audit('refused', permission.reason);
    return refused(permission);
  }
  const mine = await loadSettled(deps, 'company', await repos.companies.get(id));
  if (mine) return { status: 'noop', message: `${mine.name} was added already.`, current: toCompanyView(mine) };

  const fields: Record<string, string> = {};
  const nameIssue = companyNameProblem(request.name ?? '');
  const websiteIssue = websiteProblem(request.website ?? '');
  const phoneIssue = phoneProblem(request.phone ?? '');
  if (nameIssue) fields.name = nameIssue;
  if (websiteIssue) fields.website = websiteIssue;
  if (phoneIssue) fields.phone = phoneIssue;
  if (Object.keys(fields).length) {
    const message = Object.values(fields).join(' ');
    await audit('refused', message);
    return { status: 'invalid', message, fields };
  }

  const name = normaliseCompanyName(request.name);
  const now = deps.clock().toISOString();
  const company: CompanyDoc = {
    id,
    companyId: id,
    mspId: repos.mspId,
    type: 'company',
    name,
    nameKey: companyNameKey(name),
    website: normaliseWebsite(request.website ?? ''),
    phone: request.phone?.trim() || undefined,
    isMspCompany: false,
    state: 'active',
    lastActionKey: request.idempotencyKey,
    createdAt: now,
    updatedAt: now
  };
  try {
    const written = await repos.companies.create(carrying(deps, company, undefined, entry('done', `${name} added`, { after: { name, website: company.website, phone: company.phone } })));
    const created = (await settle(deps, 'company', written)) ?? written;
    return { status: 'done', value: toCompanyView(created), message: `${name} is added. Connect it to Microsoft 365 to import its people.` };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    // The same request retried at the same moment finds its own company; anything else is a taken name.
    const retried = await repos.companies.get(id);
    if (retried) return { status: 'noop', message: `${retried.name} was added already.`, current: toCompanyView(retried) };
    const holder = await repos.companies.findByName(name);
    const message = holder
      ? `A company named ${holder.name} exists already${holder.state === 'archived' ? ' (archived: restore it instead)' : ''}. Company names are unique, whatever the capitals.`
      : `A company named ${name} is being added by someone else right now.`;
    await audit('refused', message);
    return { status: 'invalid', message, fields: { name: message } };
  }
}
