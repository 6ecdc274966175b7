import type { Container } from '@azure/cosmos';
import { createDocument, type Stored } from '../documents';
import type { CompanyRecordDoc, RecordKind } from '../model';
import { queryCount } from '../paging';

/** Company records synced from the PSA (tickets, assets, invoices, ...), partitioned by company. */
export class RecordRepository {
  constructor(
    private readonly container: Container,
    readonly mspId: string
  ) {}

  async create(record: CompanyRecordDoc): Promise<Stored<CompanyRecordDoc>> {
    return createDocument(this.container, record);
  }

  async countByKind(companyId: string, kind: RecordKind): Promise<number> {
    return queryCount(this.container, {
      query:
        "SELECT VALUE COUNT(1) FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND c.kind = @kind",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId },
        { name: '@kind', value: kind }
      ]
    });
  }

  /** Invoices of the company that still have an outstanding balance (these block a permanent delete). */
  async countOutstandingInvoices(companyId: string): Promise<number> {
    return queryCount(this.container, {
      query:
        "SELECT VALUE COUNT(1) FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'record' AND c.kind = 'invoice' AND c.balance > 0",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
  }
}
