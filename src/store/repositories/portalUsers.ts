import type { Container, SqlParameter } from '@azure/cosmos';
import type { UserCategory } from '../../domain/portalAccess';
import { createDocument, deleteDocument, readDocument, replaceDocument, type Stored } from '../documents';
import type { PortalUserDoc } from '../model';
import { queryAll, queryCount, queryPage, type Page, type PageRequest } from '../paging';

const ACCESS_OF_CATEGORY: Record<UserCategory, PortalUserDoc['access']> = {
  enabled: 'active',
  disabled: 'disabled',
  unconfirmed: 'invited',
  noAccess: 'none'
};

export interface PortalUserListRequest extends PageRequest {
  category?: UserCategory;
  /** Matches the name or the email, case-insensitively. */
  search?: string;
}

/**
 * Portal users, partitioned by company. Every query names both the MSP and the company partition,
 * so real Cosmos DB runs it in one partition (the local server ignores the partitionKey option).
 */
export class PortalUserRepository {
  constructor(
    private readonly container: Container,
    readonly mspId: string
  ) {}

  async get(companyId: string, userId: string): Promise<Stored<PortalUserDoc> | undefined> {
    const doc = await readDocument<PortalUserDoc>(this.container, userId, companyId);
    return doc && doc.mspId === this.mspId && doc.companyId === companyId ? doc : undefined;
  }

  async create(user: PortalUserDoc): Promise<Stored<PortalUserDoc>> {
    return createDocument(this.container, user);
  }

  async replace(user: Stored<PortalUserDoc>): Promise<Stored<PortalUserDoc>> {
    return replaceDocument(this.container, { ...user, updatedAt: new Date().toISOString() }, user.companyId);
  }

  async delete(user: Stored<PortalUserDoc>): Promise<void> {
    await deleteDocument(this.container, user.id, user.companyId, user._etag);
  }

  private scope(companyId: string): { filters: string[]; parameters: SqlParameter[] } {
    return {
      filters: ['c.mspId = @mspId', 'c.companyId = @companyId', "c.type = 'portalUser'"],
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    };
  }

  async list(companyId: string, request: PortalUserListRequest): Promise<Page<Stored<PortalUserDoc>>> {
    const { filters, parameters } = this.scope(companyId);
    if (request.category) {
      filters.push('c.access = @access');
      parameters.push({ name: '@access', value: ACCESS_OF_CATEGORY[request.category] });
    }
    const search = request.search?.trim().toLowerCase();
    if (search) {
      filters.push('(CONTAINS(LOWER(c.displayName), @search) OR CONTAINS(c.emailKey, @search))');
      parameters.push({ name: '@search', value: search });
    }
    const query = `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.displayName`;
    return queryPage<Stored<PortalUserDoc>>(this.container, { query, parameters }, request);
  }

  /** Users of the company with this email, compared case-insensitively. */
  async findByEmail(companyId: string, email: string): Promise<Stored<PortalUserDoc>[]> {
    const { filters, parameters } = this.scope(companyId);
    filters.push('c.emailKey = @emailKey');
    parameters.push({ name: '@emailKey', value: email.trim().toLowerCase() });
    return queryAll(this.container, { query: `SELECT * FROM c WHERE ${filters.join(' AND ')}`, parameters });
  }

  async countEnabledAdmins(companyId: string): Promise<number> {
    const { filters, parameters } = this.scope(companyId);
    filters.push("c.role = 'admin'", "c.access = 'active'");
    return queryCount(this.container, { query: `SELECT VALUE COUNT(1) FROM c WHERE ${filters.join(' AND ')}`, parameters });
  }

  async countByCategory(companyId: string): Promise<Record<UserCategory, number>> {
    const counts: Record<UserCategory, number> = { enabled: 0, disabled: 0, unconfirmed: 0, noAccess: 0 };
    for (const category of Object.keys(counts) as UserCategory[]) {
      const { filters, parameters } = this.scope(companyId);
      filters.push('c.access = @access');
      parameters.push({ name: '@access', value: ACCESS_OF_CATEGORY[category] });
      counts[category] = await queryCount(this.container, {
        query: `SELECT VALUE COUNT(1) FROM c WHERE ${filters.join(' AND ')}`,
        parameters
      });
    }
    return counts;
  }
}
