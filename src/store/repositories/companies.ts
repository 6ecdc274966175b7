import type { Container } from '@azure/cosmos';
import { companyNameKey } from '../../domain/companyName';
import { clearPendingAudit, createDocument, deleteDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { ConflictError } from '../errors';
import type { CompanyDoc, LookupKind } from '../model';
import { queryAll, queryPage, type Page, type PageRequest } from '../paging';
import type { LookupRepository } from './lookups';

/** Names are unique within the MSP case-insensitively (and whatever the Unicode form they were typed in). */
export const nameKeyOf = companyNameKey;

/** The MSP's own company has an id derived from the MSP's id, so it is one point read away. */
export function mspCompanyIdOf(mspId: string): string {
  return `msp-${mspId}`;
}

export interface CompanyListRequest extends PageRequest {
  includeArchived?: boolean;
  /** Only archived companies (the archive view). */
  archivedOnly?: boolean;
  /** Matches anywhere in the name, case-insensitively. */
  search?: string;
}

/** Companies of one MSP. Every read checks the MSP's id; every query filters on it. */
export class CompanyRepository {
  constructor(
    private readonly container: Container,
    private readonly lookups: LookupRepository,
    readonly mspId: string
  ) {}

  async get(companyId: string): Promise<Stored<CompanyDoc> | undefined> {
    const doc = await readDocument<CompanyDoc>(this.container, companyId, companyId);
    return doc && doc.mspId === this.mspId && doc.type === 'company' ? doc : undefined;
  }

  async findByName(name: string): Promise<Stored<CompanyDoc> | undefined> {
    const lookup = await this.lookups.get('companyName', nameKeyOf(name));
    const company = lookup?.companyId ? await this.get(lookup.companyId) : undefined;
    return company && company.nameKey === nameKeyOf(name) ? company : undefined;
  }

  async findByTenant(tenantId: string): Promise<Stored<CompanyDoc> | undefined> {
    const lookup = await this.lookups.get('tenant', tenantId);
    const company = lookup?.companyId ? await this.get(lookup.companyId) : undefined;
    return company && company.tenantId?.toLowerCase() === tenantId.toLowerCase() ? company : undefined;
  }

  /**
   * Creates a company after claiming its name (and tenant) lookups, so that names stay unique within
   * the MSP case-insensitively and a tenant belongs to one company. Throws AlreadyExistsError when taken.
   */
  /** Clears the audit record(s) a company carries once they are in the log; undefined when it changed meanwhile. */
  clearPendingAudit(doc: Stored<CompanyDoc>): Promise<Stored<CompanyDoc> | undefined> {
    return clearPendingAudit(this.container, doc, doc.companyId);
  }

  /** Companies whose audit records are not in the log yet. */
  withPendingAudit(): Promise<Stored<CompanyDoc>[]> {
    return queryAll(this.container, { query: 'SELECT * FROM c WHERE c.mspId = @mspId AND IS_DEFINED(c.pendingAudit)', parameters: [{ name: '@mspId', value: this.mspId }] });
  }

  async create(company: CompanyDoc): Promise<Stored<CompanyDoc>> {
    const claims: [LookupKind, string][] = [['companyName', company.nameKey]];
    if (company.tenantId) claims.push(['tenant', company.tenantId]);
    const claimed: [LookupKind, string][] = [];
    try {
      for (const [kind, key] of claims) {
        // One this very create claimed before it stopped is its own, and not given back if it fails again.
        if ((await this.lookups.claim(kind, [key], { companyId: company.id }, this.pointsElsewhere(kind, key))) === 'claimed') claimed.push([kind, key]);
      }
      return await createDocument(this.container, company);
    } catch (error) {
      // Give back what this attempt claimed, so a failed create leaves no name or tenant taken.
      for (const [kind, key] of claimed) await this.lookups.release(kind, key);
      throw error;
    }
  }

  /** Conditional replace on the ETag that was read; a ConflictError if someone else wrote first. */
  async replace(company: Stored<CompanyDoc>): Promise<Stored<CompanyDoc>> {
    return replaceDocument(this.container, { ...company, updatedAt: new Date().toISOString() }, company.companyId);
  }

  /**
   * Writes `next` over the version read (ETag) after claiming the lookup of a new name or tenant it
   * brings; the old name's lookup is released after the write, the new claim given back if the write
   * loses. AlreadyExistsError when the new name or tenant is taken, ConflictError when the company changed.
   */
  async replaceClaiming(next: Stored<CompanyDoc>, before: CompanyDoc): Promise<Stored<CompanyDoc>> {
    const claims: [LookupKind, string, string | undefined][] = [];
    if (next.nameKey !== before.nameKey) claims.push(['companyName', next.nameKey, before.nameKey]);
    if (next.tenantId && next.tenantId.toLowerCase() !== before.tenantId?.toLowerCase()) claims.push(['tenant', next.tenantId, before.tenantId]);
    const claimed: [LookupKind, string][] = [];
    try {
      for (const [kind, key] of claims) {
        if ((await this.lookups.claim(kind, [key], { companyId: next.companyId }, this.pointsElsewhere(kind, key))) === 'claimed') claimed.push([kind, key]);
      }
      const written = await this.replace(next);
      for (const [kind, , previous] of claims) {
        if (previous) await this.lookups.releaseIfOwned(kind, [previous], { companyId: next.companyId });
      }
      return written;
    } catch (error) {
      for (const [kind, key] of claimed) await this.lookups.releaseIfOwned(kind, [key], { companyId: next.companyId });
      throw error;
    }
  }

  /**
   * Removes the company document (the version read, when given) and then the name and tenant lookups
   * that still point to it. Safe to repeat: a company already gone only has its lookups checked again.
   */
  async remove(company: { companyId: string; nameKey: string; tenantId?: string; _etag?: string }): Promise<void> {
    try {
      await deleteDocument(this.container, company.companyId, company.companyId, company._etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Changed since it was read: remove the current version only if it is still being deleted.
      const current = await this.get(company.companyId);
      if (current && current.state !== 'deleting') throw error;
      if (current) await deleteDocument(this.container, current.companyId, current.companyId, current._etag);
    }
    const owner = { companyId: company.companyId };
    await this.lookups.releaseIfOwned('companyName', [company.nameKey], owner);
    if (company.tenantId) await this.lookups.releaseIfOwned('tenant', [company.tenantId], owner);
  }

  /** Companies with a pending delete request or being deleted: the few the deletion sweeper looks after. */
  async withDeletionUnderway(): Promise<Stored<CompanyDoc>[]> {
    return queryAll(this.container, {
      query: "SELECT * FROM c WHERE c.mspId = @mspId AND c.type = 'company' AND (c.state = 'deleting' OR c.deleteRequest.state = 'pending')",
      parameters: [{ name: '@mspId', value: this.mspId }]
    });
  }

  /** A claim whose company no longer exists may be taken over. */
  /**
   * A name or tenant claim is stale when its company is gone or no longer has that name or tenant (a
   * rename or connect that stopped between its claim and its write).
   */
  private pointsElsewhere(kind: LookupKind, key: string) {
    return async (existing: { companyId?: string }): Promise<boolean> => {
      const company = existing.companyId ? await this.get(existing.companyId) : undefined;
      if (!company) return true;
      return kind === 'tenant' ? company.tenantId?.toLowerCase() !== key.toLowerCase() : company.nameKey !== key;
    };
  }

  async list(request: CompanyListRequest): Promise<Page<Stored<CompanyDoc>>> {
    const filters = ['c.mspId = @mspId', "c.type = 'company'"];
    const parameters = [{ name: '@mspId', value: this.mspId }];
    if (request.archivedOnly) filters.push("c.state = 'archived'");
    else if (!request.includeArchived) filters.push("c.state = 'active'");
    const search = request.search ? companyNameKey(request.search) : '';
    if (search) {
      filters.push('CONTAINS(c.nameKey, @search)');
      parameters.push({ name: '@search', value: search });
    }
    return queryPage<Stored<CompanyDoc>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.nameKey`, parameters },
      request
    );
  }
}
