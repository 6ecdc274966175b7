import type { Container } from '@azure/cosmos';
import { createDocument, readDocument, replaceDocument, type Stored } from '../documents';
import type { CompanyDoc, LookupKind } from '../model';
import { queryPage, type Page, type PageRequest } from '../paging';
import type { LookupRepository } from './lookups';

export function nameKeyOf(name: string): string {
  return name.trim().toLowerCase();
}

/** The MSP's own company has an id derived from the MSP's id, so it is one point read away. */
export function mspCompanyIdOf(mspId: string): string {
  return `msp-${mspId}`;
}

export interface CompanyListRequest extends PageRequest {
  includeArchived?: boolean;
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
  async create(company: CompanyDoc): Promise<Stored<CompanyDoc>> {
    const stale = async (existing: { companyId?: string }) =>
      !existing.companyId || !(await this.get(existing.companyId));
    const claims: [LookupKind, string][] = [['companyName', company.nameKey]];
    if (company.tenantId) claims.push(['tenant', company.tenantId]);
    const claimed: [LookupKind, string][] = [];
    try {
      for (const [kind, key] of claims) {
        await this.lookups.claim(kind, [key], { companyId: company.id }, stale);
        claimed.push([kind, key]);
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

  async list(request: CompanyListRequest): Promise<Page<Stored<CompanyDoc>>> {
    const filters = ['c.mspId = @mspId', "c.type = 'company'"];
    const parameters = [{ name: '@mspId', value: this.mspId }];
    if (!request.includeArchived) filters.push("c.state = 'active'");
    if (request.search?.trim()) {
      filters.push('CONTAINS(c.nameKey, @search)');
      parameters.push({ name: '@search', value: request.search.trim().toLowerCase() });
    }
    return queryPage<Stored<CompanyDoc>>(
      this.container,
      { query: `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.nameKey`, parameters },
      request
    );
  }
}
