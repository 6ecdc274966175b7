import type { Container, SqlParameter } from '@azure/cosmos';
import { bulkCreate } from '../bulk';
import { createDocument, type Stored } from '../documents';
import { AlreadyExistsError } from '../errors';
import type { AuditDoc } from '../model';
import { queryPage, type Page, type PageRequest } from '../paging';

export interface AuditListRequest extends PageRequest {
  actorId?: string;
  /** Part of the acting person's name, any case. */
  person?: string;
  /** Only these actions. */
  actions?: readonly string[];
}

/**
 * The append-only audit log. This repository can only add records and read them: there is no
 * replace and no delete, so no code path of the app can rewrite history.
 */
export class AuditRepository {
  constructor(
    private readonly container: Container,
    readonly mspId: string
  ) {}

  /**
   * Adds a record. A record id derived from an idempotency key makes a retried action land once:
   * the second append finds the id taken and returns false.
   */
  async append(record: AuditDoc): Promise<boolean> {
    try {
      await createDocument(this.container, record);
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** Adds many records in bulk (imports); ids already present are left as they are. */
  async appendMany(records: AuditDoc[]): Promise<void> {
    await bulkCreate(this.container, records, (record) => record.companyId);
  }

  /** A company's trail, newest first. */
  async list(companyId: string, request: AuditListRequest): Promise<Page<Stored<AuditDoc>>> {
    const filters = ['c.mspId = @mspId', 'c.companyId = @companyId', "c.type = 'audit'"];
    const parameters: SqlParameter[] = [
      { name: '@mspId', value: this.mspId },
      { name: '@companyId', value: companyId }
    ];
    if (request.actorId) {
      filters.push('c.actor.id = @actorId');
      parameters.push({ name: '@actorId', value: request.actorId });
    }
    const person = request.person?.trim().toLowerCase();
    if (person) {
      filters.push('CONTAINS(LOWER(c.actor.displayName), @person)');
      parameters.push({ name: '@person', value: person });
    }
    if (request.actions?.length) {
      filters.push('ARRAY_CONTAINS(@actions, c.action)');
      parameters.push({ name: '@actions', value: [...request.actions] });
    }
    return queryPage(
      this.container,
      { query: `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.at DESC`, parameters },
      request
    );
  }
}
